// 工作日历: the holiday arrangement (节假日安排) of each year the platform counts working days with —
// shipped with the release or entered by an administrator — shown month by month, with the
// reminder to enter the next year and the way to correct one.
import { Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { hasPermission } from '../../../shared/permissions';
import { formatDateTime, todayInShanghai } from '../../../shared/time';
import { usePageTitle } from '../../../shared/usePageTitle';
import { useQueryParams } from '../../../shared/useQueryParams';
import { useMe } from '../../auth/hooks';
import { CalendarReminder } from '../components/CalendarReminder';
import { YearGrid } from '../components/YearGrid';
import { useHolidayYear, useHolidayYears, type YearSummary } from '../hooks';
import { missingYear, periodLength, periodsOf, weekdayName } from '../periods';

const ORIGIN_NAMES = { shipped: '随版本发布', database: '管理员录入' } as const;

export default function CalendarPage() {
  usePageTitle('工作日历');
  const canWrite = hasPermission(useMe().data?.roles, 'calendar.write');
  const navigate = useNavigate();
  const years = useHolidayYears();
  const { params, set } = useQueryParams();
  const today = todayInShanghai();
  const thisYear = Number(today.slice(0, 4));
  const known = years.data?.map((y) => y.year) ?? [];
  // The year after the latest one known, offered for entry unless the reminder already offers it.
  const after = known.length ? known[known.length - 1]! + 1 : null;
  // The year asked for, else this year when it is known, else the latest known.
  const asked = Number(params.get('year'));
  const shown = known.includes(asked) ? asked : known.includes(thisYear) ? thisYear : (known[known.length - 1] ?? null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        工作日历
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        办件的受理、补正和办结期限按工作日计算：周末休息，国务院办公厅每年公布的节假日放假，调休的周末上班。平台只按已录入的安排计算，没有安排的年份不作推测。
      </Typography.Paragraph>
      <CalendarReminder where="calendar-page" />
      <ErrorAlert error={years.error} />
      {years.isPending ? (
        <Spin />
      ) : (
        <Table<YearSummary>
          size="small"
          rowKey="year"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={years.data ?? []}
          columns={[
            {
              title: '年份',
              dataIndex: 'year',
              render: (year: number) => (
                <Button type="link" style={{ padding: 0 }} aria-pressed={year === shown} onClick={() => set({ year: String(year) })}>
                  {year} 年
                </Button>
              ),
            },
            { title: '依据', render: (_, y) => `${y.sourceTitle}${y.sourceNumber ? `（${y.sourceNumber}）` : ''}` },
            { title: '放假 / 调休上班', render: (_, y) => `${y.holidayCount} 天 / ${y.makeupWorkdayCount} 天` },
            { title: '来源', dataIndex: 'origin', render: (o: YearSummary['origin']) => <Tag color={o === 'database' ? 'processing' : 'default'}>{ORIGIN_NAMES[o]}</Tag> },
            { title: '更新时间', dataIndex: 'updatedAt', render: (t: string | null) => formatDateTime(t) },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'edit',
                    render: (_: unknown, y: YearSummary) => (
                      <Button size="small" aria-label={`更正 ${y.year} 年节假日安排`} onClick={() => navigate(`/calendar/${y.year}/edit`)}>
                        更正
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canWrite && after !== null && after !== missingYear(known, today) && (
        <Button onClick={() => navigate(`/calendar/${after}/edit`)}>录入 {after} 年节假日安排</Button>
      )}
      {shown !== null && <YearView year={shown} />}
    </Space>
  );
}

function YearView({ year }: { year: number }) {
  const data = useHolidayYear(year);
  if (data.error) return <ErrorAlert error={data.error} />;
  if (!data.data) return <Spin />;
  const y = data.data;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{year} 年节假日安排</h2>}>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="依据">
          {y.source.url ? (
            <a href={y.source.url} target="_blank" rel="noreferrer">
              {y.source.title}
            </a>
          ) : (
            y.source.title
          )}
        </Descriptions.Item>
        <Descriptions.Item label="文号">{y.source.number ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="发布日期">{y.source.issued ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="来源">{ORIGIN_NAMES[y.origin]}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        放假安排
      </Typography.Title>
      <ul data-testid="holiday-periods">
        {periodsOf(y.holidays).map((p) => (
          <li key={p.from}>
            {p.name}：{p.from === p.to ? p.from : `${p.from} 至 ${p.to}`}，共 {periodLength(p)} 天
          </li>
        ))}
      </ul>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        调休上班
      </Typography.Title>
      {y.makeupWorkdays.length ? (
        <ul data-testid="makeup-days">
          {y.makeupWorkdays.map((d) => (
            <li key={d.date}>
              {d.date}（{weekdayName(d.date)}）{d.name}
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph>无</Typography.Paragraph>
      )}
      <YearGrid year={year} holidays={y.holidays} makeupWorkdays={y.makeupWorkdays} />
    </Card>
  );
}
