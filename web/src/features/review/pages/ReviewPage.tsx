// 审核一个版本: the content, the linter's messages and the changes against the version in force;
// publish with an effective date, or return with a comment. The server enforces four eyes (审核人
// 不得为提交人) — its refusal is shown here as it came.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Space, Spin, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { describeError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { hasPermission } from '../../../shared/permissions';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useMe } from '../../auth/hooks';
import { useDiff, useGuideVersion, useImplementation, usePublishVersion, useReturnVersion } from '../../catalog/hooks';
import { DiffTable } from '../../catalog/components/DiffTable';
import { GuideView } from '../../catalog/components/GuideView';
import { LintPanel } from '../../catalog/components/LintPanel';
import { TotalsCard } from '../../catalog/components/TotalsCard';
import { StatusTag } from '../../catalog/pages/ImplementationPage';

export default function ReviewPage() {
  const { id = '' } = useParams();
  const version = useGuideVersion(id);
  const impl = useImplementation(version.data?.implementationId);
  const inForce = impl.data?.publishedVersion?.id;
  const diff = useDiff(id, inForce && inForce !== id ? inForce : undefined);
  const me = useMe().data;
  const publish = usePublishVersion(id);
  const ret = useReturnVersion(id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'publish' | 'return' | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [publishForm] = Form.useForm<{ effectiveFrom?: Dayjs | null; comment?: string }>();
  const [returnForm] = Form.useForm<{ comment: string }>();
  usePageTitle(impl.data ? `审核 · ${impl.data.item.name}` : '审核指南');

  if (version.error || impl.error) return <ErrorAlert error={version.error ?? impl.error} />;
  if (!version.data || !impl.data) return <Spin />;
  const v = version.data;
  const canReview = hasPermission(me?.roles, 'catalog.guide.review') && v.status === 'submitted';

  const done = (text: string) => {
    setDialog(null);
    setRefusal(null);
    message.success(text);
    navigate('/review');
  };
  const failed = (e: unknown) => {
    setDialog(null);
    setRefusal(describeError(e));
    message.error(describeError(e));
  };
  const onPublish = async () => {
    const f = await publishForm.validateFields();
    publish.mutate(
      { effectiveFrom: f.effectiveFrom?.format('YYYY-MM-DD'), comment: f.comment || undefined },
      { onSuccess: () => done('已发布'), onError: failed },
    );
  };
  const onReturn = async () => {
    const f = await returnForm.validateFields();
    ret.mutate({ comment: f.comment }, { onSuccess: () => done('已退回'), onError: failed });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        审核办事指南：{impl.data.item.name}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Link to={`/catalog/implementations/${impl.data.id}`}>{impl.data.org.name}</Link>
          <span>第 {v.versionNo} 版</span>
          <StatusTag status={v.status} />
          <span>调整原因：{v.changeReason || '—'}</span>
          {v.effectiveFrom && <span>拟施行：{v.effectiveFrom}</span>}
          {canReview && (
            <>
              <Button type="primary" onClick={() => setDialog('publish')}>
                发布
              </Button>
              <Button danger onClick={() => setDialog('return')}>
                退回
              </Button>
            </>
          )}
        </Space>
      </Card>
      {refusal && <Alert type="error" showIcon title="操作未成功" description={refusal} role="alert" closable={{ onClose: () => setRefusal(null) }} />}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Tabs
            items={[
              { key: 'content', label: '指南内容', children: <GuideView content={v.content} /> },
              {
                key: 'diff',
                label: '与现行版本比对',
                children: !inForce ? (
                  <Alert type="info" title="尚无现行版本，这是首次发布。" />
                ) : diff.isPending ? (
                  <Spin />
                ) : diff.error ? (
                  <ErrorAlert error={diff.error} />
                ) : (
                  <DiffTable changes={diff.data?.changes ?? []} />
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <TotalsCard totals={v.totals} />
            <LintPanel messages={v.lint} content={v.content} />
          </Space>
        </Col>
      </Row>
      <Modal title="发布指南" open={dialog === 'publish'} onCancel={() => setDialog(null)} onOk={onPublish} okText="发布" confirmLoading={publish.isPending} destroyOnHidden>
        <Form form={publishForm} layout="vertical" name="publish">
          <Form.Item label="施行日期（不填则为提交时拟定的日期或今天）" name="effectiveFrom">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="审核意见" name="comment">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="退回修改" open={dialog === 'return'} onCancel={() => setDialog(null)} onOk={onReturn} okText="退回" confirmLoading={ret.isPending} destroyOnHidden>
        <Form form={returnForm} layout="vertical" name="return">
          <Form.Item label="退回意见" name="comment" rules={[{ required: true, whitespace: true, message: '请填写退回意见' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
