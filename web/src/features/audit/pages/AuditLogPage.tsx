// 审计日志: auditors and supervisors search the trail of their scope, export it, and check that no
// record was altered, removed or reordered (校验完整性). Server: src/modules/audit.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { usePageTitle } from '../../../shared/usePageTitle';
import { AuditTable } from '../components/AuditTable';
import { ActionSelect, ActorPicker, ObjectTypeSelect } from '../components/FilterFields';
import { exportUrl, useAuditSearch, useVerifyAudit, type AuditFilters, type Verdict } from '../hooks';

const PROBLEM_NAMES: Record<string, string> = {
  altered: '内容被修改',
  removed: '被删除',
  reordered: '顺序被调换',
  'prev-hash-mismatch': '与前一条记录不衔接',
};

/** Drops empty fields so the query string (and the export link) carries only what was asked. */
function clean(values: AuditFilters): AuditFilters {
  const out: AuditFilters = {};
  for (const [k, v] of Object.entries(values) as [keyof AuditFilters, string | undefined][]) {
    const text = v?.trim();
    if (text) out[k] = text;
  }
  return out;
}

function VerdictAlert({ verdict }: { verdict: Verdict }) {
  if (verdict.ok) {
    return <Alert type="success" showIcon role="status" title={`审计日志完整：共 ${verdict.records} 条记录，哈希链校验通过`} />;
  }
  const where = verdict.firstBadSeq != null ? `第 ${verdict.firstBadSeq} 条记录` : '审计链';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`审计日志完整性校验未通过：${where}${PROBLEM_NAMES[verdict.problem ?? ''] ?? verdict.problem}`}
      description={`${verdict.detail ?? ''}${verdict.id != null ? `（记录编号 ${verdict.id}）` : ''}。此前 ${verdict.records} 条记录完好。`}
    />
  );
}

function SearchForm({ initial, actorLabel, onSearch }: { initial: AuditFilters; actorLabel?: string; onSearch: (f: AuditFilters) => void }) {
  const [form] = Form.useForm<AuditFilters>();
  // 对象 ID is for the auditor who already holds an id (from an export, a case page's address …).
  const [advanced, setAdvanced] = useState(Boolean(initial.objectId));
  return (
    <Form form={form} name="audit-search" layout="inline" initialValues={initial} onFinish={(v) => onSearch(clean(v))} style={{ rowGap: 8 }}>
      <Form.Item label="操作人" name="actorId">
        <ActorPicker knownLabel={actorLabel} />
      </Form.Item>
      <Form.Item label="操作" name="action">
        <ActionSelect />
      </Form.Item>
      <Form.Item label="对象类型" name="objectType">
        <ObjectTypeSelect />
      </Form.Item>
      {advanced && (
        <Form.Item label="对象 ID" name="objectId" tooltip="对象的编号，可在记录详情中复制">
          <Input allowClear style={{ width: 220, maxWidth: '100%' }} />
        </Form.Item>
      )}
      <Form.Item label="起始日期" name="from">
        <Input type="date" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="截止日期" name="to">
        <Input type="date" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
          <Button
            onClick={() => {
              // Emptied, not resetFields(): that would go back to the initial values, which are the
              // filters of the last search once the form rerenders with them.
              form.setFieldsValue({ actorId: undefined, action: undefined, objectType: undefined, objectId: undefined, from: undefined, to: undefined });
              onSearch({});
            }}
          >
            重置
          </Button>
          {!advanced && (
            <Button type="link" onClick={() => setAdvanced(true)}>
              按对象 ID 筛选
            </Button>
          )}
        </Space>
      </Form.Item>
    </Form>
  );
}

export default function AuditLogPage() {
  usePageTitle('审计日志');
  const [filters, setFilters] = useState<AuditFilters>({});
  const [formKey, setFormKey] = useState(0);
  // The name of a person picked from the table, for the 操作人 field to show.
  const [actorLabel, setActorLabel] = useState<string>();
  const search = useAuditSearch(filters);
  const verify = useVerifyAudit();
  const records = search.data?.pages.flatMap((p) => p.items) ?? [];

  const pickActor = (actorId: string, label: string) => {
    setActorLabel(label);
    setFilters({ ...filters, actorId });
    setFormKey((k) => k + 1); // the form shows the new filter
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        审计日志
      </Typography.Title>
      <Typography.Paragraph>
        每一次改变数据的操作都留有记录：谁、以何种角色、在哪个机构、何时、从何处、对什么做了什么，以及变更前后的内容（个人信息已脱敏）。
        记录只能追加，逐条以 SM3 哈希相连，任何修改、删除或调换都能被校验发现。您可以查看本机构及下级机构的记录。
      </Typography.Paragraph>
      <Card size="small">
        <SearchForm key={formKey} initial={filters} actorLabel={actorLabel} onSearch={setFilters} />
      </Card>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={exportUrl('csv', filters)} download>
          导出 CSV
        </Button>
        <Button icon={<DownloadOutlined />} href={exportUrl('json', filters)} download>
          导出 JSON
        </Button>
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
          校验完整性
        </Button>
      </Space>
      {verify.data && <VerdictAlert verdict={verify.data} />}
      {verify.error && <Alert type="error" showIcon role="alert" title="校验失败" description={describeError(verify.error)} />}
      <ErrorAlert error={search.error} />
      <AuditTable records={records} loading={search.isFetching && !search.isFetchingNextPage} onPickActor={pickActor} />
      {search.hasNextPage && (
        <Button onClick={() => search.fetchNextPage()} loading={search.isFetchingNextPage} block>
          加载更早的记录
        </Button>
      )}
    </Space>
  );
}
