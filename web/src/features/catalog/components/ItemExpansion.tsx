import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ItemImplementation } from '../../../api/types';
import { LEVEL_NAMES } from '../../../shared/labels';
import { regionOf } from '../../../shared/orgTree';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useItem, useOrgs } from '../hooks';
import { ItemTable } from './ItemTable';
import { AddImplementationModal } from './AddImplementationModal';

/** The inside of an expanded catalog row: sub-items, then implementation entries. */
export function ItemExpansion({ itemId, canWrite }: { itemId: string; canWrite: boolean }) {
  const item = useItem(itemId);
  const orgs = useOrgs();
  const [adding, setAdding] = useState(false);
  if (item.isPending) return <Spin />;
  if (item.error) return <ErrorAlert error={item.error} />;
  const detail = item.data;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {detail.legalLimitDays !== null && <Typography.Text>法定办结时限：{detail.legalLimitDays} 个工作日</Typography.Text>}
      {detail.subItems.length > 0 && (
        <>
          <Typography.Text strong>子项</Typography.Text>
          <ItemTable items={detail.subItems} canWrite={canWrite} />
        </>
      )}
      <Space wrap>
        <Typography.Text strong>实施清单</Typography.Text>
        {canWrite && (
          <Button size="small" onClick={() => setAdding(true)}>
            添加实施机构
          </Button>
        )}
      </Space>
      <Table<ItemImplementation>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.implementations}
        scroll={{ x: 560 }}
        locale={{ emptyText: '尚无实施机构' }}
        columns={[
          {
            title: '实施机构',
            dataIndex: 'orgName',
            render: (name: string, r) => <Link to={`/catalog/implementations/${r.id}`}>{name}</Link>,
          },
          { title: '地区', key: 'region', render: (_: unknown, r) => regionOf(orgs.data ?? [], r.orgId) },
          { title: '层级', dataIndex: 'level', width: 100, render: (l: string) => LEVEL_NAMES[l] ?? l },
          {
            title: '现行版本',
            key: 'published',
            render: (_: unknown, r) =>
              r.publishedVersion ? (
                <Tag color="success">
                  第 {r.publishedVersion.versionNo} 版 · {r.publishedVersion.effectiveFrom} 起
                </Tag>
              ) : (
                <Tag>未发布</Tag>
              ),
          },
        ]}
      />
      <AddImplementationModal open={adding} onClose={() => setAdding(false)} itemId={itemId} />
    </Space>
  );
}
