// 一致性检查 (Art. 9 ¶2): the nine fields of one item's guides side by side across organizations;
// a field that differs is marked 不一致.
import { useState } from 'react';
import { Card, Empty, Form, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { Consistency } from '../../../api/types';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useConsistency, useItems } from '../hooks';

type Field = Consistency['items'][number]['fields'][number];

function ItemReport({ report }: { report: Consistency['items'][number] }) {
  const orgs = report.fields[0]?.values ?? [];
  const differing = report.fields.filter((f) => f.differs).length;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{report.itemCode} {report.itemName}</h2>}
      extra={differing ? <Tag color="error">{differing} 项不一致</Tag> : <Tag color="success">全部一致</Tag>}
    >
      <Table<Field>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={report.fields}
        scroll={{ x: 200 + orgs.length * 220 }}
        onRow={(f) => ({ style: f.differs ? { background: '#fff1f0' } : undefined })}
        columns={[
          {
            title: '要素',
            dataIndex: 'label',
            width: 150,
            fixed: 'left',
            render: (label: string, f) => (
              <Space orientation="vertical" size={2}>
                <span>{label}</span>
                {f.differs ? <Tag color="error">不一致</Tag> : <Tag color="success">一致</Tag>}
              </Space>
            ),
          },
          ...orgs.map((o, i) => ({
            title: `${o.divisionName} · ${o.orgName}`,
            key: o.implementationId,
            width: 220,
            render: (_: unknown, f: Field) => <span style={{ whiteSpace: 'pre-wrap' }}>{f.values[i]?.value || '—'}</span>,
          })),
        ]}
      />
    </Card>
  );
}

export default function ConsistencyPage() {
  usePageTitle('一致性检查');
  const [itemId, setItemId] = useState<string | undefined>();
  const items = useItems();
  const report = useConsistency(itemId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        一致性检查
      </Typography.Title>
      <Typography.Paragraph>
        同一事项在不同地区、不同层级的办事指南，事项名称、事项类型、受理条件、服务对象、办理流程、所需材料、办理时限、收费依据、办理结果须保持一致（第九条第二款）。
      </Typography.Paragraph>
      <Form layout="inline" name="consistency-filter">
        <Form.Item label="事项" htmlFor="consistency-item">
          <Select
            id="consistency-item"
            allowClear
            placeholder="全部事项"
            showSearch={{ optionFilterProp: 'label' }}
            value={itemId}
            onChange={setItemId}
            options={(items.data ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
            style={{ minWidth: 260 }}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={report.error} />
      {report.isPending ? (
        <Spin />
      ) : report.data?.items.length ? (
        report.data.items.map((r) => <ItemReport key={r.itemId} report={r} />)
      ) : (
        <Empty description="没有两个以上机构发布了指南的事项" />
      )}
    </Space>
  );
}
