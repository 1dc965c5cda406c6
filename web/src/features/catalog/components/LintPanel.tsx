// 指南检查: the linter's messages, errors first, each naming its article and its field; a click on
// the field takes the editor there.
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import type { GuideDraft, LintMessage } from '../../../api/types';
import { fieldLabel } from './guide-form/fieldLabels';

interface Props {
  messages: LintMessage[];
  content: GuideDraft;
  checking?: boolean;
  onFieldClick?: (field: string) => void;
}

export function sortLint(messages: LintMessage[]): LintMessage[] {
  return [...messages].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

export function LintPanel({ messages, content, checking, onFieldClick }: Props) {
  const sorted = sortLint(messages);
  const errors = messages.filter((m) => m.severity === 'error').length;
  const warnings = messages.length - errors;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>指南检查</h2>}
      extra={
        <span aria-live="polite">
          {checking ? '检查中…' : `${errors} 个错误，${warnings} 个提醒`}
        </span>
      }
      data-testid="lint-panel"
      id="lint-panel"
      tabIndex={-1}
    >
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现问题" />
      ) : (
        <List
          size="small"
          dataSource={sorted}
          renderItem={(m, i) => (
            <List.Item key={`${m.rule}-${m.field}-${i}`} data-severity={m.severity}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  {m.severity === 'error' ? <Tag color="error">错误</Tag> : <Tag color="warning">提醒</Tag>}
                  <Typography.Text strong>{m.article}</Typography.Text>
                </Space>
                <Typography.Text>{m.message}</Typography.Text>
                {m.field &&
                  (onFieldClick ? (
                    <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => onFieldClick(m.field)}>
                      定位到：{fieldLabel(m.field, content)}
                    </Button>
                  ) : (
                    <Typography.Text>位置：{fieldLabel(m.field, content)}</Typography.Text>
                  ))}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
