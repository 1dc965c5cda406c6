// 消息模板 (Art. 18): every message the platform sends about a case, per channel (办事大厅站内消息,
// e-mail, SMS), with the version in use and its text. Editing saves a new version, used by messages
// written from then on; the history shows every version back to the built-in one.
import { useMemo, useState } from 'react';
import { Button, Collapse, Empty, Input, Space, Spin, Typography } from 'antd';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { StatusTag } from '../../../shared/StatusTag';
import { formatDateTime } from '../../../shared/time';
import { usePageTitle } from '../../../shared/usePageTitle';
import { channelTitle } from '../components/labels';
import { TemplateEditor } from '../components/TemplateEditor';
import { VersionsDialog } from '../components/VersionsDialog';
import { TEMPLATE_CHANNELS, useTemplates, type MessageTemplate } from '../hooks';

/** Read by screen readers, not shown. */
const SR_ONLY = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

const versionText = (t: MessageTemplate) => (t.version === 0 ? '内置版' : `第 ${t.version} 版`);

function ChannelBlock({ t, onEdit, onHistory }: { t: MessageTemplate; onEdit: () => void; onHistory: () => void }) {
  const what = `“${t.name}”${channelTitle(t.channel)}模板`;
  return (
    <div style={{ paddingBlock: 8 }}>
      <Space wrap size="small" style={{ marginBottom: 4 }}>
        {/* The panel's header is a button (no heading inside): the name is said here for screen readers. */}
        <h2 style={{ fontSize: 15, margin: 0 }}>
          <span style={SR_ONLY}>{t.name} · </span>
          {channelTitle(t.channel)}
        </h2>
        <StatusTag tone={t.version === 0 ? 'off' : 'ok'}>{t.version === 0 ? '第 0 版（系统内置）' : `第 ${t.version} 版`}</StatusTag>
      </Space>
      {t.createdAt && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {formatDateTime(t.createdAt)} · {t.createdBy ?? '—'}
          {t.note ? ` · ${t.note}` : ''}
        </Typography.Paragraph>
      )}
      {t.subject && (
        <Typography.Paragraph strong style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
          {t.subject}
        </Typography.Paragraph>
      )}
      <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{t.body}</div>
      <Space wrap style={{ marginTop: 8 }}>
        <Button size="small" type="primary" onClick={onEdit} aria-label={`编辑${what}`}>
          编辑
        </Button>
        <Button size="small" onClick={onHistory} aria-label={`版本历史：${what}`}>
          版本历史
        </Button>
      </Space>
    </div>
  );
}

export default function TemplatesPage() {
  usePageTitle('消息模板');
  const templates = useTemplates();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<{ template: MessageTemplate; startFrom?: MessageTemplate } | null>(null);
  const [history, setHistory] = useState<MessageTemplate | null>(null);

  // One entry per template key, its channels in a fixed order.
  const groups = useMemo(() => {
    const byKey = new Map<string, MessageTemplate[]>();
    for (const t of templates.data ?? []) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t]);
    const order = TEMPLATE_CHANNELS.map((c) => c.value);
    const q = filter.trim().toLowerCase();
    return [...byKey.entries()]
      .map(([key, list]) => ({ key, name: list[0].name, list: [...list].sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel)) }))
      .filter((g) => !q || g.name.toLowerCase().includes(q) || g.key.toLowerCase().includes(q));
  }, [templates.data, filter]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        消息模板
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        办件每次状态变化都会通过办事大厅站内消息、电子邮件和短信告知申请人。每类消息、每个渠道各有一份模板；编辑后保存为新版本，此后发出的消息使用新版本，已发出的消息保持原版本。占位符写作
        <code>{'{{名称}}'}</code>，发送时替换为办件的实际信息。
      </Typography.Paragraph>
      <Input.Search aria-label="按模板名称或代码筛选" placeholder="模板名称或代码，如 已受理" allowClear onChange={(e) => setFilter(e.target.value)} onSearch={setFilter} style={{ width: 320, maxWidth: '100%' }} />
      <ErrorAlert error={templates.error} />
      {templates.isPending ? (
        <Spin description="加载中…">
          <div style={{ minHeight: 80 }} />
        </Spin>
      ) : groups.length === 0 ? (
        !templates.error && <Empty description="没有符合条件的模板" />
      ) : (
        <Collapse
          items={groups.map((g) => ({
            key: g.key,
            label: (
              <span style={{ display: 'block', minWidth: 0 }}>
                <span style={{ fontWeight: 600 }}>{g.name}</span> <code style={{ fontSize: 12 }}>{g.key}</code>
                <span style={{ display: 'block', fontSize: 13, color: 'rgba(0, 0, 0, 0.68)', overflowWrap: 'anywhere' }}>
                  {g.list.map((t) => `${channelTitle(t.channel)} ${versionText(t)}`).join(' · ')}
                </span>
              </span>
            ),
            children: g.list.map((t) => <ChannelBlock key={t.channel} t={t} onEdit={() => setEditing({ template: t })} onHistory={() => setHistory(t)} />),
          }))}
        />
      )}
      <TemplateEditor template={editing?.template ?? null} startFrom={editing?.startFrom} onClose={() => setEditing(null)} />
      <VersionsDialog
        template={history}
        onClose={() => setHistory(null)}
        onStartFrom={(v) => {
          const current = history;
          setHistory(null);
          if (current) setEditing({ template: current, startFrom: v });
        }}
      />
    </Space>
  );
}
