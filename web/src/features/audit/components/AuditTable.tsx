// The records of the audit trail (审计日志) as a table; a row opens to its before/after and hashes.
// Each cell leads with what an auditor reads (a name, a case number, 受理) and keeps the code or id
// beside it, smaller. The columns fit a 1280 px screen beside the menu; on a phone the table scrolls
// inside its own box (web/src/shared/scrollRegions.ts), never the page.
import type { CSSProperties, ReactNode } from 'react';
import { Descriptions, Table, Tag, Tooltip, Typography } from 'antd';
import { formatDateTime } from '../../../shared/time';
import type { AuditRecord } from '../hooks';

const SECONDARY: CSSProperties = { fontSize: 12, display: 'block' };
/** One line, cut with an ellipsis; the whole text is in the title. */
const ONE_LINE: CSSProperties = { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
/** Codes and ids break anywhere rather than widen the column. */
const CODE: CSSProperties = { ...SECONDARY, overflowWrap: 'anywhere' };

function Secondary({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <Typography.Text type="secondary" style={{ ...SECONDARY, ...style }}>
      {children}
    </Typography.Text>
  );
}

const actorOrgText = (r: AuditRecord) => [r.roleNames.join('、') || '系统', r.actorOrg?.name ?? r.actorOrg?.id].filter(Boolean).join(' · ');

function RecordDetail({ record }: { record: AuditRecord }) {
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="操作">
        {record.actionName ?? record.action}（{record.action}）
      </Descriptions.Item>
      <Descriptions.Item label="操作人">
        {record.actor ? `${record.actor.name ?? ''}（${record.actor.username ?? record.actor.id}）· ${actorOrgText(record)}` : '系统'}
      </Descriptions.Item>
      <Descriptions.Item label="对象">
        {record.objectTypeName ?? record.objectType} {record.objectLabel ?? ''}
        <Typography.Text code copyable style={{ wordBreak: 'break-all', marginInlineStart: 8 }}>
          {record.objectId}
        </Typography.Text>
      </Descriptions.Item>
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

function ObjectCell({ record: r }: { record: AuditRecord }) {
  const typeName = r.objectTypeName ?? r.objectType;
  return (
    // The id on hovering; the row's 详情 shows it too, with a copy button (also for the keyboard).
    <Tooltip title={`对象 ID：${r.objectId}`}>
      <span style={{ display: 'block' }}>
        {r.objectLabel ? <span style={{ overflowWrap: 'anywhere' }}>{r.objectLabel}</span> : <span style={{ ...CODE, fontSize: 13 }}>{r.objectId}</span>}
        <Secondary>{typeName}</Secondary>
      </span>
    </Tooltip>
  );
}

export function AuditTable({
  records,
  loading,
  onPickActor,
}: {
  records: AuditRecord[];
  loading: boolean;
  onPickActor: (id: string, label: string) => void;
}) {
  return (
    <Table<AuditRecord>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={records}
      pagination={false}
      // Fixed layout: the widths below hold whatever a cell holds (long names are cut or wrap inside
      // it), they add up to about 980 px, and a wider box gives the rest to 对象.
      tableLayout="fixed"
      scroll={{ x: 980 }}
      expandable={{ expandedRowRender: (r) => <RecordDetail record={r} />, columnTitle: '详情', columnWidth: 48 }}
      locale={{ emptyText: '没有符合条件的记录' }}
      columns={[
        {
          title: '时间',
          dataIndex: 'at',
          width: 150,
          render: (at: string, r) => (
            <>
              <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, { seconds: true })}</span>
              {/* A record is linked into the chain moments after the action (the chainer): until then, 待链接. */}
              <Secondary>{r.seq === null ? '待链接' : `序号 ${r.seq}`}</Secondary>
            </>
          ),
        },
        {
          title: '操作人',
          key: 'actor',
          width: 200,
          render: (_, r) => {
            const label = r.actor ? (r.actor.name ?? r.actor.username ?? r.actor.id) : '系统';
            const roles = r.roleNames.join('、') || '系统';
            const org = r.actorOrg?.name ?? r.actorOrg?.id;
            return (
              <>
                {r.actor ? (
                  <Typography.Link onClick={() => onPickActor(r.actor!.id, r.actor!.username ? `${label}（${r.actor!.username}）` : label)} title={`只看 ${label} 的操作`} style={ONE_LINE}>
                    {label}
                  </Typography.Link>
                ) : (
                  <Tag>系统</Tag>
                )}
                <Secondary style={ONE_LINE}>
                  <span title={roles}>{roles}</span>
                </Secondary>
                {org && (
                  <Secondary style={ONE_LINE}>
                    <span title={org}>{org}</span>
                  </Secondary>
                )}
              </>
            );
          },
        },
        {
          title: '操作',
          key: 'action',
          width: 160,
          render: (_, r) => (
            <>
              <span style={{ overflowWrap: 'anywhere' }}>{r.actionName ?? r.action}</span>
              {r.actionName && (
                <Typography.Text type="secondary" style={CODE}>
                  {r.action}
                </Typography.Text>
              )}
            </>
          ),
        },
        { title: '对象', key: 'object', render: (_, r) => <ObjectCell record={r} /> },
        {
          title: '对象所属机构',
          key: 'org',
          width: 150,
          render: (_, r) => <span style={{ overflowWrap: 'anywhere' }}>{r.org?.name ?? r.org?.id ?? '—'}</span>,
        },
        { title: '来源地址', dataIndex: 'ip', width: 120, render: (ip: string | null) => <span style={{ overflowWrap: 'anywhere' }}>{ip ?? '—'}</span> },
      ]}
    />
  );
}
