// 版本历史 of one template and channel, newest first down to the built-in version 0: who saved each,
// when, why, and its text. Any version can be the starting point of a new one.
import { Button, Modal, Space, Typography } from 'antd';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { StatusTag } from '../../../shared/StatusTag';
import { formatDateTime } from '../../../shared/time';
import { useTemplateVersions, type MessageTemplate } from '../hooks';
import { channelTitle } from './labels';

interface Props {
  template: MessageTemplate | null;
  onClose: () => void;
  /** Opens the editor with this version's text. */
  onStartFrom: (version: MessageTemplate) => void;
}

export function VersionsDialog({ template, onClose, onStartFrom }: Props) {
  const versions = useTemplateVersions(template ? { key: template.key, channel: template.channel } : null);
  const items = versions.data?.items ?? [];
  return (
    <Modal
      title={template ? `版本历史：${template.name} · ${channelTitle(template.channel)}` : ''}
      open={!!template}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={760}
      destroyOnHidden
    >
      <ErrorAlert error={versions.error} />
      {versions.isPending && versions.fetchStatus !== 'idle' && <Typography.Text>加载中…</Typography.Text>}
      <ol aria-label="版本列表" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 16 }}>
        {items.map((v, i) => (
          <li key={v.version} style={{ borderTop: i ? '1px solid #f0f0f0' : undefined, paddingTop: i ? 12 : 0 }}>
            <Space wrap size="small" style={{ marginBottom: 4 }}>
              <h3 style={{ fontSize: 15, margin: 0 }}>第 {v.version} 版</h3>
              {i === 0 && <StatusTag tone="ok">现行</StatusTag>}
              {v.version === 0 && <StatusTag tone="off">系统内置</StatusTag>}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {v.createdAt ? `${formatDateTime(v.createdAt)} · ${v.createdBy ?? '—'}` : '随平台发布'}
              {v.note && v.version !== 0 ? ` · ${v.note}` : ''}
            </Typography.Paragraph>
            {v.subject && (
              <Typography.Paragraph strong style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
                {v.subject}
              </Typography.Paragraph>
            )}
            <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{v.body}</div>
            {i > 0 && (
              <Button size="small" style={{ marginTop: 8 }} onClick={() => onStartFrom(v)}>
                以第 {v.version} 版为底稿编辑
              </Button>
            )}
          </li>
        ))}
      </ol>
    </Modal>
  );
}
