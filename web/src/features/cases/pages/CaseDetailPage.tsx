// 办件详情: one case as the staff member handling it needs it — where it stands and how long is
// left, the guide version it is bound to, the applicant, the materials and notices, every step so
// far (who, in which role, what, when), the messages sent to the applicant, and a button for each
// action this viewer may take now (exactly the server's allowedActions).
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { StatusTag } from '../../../shared/StatusTag';
import { formatDateTime } from '../../../shared/time';
import { usePageTitle } from '../../../shared/usePageTitle';
import { ActionDialog, ACTION_BUTTONS } from '../components/ActionDialog';
import { SupplyDialog } from '../components/SupplyDialog';
import { TimeLimitTag } from '../components/TimeLimitTag';
import { useCase, useCaseMessages } from '../hooks';
import {
  ACTOR_KIND_NAMES,
  CASE_STATE_NAMES,
  APPLICANT_KIND_NAMES,
  CASE_MATERIAL_SOURCE_NAMES,
  CHANNEL_NAMES,
  DECISION_NAMES,
  DELIVERY_METHOD_NAMES,
  DETAIL_NAMES,
  fileSize,
  materialStatus,
  MESSAGE_CHANNEL_NAMES,
  MESSAGE_STATUS,
  PAUSE_KIND_NAMES,
  RESULT_FORM_NAMES,
  roleNames,
  UNIT_NAMES,
} from '../labels';
import type { CaseAction, CaseDetail, CaseHistoryEntry, CaseMaterial, CaseMessage, MaterialItem } from '../types';


/** Finished cases (src/modules/cases/rules.ts FINAL_STATES) can be exported as an archive package. */
const FINISHED = ['delivered', 'not-accepted', 'ended', 'withdrawn'];

function CardTitle({ children }: { children: ReactNode }) {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{children}</h2>;
}

/** One value of a history entry's details, in words. */
function detailText(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (key === 'kind' && typeof value === 'string') return PAUSE_KIND_NAMES[value] ?? value;
  if (key === 'method' && typeof value === 'string') return DELIVERY_METHOD_NAMES[value] ?? value;
  if (key === 'resultForms' && Array.isArray(value)) return value.map((v) => RESULT_FORM_NAMES[String(v)] ?? String(v)).join('、');
  if (key === 'days' && typeof value === 'number') return `${value} 天`;
  if (key === 'guideVersionNo' && typeof value === 'number') return `第 ${value} 版`;
  if (key === 'channel' && typeof value === 'string') return CHANNEL_NAMES[value] ?? value;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return null;
}

function ItemsList({ items }: { items: MaterialItem[] }) {
  return (
    <ol style={{ margin: '4px 0', paddingInlineStart: 20 }}>
      {items.map((i) => (
        <li key={i.materialId}>
          {i.name}
          {i.note ? `：${i.note}` : ''}
        </li>
      ))}
    </ol>
  );
}

function HistoryEntry({ h, names }: { h: CaseHistoryEntry; names: Map<string, string> }) {
  const details = Object.entries(h.details ?? {})
    .filter(([k]) => k in DETAIL_NAMES && !(k === 'kind' && 'kindName' in (h.details ?? {})))
    .map(([k, v]) => [DETAIL_NAMES[k], detailText(k, v)] as const)
    .filter(([, v]) => v !== null);
  const items = Array.isArray(h.details?.items) ? (h.details.items as MaterialItem[]).filter((i) => i && typeof i === 'object' && 'name' in i) : [];
  // The materials handed in with a submission or supply: named from the guide, with how they came.
  const handedIn = Array.isArray(h.details?.materials)
    ? (h.details.materials as { materialId?: string; source?: string }[])
        .filter((m) => m && typeof m.materialId === 'string')
        .map((m) => `${names.get(m.materialId!) ?? m.materialId}（${CASE_MATERIAL_SOURCE_NAMES[m.source ?? ''] ?? m.source ?? ''}）`)
    : [];
  const who = h.actor.kind === 'staff' || h.actor.kind === 'machine' ? `${h.actor.name ?? ''}${h.actor.roles ? `（${roleNames(h.actor.roles)}）` : ''}` : (h.actor.name ?? ACTOR_KIND_NAMES[h.actor.kind] ?? h.actor.kind);
  return (
    <li style={{ borderInlineStart: '2px solid #d9d9d9', padding: '0 0 12px 12px', position: 'relative' }}>
      <div>
        <Typography.Text strong>{h.actionName}</Typography.Text>
        {h.fromState !== h.toState && <Typography.Text type="secondary">（状态变为：{CASE_STATE_NAMES[h.toState] ?? h.toState}）</Typography.Text>}
      </div>
      <div>
        <Typography.Text type="secondary">
          {formatDateTime(h.at)} · {ACTOR_KIND_NAMES[h.actor.kind] ?? h.actor.kind}：{who}
        </Typography.Text>
      </div>
      {details.map(([label, value]) => (
        <div key={label}>
          {label}：{value}
        </div>
      ))}
      {items.length > 0 && <ItemsList items={items} />}
      {handedIn.length > 0 && <div>材料：{handedIn.join('、')}</div>}
    </li>
  );
}

function MaterialsTable({ materials }: { materials: CaseMaterial[] }) {
  return (
    <Table<CaseMaterial>
      rowKey="id"
      size="small"
      dataSource={materials}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: '没有材料' }}
      columns={[
        { title: '材料', dataIndex: 'name' },
        {
          title: '来源',
          dataIndex: 'source',
          width: 150,
          render: (s: string, m) => (
            <>
              {CASE_MATERIAL_SOURCE_NAMES[s] ?? s}
              {m.reusedFromCaseNumber && <div>（来自办件 {m.reusedFromCaseNumber}）</div>}
              {m.licence && (
                <div>
                  （电子证照：{m.licence.typeName}，编号 {m.licence.licenceNumber}，{m.licence.statusName}）
                </div>
              )}
            </>
          ),
        },
        {
          title: '状态',
          dataIndex: 'status',
          width: 110,
          render: (_: string, m) => {
            const st = materialStatus(m);
            return <StatusTag tone={st.tone}>{st.text}</StatusTag>;
          },
        },
        { title: '说明', dataIndex: 'note', render: (n: string | null) => n || '—' },
        {
          title: '文件',
          key: 'file',
          width: 200,
          render: (_: unknown, m) =>
            m.file ? (
              <a href={m.file.url} download={m.file.fileName} style={{ textDecoration: 'underline' }}>
                {m.file.fileName}（{fileSize(m.file.size)}）
              </a>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

function MessagesCard({ id }: { id: string }) {
  const messages = useCaseMessages(id);
  return (
    <Card size="small" title={<CardTitle>消息通知</CardTitle>}>
      {messages.isPending ? (
        <Spin />
      ) : messages.error ? (
        <ErrorAlert error={messages.error} />
      ) : messages.data === null ? (
        <Typography.Text type="secondary">消息记录暂不可查看。</Typography.Text>
      ) : (
        <Table<CaseMessage>
          rowKey="id"
          size="small"
          dataSource={messages.data}
          pagination={false}
          scroll={{ x: 680 }}
          locale={{ emptyText: '尚未发送消息' }}
          columns={[
            {
              title: '渠道',
              dataIndex: 'channel',
              width: 120,
              render: (c: string, m) => (
                <>
                  {m.channelName || MESSAGE_CHANNEL_NAMES[c] || c}
                  {m.recipient && <div>{m.recipient}</div>}
                </>
              ),
            },
            { title: '内容', key: 'subject', render: (_: unknown, m) => m.subject || m.body },
            {
              title: '发送状态',
              dataIndex: 'status',
              width: 170,
              render: (s: string, m) => {
                const st = MESSAGE_STATUS[s];
                const text = m.statusName || st?.text || s;
                const tag = st?.tone === 'bad' ? <Tag color="error">{text}</Tag> : <StatusTag tone={st?.tone ?? 'off'}>{text}</StatusTag>;
                return (
                  <>
                    {tag}
                    {m.attempts > 1 && <div>已尝试 {m.attempts} 次</div>}
                    {m.lastError && s !== 'delivered' && <div>原因：{m.lastError}</div>}
                  </>
                );
              },
            },
            { title: '生成时间', dataIndex: 'createdAt', width: 140, render: (s: string | null) => formatDateTime(s) },
            { title: '送达时间', dataIndex: 'deliveredAt', width: 140, render: (s: string | null) => formatDateTime(s) },
          ]}
        />
      )}
    </Card>
  );
}

function Header({ c }: { c: CaseDetail }) {
  const limit = `${c.promised.days}${UNIT_NAMES[c.promised.unit] ?? c.promised.unit}${c.extensionDays ? `，已延长 ${c.extensionDays} 天` : ''}`;
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag style={{ fontSize: 14, padding: '2px 8px' }}>{c.stateName}</Tag>
        <TimeLimitTag c={c} />
        {c.isRenewal && <Tag>延续申请</Tag>}
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="事项">
          {c.item.name}（{c.item.code}）
        </Descriptions.Item>
        <Descriptions.Item label="实施机构">{c.org.name}</Descriptions.Item>
        <Descriptions.Item label="办事指南">
          第 {c.guideVersion.version} 版{c.guideVersion.effectiveFrom ? `（${c.guideVersion.effectiveFrom} 起施行）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="办理情形">{c.situation?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="申请渠道">{CHANNEL_NAMES[c.channel] ?? c.channel}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{formatDateTime(c.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="受理期限">
          {c.acceptanceDueOn}
          {c.acceptanceOverdue && !c.acceptedOn ? '（已超期）' : ''}
        </Descriptions.Item>
        <Descriptions.Item label="受理日期">{c.acceptedOn ?? '尚未受理'}</Descriptions.Item>
        <Descriptions.Item label="承诺办结时限">{limit}</Descriptions.Item>
        <Descriptions.Item label="办结期限">
          {c.dueOn ?? '—'}
          {c.remainingDays !== null && (c.remainingDays >= 0 ? `（剩余 ${c.remainingDays} 个工作日）` : `（超期 ${-c.remainingDays} 个工作日）`)}
          {c.paused && '（计时已暂停）'}
        </Descriptions.Item>
        {c.decision && <Descriptions.Item label="决定">{DECISION_NAMES[c.decision] ?? c.decision}</Descriptions.Item>}
        {c.isRenewal && (
          <Descriptions.Item label="原证照">
            {c.licenceNumber ?? '—'}（有效期至 {c.licenceExpiresOn ?? '—'}）
          </Descriptions.Item>
        )}
        {c.delivery && (
          <Descriptions.Item label="送达">
            {DELIVERY_METHOD_NAMES[c.delivery.method] ?? c.delivery.method}，{formatDateTime(c.delivery.at)}
            {c.delivery.carrier ? `，${c.delivery.carrier} ${c.delivery.trackingNumber ?? ''}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const detail = useCase(id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [action, setAction] = useState<CaseAction | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  usePageTitle(detail.data ? `办件 ${detail.data.caseNumber}` : '办件详情');

  if (detail.isPending) return <Spin description="加载中…" />;
  if (detail.error) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Space orientation="vertical">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          办件详情
        </Typography.Title>
        {missing ? <Alert type="warning" showIcon title="办件不存在，或不在您的办理范围内。" /> : <ErrorAlert error={detail.error} />}
        <Link to="/cases">返回我的待办</Link>
      </Space>
    );
  }
  const c = detail.data;
  const materialNames = new Map(c.guideMaterials.map((m) => [m.id, m.name]));
  const buttons = ACTION_BUTTONS.filter((b) => c.allowedActions.includes(b.action));
  const supplying = action === 'supply' || action === 'supply-correction';
  const dialogProps = {
    onClose: () => setAction(null),
    onConflict: (text: string) => {
      setConflict(text);
      void qc.invalidateQueries({ queryKey: ['case', id] });
    },
    onDone: (label: string) => void message.success(`${label}：已办理`),
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Link to="/cases">← 我的待办</Link>
        <Typography.Title level={1} style={{ fontSize: 22, margin: '4px 0 0', wordBreak: 'break-all' }}>
          办件 {c.caseNumber}
        </Typography.Title>
        <Typography.Text>{c.itemName}</Typography.Text>
      </div>
      {conflict && <Alert type="warning" showIcon role="alert" title={conflict} closable={{ onClose: () => setConflict(null) }} />}
      <Header c={c} />
      <Card size="small" title={<CardTitle>办理操作</CardTitle>}>
        {buttons.length ? (
          <Space wrap>
            {buttons.map((b) => (
              <Button key={b.action} type={b.primary ? 'primary' : 'default'} danger={b.danger} onClick={() => setAction(b.action)}>
                {b.label}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text>当前状态下您没有可办理的操作。</Typography.Text>
        )}
      </Card>
      {(c.supplement || c.tolerant) && (
        <Card size="small" title={<CardTitle>{c.supplement ? '补齐补正告知' : '容缺受理待补正'}</CardTitle>}>
          <Typography.Text>补正期限：{(c.supplement ?? c.tolerant)!.deadlineOn}</Typography.Text>
          <ItemsList items={(c.supplement ?? c.tolerant)!.items} />
        </Card>
      )}
      {(c.pauses.length > 0 || c.extensions.length > 0) && (
        <Card size="small" title={<CardTitle>暂停计时与延长</CardTitle>}>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {c.pauses.map((p) => (
              <li key={p.id}>
                暂停（{p.kindName || PAUSE_KIND_NAMES[p.kind] || p.kind}）：{p.startedOn} 起{p.endedOn ? `，${p.endedOn} 恢复` : '，尚未恢复'}。{p.reason}
              </li>
            ))}
            {c.extensions.map((e, i) => (
              <li key={`ext-${i}`}>
                延长 {e.days} 天（{e.grantedOn}）：{e.reason}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card size="small" title={<CardTitle>申请人</CardTitle>}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="类型">{APPLICANT_KIND_NAMES[c.applicant.kind] ?? c.applicant.kind}</Descriptions.Item>
          <Descriptions.Item label={c.applicant.kind === 'enterprise' ? '名称' : '姓名'}>{c.applicant.name}</Descriptions.Item>
          <Descriptions.Item label={c.applicant.kind === 'enterprise' ? '统一社会信用代码' : '身份证号码'}>{c.applicant.idNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="手机号码">{c.applicant.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="电子邮箱">{c.applicant.email ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={<CardTitle>申请材料</CardTitle>}>
        <MaterialsTable materials={c.materials} />
      </Card>
      <Card size="small" title={<CardTitle>文书</CardTitle>}>
        {c.notices.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {c.notices.map((n) => (
              <li key={n.id}>
                {n.kindName}（{n.number}，{formatDateTime(n.createdAt)}）{' '}
                {/* Underlined: a link inside a line of text must not stand out by colour alone. */}
                <a href={n.url} aria-label={`下载 PDF：${n.kindName}`} style={{ textDecoration: 'underline' }}>
                  下载 PDF
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text>尚未出具文书。</Typography.Text>
        )}
        {FINISHED.includes(c.state) ? (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
            {/* The archive package (档案包): every document and file with SM3 hashes and seal signatures, checkable offline (docs/archive.md). */}
            <a href={`/api/cases/${c.id}/archive`} style={{ textDecoration: 'underline' }}>
              导出办件档案包（zip）
            </a>
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card size="small" title={<CardTitle>办理过程</CardTitle>}>
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="办理过程">
          {c.history.map((h) => (
            <HistoryEntry key={h.seq} h={h} names={materialNames} />
          ))}
        </ol>
      </Card>
      <MessagesCard id={c.id} />
      <ActionDialog c={c} action={supplying ? null : action} {...dialogProps} />
      <SupplyDialog c={c} action={supplying ? (action as 'supply' | 'supply-correction') : null} {...dialogProps} />
    </Space>
  );
}
