// A secret shown once (一次性初始密码, 客户端密钥): readable, selectable and copyable, with the plain
// warning that it cannot be shown again. Announced to screen readers when it appears.
import { Alert, Button, Input, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useId, useState } from 'react';

export function OneTimeSecret({ label, value, note }: { label: string; value: string; note: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={`${label}（仅显示这一次）`}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor={id}>{label}</label>
          <Space.Compact style={{ width: '100%' }}>
            <Input id={id} readOnly value={value} style={{ fontFamily: 'monospace', fontSize: 16 }} onFocus={(e) => e.currentTarget.select()} />
            <Button icon={<CopyOutlined />} onClick={copy} aria-label={`复制${label}`}>
              {copied ? '已复制' : '复制'}
            </Button>
          </Space.Compact>
          <Typography.Text type="secondary">{note}</Typography.Text>
        </Space>
      }
    />
  );
}
