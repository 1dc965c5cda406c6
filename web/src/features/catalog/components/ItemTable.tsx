import { Table, Tag } from 'antd';
import type { Item } from '../../../api/types';
import { ItemExpansion } from './ItemExpansion';

/** Catalog items; a row expands to its sub-items and implementation entries. */
export function ItemTable({ items, canWrite }: { items: Item[]; canWrite: boolean }) {
  return (
    <Table<Item>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 560 }}
      expandable={{ expandedRowRender: (item) => <ItemExpansion itemId={item.id} canWrite={canWrite} /> }}
      columns={[
        { title: '基本编码', dataIndex: 'code', width: 120 },
        { title: '事项名称', dataIndex: 'name' },
        { title: '实施清单', dataIndex: 'implementationCount', width: 90, render: (n: number) => `${n} 个` },
        {
          title: '状态',
          dataIndex: 'status',
          width: 80,
          render: (s: string) => (s === 'active' ? <Tag color="success">在用</Tag> : <Tag>已停用</Tag>),
        },
      ]}
    />
  );
}

