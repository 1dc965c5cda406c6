// 审核: the guide versions waiting for review.
import { Link } from 'react-router-dom';
import { Space, Table, Typography } from 'antd';
import type { ReviewQueueEntry } from '../../../api/types';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatDateTime } from '../../../shared/time';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useReviewQueue } from '../../catalog/hooks';

export default function ReviewQueuePage() {
  usePageTitle('指南审核');
  const queue = useReviewQueue();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        指南审核
      </Typography.Title>
      <ErrorAlert error={queue.error} />
      <Table<ReviewQueueEntry>
        rowKey="id"
        size="small"
        loading={queue.isPending}
        dataSource={queue.data?.items ?? []}
        scroll={{ x: 700 }}
        locale={{ emptyText: '没有待审核的指南' }}
        columns={[
          {
            title: '事项',
            dataIndex: 'itemName',
            render: (name: string, r) => <Link to={`/review/${r.id}`}>{name}（第 {r.versionNo} 版）</Link>,
          },
          { title: '实施机构', dataIndex: 'orgName' },
          { title: '调整原因', dataIndex: 'changeReason' },
          { title: '拟施行日期', dataIndex: 'effectiveFrom', render: (s: string | null) => s ?? '—' },
          { title: '提交人', dataIndex: 'submittedByName', render: (s: string | null) => s ?? '—' },
          { title: '提交时间', dataIndex: 'submittedAt', render: (s: string | null) => formatDateTime(s) },
        ]}
      />
    </Space>
  );
}
