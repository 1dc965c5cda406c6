import { Table, Tag } from 'antd';
import type { FieldChange } from '../../../api/types';

const KIND: Record<string, { text: string; color: string }> = {
  added: { text: '新增', color: 'success' },
  removed: { text: '删除', color: 'error' },
  changed: { text: '修改', color: 'processing' },
};

function show(v: unknown) {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(v, null, 2)}</pre>;
}

/** Field-by-field changes between two guide versions. */
export function DiffTable({ changes }: { changes: FieldChange[] }) {
  return (
    <Table<FieldChange>
      rowKey={(c, i) => `${c.path}-${i}`}
      size="small"
      dataSource={changes}
      pagination={changes.length > 30 ? { pageSize: 30 } : false}
      scroll={{ x: 700 }}
      locale={{ emptyText: '两个版本内容相同' }}
      columns={[
        { title: '要素', dataIndex: 'label', width: 120 },
        { title: '位置', dataIndex: 'path', width: 160 },
        { title: '变化', dataIndex: 'kind', width: 70, render: (k: string) => <Tag color={KIND[k]?.color}>{KIND[k]?.text ?? k}</Tag> },
        { title: '修改前', dataIndex: 'before', render: show },
        { title: '修改后', dataIndex: 'after', render: show },
      ]}
    />
  );
}
