// 超期监控: for a center's or management office's supervisors, every case in their scope whose
// acceptance (one working day, Art. 16) or whose promised limit (Art. 17) has passed, longest
// overdue first as the server sorts them; pages continue by cursor.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Space, Tabs, Typography } from 'antd';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { usePageTitle } from '../../../shared/usePageTitle';
import { CaseTable } from '../components/CaseTable';
import { useOverdue } from '../hooks';
import type { OverdueKind } from '../types';

const KINDS: { key: OverdueKind; label: string; empty: string }[] = [
  { key: 'acceptance', label: '受理超期', empty: '没有超过一个工作日未受理的申请' },
  { key: 'decision', label: '办结超期', empty: '没有超过承诺时限未办结的办件' },
];

function OverdueTab({ kind, empty }: { kind: OverdueKind; empty: string }) {
  const list = useOverdue(kind);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <ErrorAlert error={list.error} />
      <CaseTable
        rows={rows}
        loading={list.isPending && list.fetchStatus !== 'idle'}
        due={kind}
        emptyText={empty}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        showOrg
      />
    </Space>
  );
}

export default function OverduePage() {
  usePageTitle('超期监控');
  const [params, setParams] = useSearchParams();
  const kind = KINDS.find((k) => k.key === params.get('kind'))?.key ?? 'acceptance';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        超期监控
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>申请应在一个工作日内作出受理决定，受理后应在承诺时限内办结（暂停计时的期间不计入）。以下为本辖区已超期的办件。</Typography.Paragraph>
      <Tabs
        activeKey={kind}
        onChange={(key) => setParams({ kind: key }, { replace: true })}
        items={KINDS.map((k) => ({ key: k.key, label: k.label, children: <OverdueTab kind={k.key} empty={k.empty} /> }))}
        destroyOnHidden
      />
    </Space>
  );
}
