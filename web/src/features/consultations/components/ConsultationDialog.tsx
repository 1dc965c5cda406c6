// 登记咨询: the channel it came through, the item asked about (from the items the organization
// handles, the same list 窗口收件 offers), who asked and how to reach them, the question, and the
// answer — given at once or later. The signed-in staff member becomes its first responder (首问负责人).
import { useEffect, useMemo } from 'react';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { describeError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useApplicableImplementations } from '../../cases/hooks';
import { CONSULT_CHANNELS, useCreateConsultation, type ConsultationChannel, type NewConsultation } from '../hooks';
import { showFieldErrors } from './fieldErrors';

interface Values {
  channel: ConsultationChannel;
  itemId?: string;
  askerName?: string;
  askerContact?: string;
  question: string;
  when: 'now' | 'later';
  answer?: string;
}

// A mobile or fixed-line number (with area code, extension) or an e-mail address.
const CONTACT = /^(\+?[\d\s()-]{5,30}|[^\s@]+@[^\s@]+\.[^\s@]+)$/;
const FIELDS = ['channel', 'itemId', 'askerName', 'askerContact', 'question', 'answer'] as const;

export function ConsultationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const when = Form.useWatch('when', form);
  const implementations = useApplicableImplementations();
  const create = useCreateConsultation();
  const { message } = App.useApp();

  // One option per item: two organizations implementing the same item are one subject to ask about.
  const items = useMemo(() => {
    const seen = new Map<string, { value: string; label: string }>();
    for (const i of implementations.data ?? []) if (!seen.has(i.item.id)) seen.set(i.item.id, { value: i.item.id, label: i.item.name });
    return [...seen.values()];
  }, [implementations.data]);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const onOk = async () => {
    const v = await form.validateFields();
    const t = (s?: string) => s?.trim() || undefined;
    const body: NewConsultation = {
      channel: v.channel,
      question: v.question.trim(),
      ...(v.itemId ? { itemId: v.itemId } : {}),
      ...(t(v.askerName) ? { askerName: t(v.askerName) } : {}),
      ...(t(v.askerContact) ? { askerContact: t(v.askerContact) } : {}),
      ...(v.when === 'now' && t(v.answer) ? { answer: t(v.answer) } : {}),
    };
    create.mutate(body, {
      onSuccess: () => {
        message.success(v.when === 'now' ? '咨询已登记并答复' : '咨询已登记，待答复');
        onClose();
      },
      onError: (e) => {
        if (!showFieldErrors(form, e, FIELDS)) message.error(describeError(e));
      },
    });
  };

  return (
    <Modal title="登记咨询" open={open} onCancel={onClose} onOk={onOk} okText="登记" confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" name="new-consultation" requiredMark initialValues={{ channel: 'window', when: 'now' }}>
        <Form.Item label="咨询渠道" name="channel" rules={[{ required: true, message: '请选择咨询渠道' }]}>
          <Radio.Group role="radiogroup" aria-label="咨询渠道" options={CONSULT_CHANNELS} />
        </Form.Item>
        <ErrorAlert error={implementations.error} />
        <Form.Item label="咨询事项" name="itemId" extra="可不选：问题不涉及具体事项时留空">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            placeholder="输入事项名称搜索"
            loading={implementations.isPending}
            options={items}
            notFoundContent="没有找到事项"
          />
        </Form.Item>
        <Form.Item label="咨询人姓名" name="askerName" rules={[{ whitespace: true, message: '姓名不能只含空格' }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item label="联系方式" name="askerContact" extra="电话或电子邮箱，加密保存，用于稍后答复" rules={[{ pattern: CONTACT, message: '请填写电话号码或电子邮箱' }]}>
          <Input maxLength={100} autoComplete="off" style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item label="咨询内容" name="question" rules={[{ required: true, whitespace: true, message: '请填写咨询内容' }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item label="答复" name="when">
          <Radio.Group
            role="radiogroup"
            aria-label="答复"
            options={[
              { value: 'now', label: '当场答复' },
              { value: 'later', label: '稍后答复' },
            ]}
          />
        </Form.Item>
        {when !== 'later' && (
          <Form.Item label="答复内容" name="answer" rules={[{ required: true, whitespace: true, message: '请填写答复内容，或选择“稍后答复”' }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
