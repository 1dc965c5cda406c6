// 事项目录: the basic catalog grouped by the seven item types of Art. 6; each item expands to its
// sub-items (子项) and its implementation entries (实施清单) with the version in force.
import { useMemo, useState } from 'react';
import { Button, Card, Collapse, Empty, Input, Select, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ITEM_TYPE_NAMES, ITEM_TYPES, options } from '../../../shared/labels';
import { hasPermission } from '../../../shared/permissions';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useMe } from '../../auth/hooks';
import { useItems } from '../hooks';
import { ItemTable } from '../components/ItemTable';
import { CreateItemModal } from '../components/CreateItemModal';
import { ErrorAlert } from '../../../shared/ErrorAlert';

export default function CatalogPage() {
  usePageTitle('事项目录');
  const me = useMe().data;
  const canWrite = hasPermission(me?.roles, 'catalog.item.write');
  const [q, setQ] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const items = useItems({ q: q || undefined, type });

  // Top-level items only; sub-items appear inside their parent.
  const groups = useMemo(() => {
    const top = (items.data ?? []).filter((i) => !i.parentId);
    return ITEM_TYPES.map((t) => ({ type: t, items: top.filter((i) => i.type === t) })).filter((g) => g.items.length > 0);
  }, [items.data]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        事项目录
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Input.Search
            aria-label="按名称或编码搜索事项"
            placeholder="名称或编码"
            allowClear
            onSearch={setQ}
            style={{ width: 240 }}
          />
          <Select
            aria-label="按事项类型筛选"
            placeholder="全部类型"
            allowClear
            value={type}
            onChange={setType}
            options={options(ITEM_TYPE_NAMES)}
            style={{ width: 160 }}
          />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建事项
            </Button>
          )}
        </Space>
      </Card>
      <ErrorAlert error={items.error} />
      {items.isPending ? (
        <Spin />
      ) : groups.length === 0 ? (
        <Empty description="没有符合条件的事项" />
      ) : (
        <Collapse
          defaultActiveKey={groups.map((g) => g.type)}
          items={groups.map((g) => ({
            key: g.type,
            label: (
              <h2 style={{ fontSize: 16, margin: 0, display: 'inline' }}>
                {ITEM_TYPE_NAMES[g.type]}（{g.items.length}）
              </h2>
            ),
            children: <ItemTable items={g.items} canWrite={canWrite} />,
          }))}
        />
      )}
      <CreateItemModal open={creating} onClose={() => setCreating(false)} items={items.data ?? []} />
    </Space>
  );
}
