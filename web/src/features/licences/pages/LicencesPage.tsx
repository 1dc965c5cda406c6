// 电子证照: the e-licences issued within the staff member's scope, newest first; search by licence
// number, identifier or holder name, or by the holder's exact ID number / credit code, and filter by
// status. Pages continue by cursor (加载更多), no totals. The holder's number is masked in the list.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Button, Grid, Input, Select, Space, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatDateTime } from '../../../shared/time';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useQueryParams } from '../../../shared/useQueryParams';
import { LicenceStatusTag } from '../components/LicenceStatusTag';
import { useLicences, type LicenceFilter } from '../hooks';
import { maskHolderIdentity, STATUS_NAMES, validity, version3 } from '../labels';
import type { Licence, LicenceStatus } from '../types';

export default function LicencesPage() {
  usePageTitle('电子证照');
  const narrow = !Grid.useBreakpoint().md;
  const { params, set } = useQueryParams();
  const status = (Object.keys(STATUS_NAMES) as LicenceStatus[]).find((s) => s === params.get('status'));
  const filter: LicenceFilter = { q: params.get('q')?.trim() || undefined, holder: params.get('holder')?.trim() || undefined, status };
  const list = useLicences(filter);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const filtered = !!(filter.q || filter.holder || filter.status);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        电子证照
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>本辖区签发的电子证照（现行版本），新签发的在前。打开证照可查看核验链接，或办理注销、吊销。</Typography.Paragraph>
      <Space wrap style={{ width: '100%' }}>
        <Input.Search
          aria-label="按证照编号、证照标识或持证人名称搜索"
          placeholder="证照编号、标识或持证人名称"
          allowClear
          enterButton="搜索"
          defaultValue={filter.q}
          key={`q-${filter.q ?? ''}`}
          onSearch={(value) => set({ q: value.trim() || null })}
          style={{ width: 320, maxWidth: '100%' }}
        />
        <Input.Search
          aria-label="按持证人身份证号码或统一社会信用代码查找"
          placeholder="持证人证件号码"
          allowClear
          enterButton="查找"
          defaultValue={filter.holder}
          key={`h-${filter.holder ?? ''}`}
          onSearch={(value) => set({ holder: value.trim() || null })}
          style={{ width: 300, maxWidth: '100%' }}
        />
        <Select<LicenceStatus | ''>
          aria-label="按证照状态筛选"
          value={filter.status ?? ''}
          onChange={(value) => set({ status: value || null })}
          options={[{ value: '', label: '全部状态' }, ...(Object.entries(STATUS_NAMES) as [LicenceStatus, string][]).map(([value, label]) => ({ value, label }))]}
          style={{ width: 140 }}
        />
        {filtered && <Button onClick={() => set({ q: null, holder: null, status: null })}>清除条件</Button>}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Licence>
        rowKey="id"
        size="small"
        loading={list.isFetching && !list.isFetchingNextPage}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: filtered ? '没有符合条件的电子证照' : '本辖区尚未签发电子证照' }}
        columns={[
          {
            title: '证照',
            key: 'licence',
            width: narrow ? 200 : 240,
            render: (_: unknown, l) => (
              <>
                {/* Its own line: a link beside other text would need more than colour to stand out. */}
                <div>
                  <Link to={`/licences/${l.id}`} aria-label={`${l.licenceType.name} ${l.licenceNumber}`}>
                    {l.licenceType.name}
                  </Link>
                </div>
                <div>
                  编号 {l.licenceNumber} · 第 {version3(l.version)} 版
                </div>
                {narrow && (
                  <div style={{ marginTop: 4 }}>
                    <LicenceStatusTag status={l.status} name={l.statusName} />
                  </div>
                )}
              </>
            ),
          },
          {
            title: '持证主体',
            key: 'holder',
            width: 200,
            render: (_: unknown, l) => (
              <>
                <div>{l.holder.name}</div>
                <div style={{ fontFamily: 'monospace' }}>{maskHolderIdentity(l.holder.kind, l.holder.identity)}</div>
              </>
            ),
          },
          ...(narrow ? [] : [{ title: '状态', key: 'status', width: 90, render: (_: unknown, l: Licence) => <LicenceStatusTag status={l.status} name={l.statusName} /> }]),
          { title: '有效期', key: 'validity', width: 200, render: (_: unknown, l: Licence) => validity(l) },
          { title: '发证机构', key: 'issuer', render: (_: unknown, l: Licence) => l.issuer.name },
          { title: '签发时间', dataIndex: 'issuedAt', width: 140, render: (s: string) => formatDateTime(s) },
        ]}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} block>
          加载更多
        </Button>
      )}
    </Space>
  );
}
