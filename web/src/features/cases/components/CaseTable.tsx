// A list of cases (queue, search, overdue): number, item, applicant (masked as the server gives it),
// state, due date and the time-limit tag. Wider than a phone: it scrolls inside its own box.
import { Link } from 'react-router-dom';
import { Button, Grid, Table } from 'antd';
import { TimeLimitTag } from './TimeLimitTag';
import type { CaseSummary } from '../types';

interface Props {
  rows: CaseSummary[];
  loading: boolean;
  /** Which due date to show: the acceptance's (待受理) or the promised limit's. */
  due: 'acceptance' | 'decision' | 'auto';
  emptyText: string;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  showOrg?: boolean;
}

function dueOf(c: CaseSummary, due: Props['due']): string {
  if (due === 'acceptance' || (due === 'auto' && !c.dueOn)) return c.acceptanceDueOn;
  return c.dueOn ?? '—';
}

export function CaseTable({ rows, loading, due, emptyText, hasMore, loadingMore, onLoadMore, showOrg }: Props) {
  // On a phone the time limit sits under the case number, visible without scrolling the table.
  const narrow = !Grid.useBreakpoint().md;
  return (
    <>
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: showOrg ? 980 : 860 }}
        locale={{ emptyText }}
        columns={[
          {
            title: '办件编号',
            dataIndex: 'caseNumber',
            width: narrow ? 190 : 170,
            render: (n: string, c) => (
              <>
                {/* Its own block: a link beside other text would need more than colour to stand out. */}
                <div>
                  <Link to={`/cases/${c.id}`}>{n}</Link>
                </div>
                {narrow && (
                  <div style={{ marginTop: 4 }}>
                    <TimeLimitTag c={c} />
                  </div>
                )}
              </>
            ),
          },
          { title: '事项', dataIndex: 'itemName' },
          { title: '申请人', dataIndex: 'applicantName', width: 110 },
          ...(showOrg ? [{ title: '实施机构', dataIndex: 'orgName', width: 160 }] : []),
          { title: '状态', dataIndex: 'stateName', width: 120 },
          { title: due === 'acceptance' ? '受理期限' : '办结期限', key: 'due', width: 110, render: (_: unknown, c: CaseSummary) => dueOf(c, due) },
          ...(narrow ? [] : [{ title: '时限', key: 'limit', width: 190, render: (_: unknown, c: CaseSummary) => <TimeLimitTag c={c} /> }]),
        ]}
      />
      {hasMore && (
        <Button onClick={onLoadMore} loading={loadingMore} block>
          加载更多
        </Button>
      )}
    </>
  );
}
