// 注销 / 吊销 with a reason. The reason is shown to anyone on the licence's public verification page,
// so the dialog says so. A licence someone else ended meanwhile (409) reloads and says so.
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { ApiError, describeError } from '../../../api/client';
import { useEndLicence } from '../hooks';
import { ENDINGS } from '../labels';
import type { LicenceDetail, LicenceEnding } from '../types';

interface Props {
  licence: LicenceDetail;
  ending: LicenceEnding | null;
  onClose: () => void;
  onDone: (text: string) => void;
  /** The licence was no longer active: the page reloads it. */
  onStale: () => void;
}

export function EndLicenceDialog({ licence, ending, onClose, onDone, onStale }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const end = useEndLicence(licence.id);
  const [problem, setProblem] = useState<string | null>(null);
  const meta = ending ? ENDINGS[ending] : null;

  useEffect(() => {
    if (!ending) return;
    setProblem(null);
    end.reset();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ending]);

  const submit = async () => {
    if (!ending || !meta) return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return; // the field says what is missing
    }
    setProblem(null);
    end.mutate(
      { ending, reason },
      {
        onSuccess: () => {
          onDone(`证照已${meta.label}`);
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409) {
            setProblem(`${e.detail}。页面已刷新为最新状态。`);
            onStale();
            return;
          }
          if (e instanceof ApiError) {
            const onReason = e.invalidParams.filter((p) => /reason$/.test(p.name));
            if (onReason.length) form.setFields([{ name: 'reason', errors: onReason.map((p) => p.reason) }]);
          }
          setProblem(describeError(e));
        },
      },
    );
  };

  return (
    <Modal
      title={meta ? <span style={{ display: 'block', paddingInlineEnd: 24, wordBreak: 'break-all' }}>{`${meta.title} · ${licence.licenceNumber}`}</span> : ''}
      open={!!ending}
      onCancel={onClose}
      onOk={submit}
      okText={meta?.ok ?? '确定'}
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={end.isPending}
      destroyOnHidden
      width={560}
    >
      {meta && (
        <Form form={form} layout="vertical" name={`licence-${ending}`} requiredMark>
          <Typography.Paragraph>
            {licence.licenceType.name}（持证主体：{licence.holder.name}）。{meta.explain}
          </Typography.Paragraph>
          <Form.Item
            label={`${meta.label}理由`}
            name="reason"
            extra="理由将显示在证照的公开核验页上，请勿填写个人信息。"
            rules={[
              { required: true, whitespace: true, message: `请填写${meta.label}理由` },
              { min: 2, max: 500, message: '理由为 2–500 个字' },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
          </Form.Item>
        </Form>
      )}
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
    </Modal>
  );
}
