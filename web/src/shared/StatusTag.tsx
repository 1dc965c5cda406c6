// A status label whose text keeps a 4.5:1 contrast (WCAG 1.4.3): antd's coloured tags do not.
import { Tag } from 'antd';
import type { ReactNode } from 'react';

const TONES = {
  ok: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  warn: { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' },
  off: { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' },
} as const;

export function StatusTag({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}
