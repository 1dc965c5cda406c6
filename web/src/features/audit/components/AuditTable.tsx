// The records of the audit trail (审计日志) as a table; a row opens to its before/after and hashes.
import { Descriptions, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../shared/time';
import type { AuditRecord } from '../hooks';

function RecordDetail({ record }: { record: AuditRecord }) {
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="变更内容（个人信息已脱敏）">
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 13 }}>{JSON.stringify(record.changes, null, 2)}</pre>
      </Descriptions.Item>
      <Descriptions.Item label="记录编号">{record.id}</Descriptions.Item>
      <Descriptions.Item label="前一条哈希">
        <Typography.Text code style={{ wordBreak: 'break-all' }}>{record.prevHash ?? '（待链接）'}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="本条哈希（SM3）">
        <Typography.Text code style={{ wordBreak: 'break-all' }}>{record.hash ?? '（待链接）'}</Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

export function AuditTable({ records, loading, onPickActor }: { records: AuditRecord[]; loading: boolean; onPickActor: (id: string) => void }) {
  return (
    <Table<AuditRecord>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={records}
      pagination={false}
      scroll={{ x: 1100 }}
      expandable={{ expandedRowRender: (r) => <RecordDetail record={r} />, columnTitle: '详情' }}
      locale={{ emptyText: '没有符合条件的记录' }}
      columns={[
        // A record is linked into the chain moments after the action (the chainer): until then, 待链接.
        { title: '序号', dataIndex: 'seq', width: 80, render: (seq: number | null) => seq ?? <Typography.Text type="secondary">待链接</Typography.Text> },
        { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at, { seconds: true }) },
        {
          title: '操作人',
          key: 'actor',
          render: (_, r) =>
            r.actor ? (
              <Typography.Link onClick={() => onPickActor(r.actor!.id)} title="只看此人的操作">
                {r.actor.name ?? r.actor.id}
              </Typography.Link>
            ) : (
              <Tag>系统</Tag>
            ),
        },
        { title: '角色', key: 'roles', width: 110, render: (_, r) => r.roleNames.join('、') || '系统' },
        { title: '所在机构', key: 'actorOrg', render: (_, r) => r.actorOrg?.name ?? r.actorOrg?.id ?? '—' },
        { title: '操作', dataIndex: 'action', render: (a: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{a}</Typography.Text> },
        { title: '对象', key: 'object', render: (_, r) => `${r.objectType} · ${r.objectId}` },
        { title: '对象所属机构', key: 'org', render: (_, r) => r.org?.name ?? r.org?.id ?? '—' },
        { title: '来源地址', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
      ]}
    />
  );
}
