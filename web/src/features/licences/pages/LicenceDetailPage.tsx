// 电子证照详情: one licence as its issuer keeps it — status (with the reason and time when it ended),
// the national identifier (电子证照标识), the holder (number masked until asked for, and only when the
// server gives it whole), validity, the case it came from, its public verification link (the QR
// code's address), every version and every change; 注销 / 吊销 with a reason while it is in force.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatDateTime } from '../../../shared/time';
import { usePageTitle } from '../../../shared/usePageTitle';
import { EndLicenceDialog } from '../components/EndLicenceDialog';
import { LicenceStatusTag } from '../components/LicenceStatusTag';
import { useLicence } from '../hooks';
import { ACTOR_KIND_NAMES, ENDINGS, EVENT_NAMES, maskHolderIdentity, STATUS_NAMES, validity, version3 } from '../labels';
import type { LicenceDetail, LicenceEnding, LicenceHistoryEntry, LicenceStatus } from '../types';


function CardTitle({ children }: { children: ReactNode }) {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{children}</h2>;
}

const code = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

/** The holder's number masked; 显示完整号码 when the server gave it whole (staff who process cases). */
function HolderIdentity({ l }: { l: LicenceDetail }) {
  const [whole, setWhole] = useState(false);
  const masked = maskHolderIdentity(l.holder.kind, l.holder.identity);
  const canShow = masked !== l.holder.identity;
  return (
    <Space wrap size="small">
      <span style={code}>{whole ? l.holder.identity : masked}</span>
      {canShow && (
        <Button size="small" onClick={() => setWhole((w) => !w)} aria-pressed={whole}>
          {whole ? '隐藏完整号码' : '显示完整号码'}
        </Button>
      )}
    </Space>
  );
}

function HistoryItem({ h }: { h: LicenceHistoryEntry }) {
  const to = STATUS_NAMES[h.toStatus as LicenceStatus] ?? h.toStatus;
  return (
    <li style={{ borderInlineStart: '2px solid #d9d9d9', padding: '0 0 12px 12px' }}>
      <div>
        <Typography.Text strong>{EVENT_NAMES[h.action] ?? h.action}</Typography.Text>
        {h.fromStatus !== h.toStatus && <Typography.Text type="secondary">（状态变为：{to}）</Typography.Text>}
      </div>
      <div>
        <Typography.Text type="secondary">
          {formatDateTime(h.at)} · {ACTOR_KIND_NAMES[h.actor.kind] ?? h.actor.kind}
          {h.actor.name ? `：${h.actor.name}` : ''}
        </Typography.Text>
      </div>
      {h.reason && <div>理由：{h.reason}</div>}
    </li>
  );
}

export default function LicenceDetailPage() {
  const { id = '' } = useParams();
  const detail = useLicence(id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [ending, setEnding] = useState<LicenceEnding | null>(null);
  usePageTitle(detail.data ? `电子证照 ${detail.data.licenceNumber}` : '电子证照详情');

  if (detail.isPending) return <Spin description="加载中…" />;
  if (detail.error) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Space orientation="vertical">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          电子证照详情
        </Typography.Title>
        {missing ? <Alert type="warning" showIcon title="证照不存在，或不在您的管理范围内。" /> : <ErrorAlert error={detail.error} />}
        <Link to="/licences">返回电子证照列表</Link>
      </Space>
    );
  }
  const l = detail.data;
  const endable = l.status === 'active' && l.current;
  const current = l.versions.find((v) => v.current);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Link to="/licences">← 电子证照</Link>
        <Typography.Title level={1} style={{ fontSize: 22, margin: '4px 0 0', wordBreak: 'break-all' }}>
          {l.licenceType.name} {l.licenceNumber}
        </Typography.Title>
      </div>
      {!l.current && current && (
        <Alert
          type="info"
          showIcon
          title={
            <>
              这是已被换发的第 {version3(l.version)} 版。现行版本：<Link to={`/licences/${current.id}`}>第 {version3(current.version)} 版</Link>
            </>
          }
        />
      )}
      <Card size="small" title={<CardTitle>证照信息</CardTitle>}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="证照状态">
            <Space orientation="vertical" size={2}>
              <LicenceStatusTag status={l.status} name={l.statusName} />
              {l.status !== 'active' && l.statusReason && <span>理由：{l.statusReason}</span>}
              {l.status !== 'active' && l.statusChangedAt && <span>时间：{formatDateTime(l.statusChangedAt)}</span>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="证照名称">{l.licenceType.name}</Descriptions.Item>
          <Descriptions.Item label="证照编号">
            <span style={code}>{l.licenceNumber}</span>（第 {version3(l.version)} 版）
          </Descriptions.Item>
          <Descriptions.Item label="证照标识">
            <span style={code} data-testid="licence-identifier">
              {l.identifier}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="持证主体">
            {l.holder.name}（{l.holder.kindName}）
          </Descriptions.Item>
          <Descriptions.Item label={l.holder.kind === 'person' ? '身份证号码' : '统一社会信用代码'}>
            <HolderIdentity l={l} />
          </Descriptions.Item>
          <Descriptions.Item label="有效期">{validity(l)}</Descriptions.Item>
          <Descriptions.Item label="发证机构">
            <div>
              <div>{l.issuer.name}</div>
              <div style={code}>{l.issuer.creditCode}</div>
            </div>
          </Descriptions.Item>
          <Descriptions.Item label="签发时间">{formatDateTime(l.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label="来源办件">{l.caseId ? <Link to={`/cases/${l.caseId}`}>查看办件</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label="核验链接">
            {/* The address the licence's QR code opens: anyone sees its status now. */}
            <a href={l.verifyUrl} target="_blank" rel="noopener noreferrer" style={{ ...code, textDecoration: 'underline' }} aria-label={`打开公开核验页（新窗口）：${l.verifyUrl}`}>
              {l.verifyUrl}
            </a>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={<CardTitle>办理操作</CardTitle>}>
        {endable ? (
          <Space wrap>
            {(Object.keys(ENDINGS) as LicenceEnding[]).map((e) => (
              <Button key={e} danger onClick={() => setEnding(e)}>
                {ENDINGS[e].label}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text>{l.current ? `证照${l.statusName}，不能再注销或吊销。` : '已被换发的版本不能注销或吊销，请办理现行版本。'}</Typography.Text>
        )}
      </Card>
      {l.versions.length > 1 && (
        <Card size="small" title={<CardTitle>版本</CardTitle>}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={l.versions}
            scroll={{ x: 560 }}
            columns={[
              {
                title: '版本',
                dataIndex: 'version',
                width: 110,
                render: (v: number, row) => (row.id === l.id ? `第 ${version3(v)} 版（本页）` : <Link to={`/licences/${row.id}`}>第 {version3(v)} 版</Link>),
              },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: LicenceStatus, row) => <LicenceStatusTag status={s} name={row.statusName} /> },
              { title: '有效期', key: 'validity', render: (_: unknown, row) => validity(row) },
              { title: '签发时间', dataIndex: 'issuedAt', width: 140, render: (s: string) => formatDateTime(s) },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={<CardTitle>变更记录</CardTitle>}>
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="变更记录">
          {l.history.map((h) => (
            <HistoryItem key={h.seq} h={h} />
          ))}
        </ol>
      </Card>
      <EndLicenceDialog
        licence={l}
        ending={ending}
        onClose={() => setEnding(null)}
        onDone={(text) => void message.success(text)}
        onStale={() => void qc.invalidateQueries({ queryKey: ['licence', id] })}
      />
    </Space>
  );
}
