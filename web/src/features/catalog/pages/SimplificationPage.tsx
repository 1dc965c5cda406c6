// 减负统计: how much each item and organization has cut materials, days, steps and visits since the
// first published version (减材料、减时限、减环节、减跑动).
import { useState } from 'react';
import { Card, Col, Form, Row, Select, Space, Statistic, Table, TreeSelect, Typography } from 'antd';
import type { Simplification } from '../../../api/types';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { orgTree } from '../../../shared/orgTree';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useItems, useOrgs, useSimplification } from '../hooks';

type Reductions = Simplification['total'];
const reductionColumns = [
  { title: '减材料（份）', dataIndex: ['reductions', 'materials'] },
  { title: '减时限（工作日）', dataIndex: ['reductions', 'promisedWorkingDays'] },
  { title: '减环节（个）', dataIndex: ['reductions', 'steps'] },
  { title: '减跑动（次）', dataIndex: ['reductions', 'visits'] },
];

function Totals({ total }: { total: Reductions }) {
  return (
    <Row gutter={[16, 16]}>
      {([
        ['减材料（份）', total.materials],
        ['减时限（工作日）', total.promisedWorkingDays],
        ['减环节（个）', total.steps],
        ['减跑动（次）', total.visits],
      ] as const).map(([t, v]) => (
        <Col key={t} xs={12} md={6}>
          <Card size="small">
            <Statistic title={t} value={v} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export default function SimplificationPage() {
  usePageTitle('减负统计');
  const [itemId, setItemId] = useState<string | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>();
  const items = useItems();
  const orgs = useOrgs();
  const data = useSimplification({ itemId, orgId });
  const d = data.data;
  const h2 = (t: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{t}</h2>;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        减负统计
      </Typography.Title>
      <Form layout="inline" name="simplification-filter">
        <Form.Item label="事项" htmlFor="simpl-item">
          <Select id="simpl-item" allowClear placeholder="全部事项" value={itemId} onChange={setItemId} showSearch={{ optionFilterProp: 'label' }}
            options={(items.data ?? []).map((i) => ({ value: i.id, label: i.name }))} style={{ minWidth: 200 }} />
        </Form.Item>
        <Form.Item label="机构" htmlFor="simpl-org">
          <TreeSelect id="simpl-org" allowClear placeholder="全部机构" value={orgId} onChange={setOrgId} treeData={orgTree(orgs.data ?? [])} style={{ minWidth: 200 }} />
        </Form.Item>
      </Form>
      <ErrorAlert error={data.error} />
      {d && (
        <>
          <Typography.Text>统计日期：{d.date}（与各实施清单首次发布的版本相比）</Typography.Text>
          <Totals total={d.total} />
          <Card size="small" title={h2('按事项')}>
            <Table rowKey="itemId" size="small" pagination={false} scroll={{ x: 600 }} dataSource={d.byItem}
              columns={[{ title: '事项', dataIndex: 'itemName' }, { title: '实施清单数', dataIndex: 'implementations' }, ...reductionColumns]} />
          </Card>
          <Card size="small" title={h2('按机构')}>
            <Table rowKey="orgId" size="small" pagination={false} scroll={{ x: 600 }} dataSource={d.byOrg}
              columns={[{ title: '机构', dataIndex: 'orgName' }, { title: '实施清单数', dataIndex: 'implementations' }, ...reductionColumns]} />
          </Card>
          <Card size="small" title={h2('实施清单明细')}>
            <Table rowKey="implementationId" size="small" scroll={{ x: 900 }} dataSource={d.implementations}
              columns={[
                { title: '事项', dataIndex: 'itemName' },
                { title: '机构', dataIndex: 'orgName' },
                { title: '首版', key: 'first', render: (_: unknown, r: Simplification['implementations'][number]) => `第${r.first.versionNo}版：${r.first.totals.materials}份材料 ${r.first.totals.promisedWorkingDays}日 ${r.first.totals.steps}环节 ${r.first.totals.visits}次` },
                { title: '现行', key: 'current', render: (_: unknown, r: Simplification['implementations'][number]) => `第${r.current.versionNo}版：${r.current.totals.materials}份材料 ${r.current.totals.promisedWorkingDays}日 ${r.current.totals.steps}环节 ${r.current.totals.visits}次` },
                ...reductionColumns,
              ]} />
          </Card>
        </>
      )}
    </Space>
  );
}
