// 我的待办: the cases waiting for the signed-in staff member's part, one tab per step, the soonest
// due first, each with the colour and the words of its time limit. Searching by case number or
// applicant name looks across every case in scope. Pages continue by cursor (加载更多), no totals.
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Input, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { hasPermission } from '../../../shared/permissions';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useQueryParams } from '../../../shared/useQueryParams';
import { useMe } from '../../auth/hooks';
import { CaseTable } from '../components/CaseTable';
import { useCaseSearch, useQueue } from '../hooks';
import type { QueueView } from '../types';

const VIEWS: { key: QueueView; label: string; empty: string }[] = [
  { key: 'acceptance', label: '待受理', empty: '没有待受理的申请' },
  { key: 'review', label: '审查中', empty: '没有审查中的办件' },
  { key: 'decision', label: '待决定', empty: '没有待决定的办件' },
  { key: 'delivery', label: '待送达', empty: '没有待送达的办件' },
];

/** The tab a role starts on: the step it does. */
function defaultView(roles: string[]): QueueView {
  if (roles.includes('window-clerk')) return 'acceptance';
  if (roles.includes('decider')) return 'decision';
  if (roles.includes('reviewer')) return 'review';
  return 'acceptance';
}

function QueueTab({ view, empty }: { view: QueueView; empty: string }) {
  const queue = useQueue(view);
  const rows = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <ErrorAlert error={queue.error} />
      <CaseTable
        rows={rows}
        loading={queue.isPending && queue.fetchStatus !== 'idle'}
        due={view === 'acceptance' ? 'acceptance' : 'decision'}
        emptyText={empty}
        hasMore={queue.hasNextPage}
        loadingMore={queue.isFetchingNextPage}
        onLoadMore={() => void queue.fetchNextPage()}
      />
    </Space>
  );
}

function SearchResults({ q }: { q: string }) {
  const search = useCaseSearch(q);
  const rows = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        “{q}”的搜索结果
      </Typography.Title>
      <ErrorAlert error={search.error} />
      <CaseTable
        rows={rows}
        loading={search.isFetching && !search.isFetchingNextPage}
        due="auto"
        emptyText="没有找到符合条件的办件"
        hasMore={search.hasNextPage}
        loadingMore={search.isFetchingNextPage}
        onLoadMore={() => void search.fetchNextPage()}
      />
    </Space>
  );
}

export default function QueuePage() {
  usePageTitle('我的待办');
  const me = useMe().data!;
  const navigate = useNavigate();
  const { params, set } = useQueryParams();
  const view = (VIEWS.find((v) => v.key === params.get('view'))?.key ?? defaultView(me.roles)) as QueueView;
  const q = params.get('q')?.trim() ?? '';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        我的待办
      </Typography.Title>
      <Space wrap style={{ width: '100%' }}>
        <Input.Search
          aria-label="按办件编号或申请人姓名搜索"
          placeholder="办件编号或申请人姓名"
          allowClear
          enterButton="搜索"
          defaultValue={q}
          key={q}
          onSearch={(value) => set({ q: value.trim() || null })}
          style={{ width: 300, maxWidth: '100%' }}
        />
        {hasPermission(me.roles, 'case.accept') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
            窗口收件
          </Button>
        )}
      </Space>
      {q ? (
        <>
          <SearchResults q={q} />
          <Button onClick={() => set({ q: null })}>返回我的待办</Button>
        </>
      ) : (
        <Tabs
          activeKey={view}
          onChange={(key) => set({ view: key })}
          items={VIEWS.map((v) => ({ key: v.key, label: v.label, children: <QueueTab view={v.key} empty={v.empty} /> }))}
          destroyOnHidden
        />
      )}
    </Space>
  );
}
