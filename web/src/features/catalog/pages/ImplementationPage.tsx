// One implementation entry (实施清单): its item, organization, code, the version in force, and every
// guide version with what can be done with it (edit a draft, review a submission, compare).
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { describeError } from '../../../api/client';
import type { VersionSummary } from '../../../api/types';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { LEVEL_NAMES, STATUS_NAMES } from '../../../shared/labels';
import { hasPermission } from '../../../shared/permissions';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useMe } from '../../auth/hooks';
import { useCreateDraft, useImplementation } from '../hooks';

export function StatusTag({ status }: { status: string }) {
  const s = STATUS_NAMES[status] ?? { text: status, color: 'default' };
  return <Tag color={s.color}>{s.text}</Tag>;
}

export default function ImplementationPage() {
  const { id = '' } = useParams();
  const impl = useImplementation(id);
  const me = useMe().data;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const createDraft = useCreateDraft(id);
  usePageTitle(impl.data ? `${impl.data.item.name} · ${impl.data.org.name}` : '实施清单');
  const canWrite = hasPermission(me?.roles, 'catalog.guide.write');
  const canReview = hasPermission(me?.roles, 'catalog.guide.review');

  if (impl.isPending) return <Spin />;
  if (impl.error) return <ErrorAlert error={impl.error} />;
  const d = impl.data;
  const openDraft = d.versions.find((v) => v.status === 'draft' || v.status === 'returned');
  // One revision at a time: while a version is in review, no new draft can be started.
  const inReview = d.versions.find((v) => v.status === 'submitted');

  const newDraft = () =>
    createDraft.mutate(undefined, {
      onSuccess: (v) => navigate(`/guide-versions/${v.id}/edit`),
      onError: (e) => message.error(describeError(e)),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {d.item.name} · {d.org.name}
      </Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="事项类型">{d.item.typeName}</Descriptions.Item>
          <Descriptions.Item label="基本编码">{d.item.code}</Descriptions.Item>
          <Descriptions.Item label="实施编码">{d.code}</Descriptions.Item>
          <Descriptions.Item label="层级">{LEVEL_NAMES[d.level] ?? d.level}</Descriptions.Item>
          <Descriptions.Item label="现行版本">
            {d.publishedVersion ? `第 ${d.publishedVersion.versionNo} 版（${d.publishedVersion.effectiveFrom} 起施行）` : '尚未发布'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Space wrap>
        {canWrite &&
          (openDraft ? (
            <Button type="primary" onClick={() => navigate(`/guide-versions/${openDraft.id}/edit`)}>
              继续编辑第 {openDraft.versionNo} 版草稿
            </Button>
          ) : inReview ? (
            <Typography.Text>第 {inReview.versionNo} 版正在审核，审核完成后可新建修订。</Typography.Text>
          ) : (
            <Button type="primary" onClick={newDraft} loading={createDraft.isPending}>
              {d.versions.length ? '新建修订草稿' : '新建办事指南'}
            </Button>
          ))}
        <Link to={`/catalog/implementations/${id}/history`}>版本历史与比对</Link>
      </Space>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>指南版本</h2>}>
        <Table<VersionSummary>
          rowKey="id"
          size="small"
          dataSource={d.versions}
          pagination={false}
          scroll={{ x: 600 }}
          locale={{ emptyText: '尚无办事指南' }}
          columns={[
            { title: '版本', dataIndex: 'versionNo', width: 70, render: (n: number) => `第 ${n} 版` },
            {
              title: '状态',
              dataIndex: 'status',
              width: 110,
              render: (s: string, v) => (
                <Space size={4}>
                  <StatusTag status={s} />
                  {v.inForce && <Tag color="success">现行</Tag>}
                </Space>
              ),
            },
            { title: '施行日期', dataIndex: 'effectiveFrom', width: 110, render: (s: string | null) => s ?? '—' },
            { title: '调整原因', dataIndex: 'changeReason', render: (s: string) => s || '—' },
            {
              title: '操作',
              key: 'actions',
              width: 120,
              render: (_: unknown, v) =>
                (v.status === 'draft' || v.status === 'returned') && canWrite ? (
                  <Link to={`/guide-versions/${v.id}/edit`}>编辑</Link>
                ) : v.status === 'submitted' && canReview ? (
                  <Link to={`/review/${v.id}`}>审核</Link>
                ) : (
                  <Link to={`/review/${v.id}`}>查看</Link>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
