// 录入 / 更正 a year's holiday arrangement, in the shape of the State Council's notice: the notice
// itself, each festival's days off as a period (自…至…，共 N 天), and each make-up working day. The
// year below the form shows what will be saved. Saving replaces the year as a whole.
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, AutoComplete, Button, Card, DatePicker, Form, Input, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, describeError } from '../../../api/client';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { usePageTitle } from '../../../shared/usePageTitle';
import { YearGrid } from '../components/YearGrid';
import { useHolidayYear, useSaveHolidayYear, type HolidayYear, type HolidayYearInput } from '../hooks';
import { datesOf, FESTIVALS, isWeekendDate, periodLength, periodProblem, periodsOf, weekdayName, type NamedDate } from '../periods';

interface PeriodRow {
  name?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
}
interface MakeupRow {
  name?: string;
  date?: Dayjs | null;
}
interface FormValues {
  title: string;
  number?: string;
  issued?: Dayjs | null;
  url?: string;
  periods?: PeriodRow[];
  makeup?: MakeupRow[];
}

const DAY = 'YYYY-MM-DD';
const festivalOptions = FESTIVALS.map((f) => ({ value: f }));
const day = (d: Dayjs | null | undefined) => (d ? d.format(DAY) : undefined);

function initialValues(year: number, saved: HolidayYear | undefined): FormValues {
  if (!saved) {
    // A new year: the notice's usual title and one row per festival it always names.
    return {
      title: `国务院办公厅关于${year}年部分节假日安排的通知`,
      periods: FESTIVALS.map((name) => ({ name, from: null, to: null })),
      makeup: [],
    };
  }
  return {
    title: saved.source.title,
    number: saved.source.number ?? undefined,
    issued: saved.source.issued ? dayjs(saved.source.issued) : null,
    url: saved.source.url ?? undefined,
    periods: periodsOf(saved.holidays).map((p) => ({ name: p.name, from: dayjs(p.from), to: dayjs(p.to) })),
    makeup: saved.makeupWorkdays.map((d) => ({ name: d.name, date: dayjs(d.date) })),
  };
}

/** The dates the form describes, for the preview and the request; rows not yet complete are left out. */
function datesFrom(values: Partial<FormValues>, year: number): { holidays: NamedDate[]; makeupWorkdays: NamedDate[] } {
  const periods = (values.periods ?? [])
    .map((r) => ({ name: r?.name?.trim() ?? '', from: day(r?.from) ?? '', to: day(r?.to) ?? '' }))
    .filter((p) => periodProblem(p, year) === null);
  const makeupWorkdays = (values.makeup ?? []).filter((r) => r?.name?.trim() && r.date).map((r) => ({ name: r.name!.trim(), date: day(r.date)! }));
  return { holidays: datesOf(periods), makeupWorkdays };
}

export default function HolidayYearEditPage() {
  const year = Number(useParams().year);
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const saved = useHolidayYear(valid ? year : null);
  const isNew = saved.error instanceof ApiError && saved.error.status === 404;
  usePageTitle(`${isNew ? '录入' : '更正'} ${year} 年节假日安排`);

  if (!valid) return <Alert type="error" showIcon role="alert" title="年份无效" description="请从工作日历页进入。" />;
  if (saved.error && !isNew) return <ErrorAlert error={saved.error} />;
  if (!saved.data && !isNew) return <Spin />;
  return <Editor year={year} saved={saved.data} />;
}

function Editor({ year, saved }: { year: number; saved: HolidayYear | undefined }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveHolidayYear(year);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const initial = useMemo(() => initialValues(year, saved), [year, saved]);
  const watched = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const preview = datesFrom(watched ?? initial, year);
  const outsideYear = (d: Dayjs) => d.year() !== year;
  const firstOfYear = dayjs(`${year}-01-01`);

  const onFinish = (v: FormValues) => {
    const body: HolidayYearInput = {
      source: { title: v.title.trim(), number: v.number?.trim() || null, issued: day(v.issued) ?? null, url: v.url?.trim() || null },
      ...datesFrom(v, year),
    };
    setRefusal(null);
    save.mutate(body, {
      onSuccess: () => {
        message.success(`${year} 年节假日安排已保存，平台即按此计算工作日`);
        navigate(`/calendar?year=${year}`);
      },
      // The server checks the whole year (a day both off and working, a make-up day on a weekday …);
      // its reasons name the dates, which is what the administrator can act on.
      onError: (e) => setRefusal(e instanceof ApiError && e.invalidParams.length ? e.invalidParams.map((p) => p.reason) : [describeError(e)]),
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {saved ? '更正' : '录入'} {year} 年节假日安排
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        按国务院办公厅关于 {year} 年部分节假日安排的通知逐项填写：每个节日的放假起止日期（含其中的周末），以及调休上班的周末。保存后平台立即按新的安排计算工作日期限。
      </Typography.Paragraph>
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="未保存：安排有误"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {refusal.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form
        form={form}
        name="holiday-year"
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        scrollToFirstError
        // Enter confirms a typed date in its field; it must not also save the whole year half-filled
        // (a browser submits a form on Enter in any of its inputs). Saving is the 保存 button's.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
        }}
      >
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>依据的通知</h2>} style={{ marginBottom: 16 }}>
          <Form.Item label="通知名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写通知名称' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="文号" name="number">
            <Input maxLength={100} placeholder="如 国办发明电〔2025〕7号" />
          </Form.Item>
          <Form.Item label="发布日期" name="issued">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="网址" name="url" rules={[{ pattern: /^https?:\/\/\S+$/, message: '请填写以 http:// 或 https:// 开头的网址' }]}>
            <Input maxLength={500} inputMode="url" />
          </Form.Item>
        </Card>

        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>放假安排</h2>} style={{ marginBottom: 16 }}>
          <Form.List name="periods">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => {
                  const row = watched?.periods?.[field.name];
                  const from = day(row?.from);
                  const to = day(row?.to);
                  return (
                    <fieldset key={field.key} style={{ border: 0, borderBottom: '1px solid #f0f0f0', margin: '0 0 12px', padding: '0 0 4px' }}>
                      <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 4 }}>放假 {index + 1}</legend>
                      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                        <Form.Item label="节日" name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写节日名称' }]} style={{ flex: '1 1 120px' }}>
                          <AutoComplete options={festivalOptions} maxLength={40} />
                        </Form.Item>
                        <Form.Item label="开始日期" name={[field.name, 'from']} rules={[{ required: true, message: '请选择开始日期' }]} style={{ flex: '1 1 140px' }}>
                          <DatePicker style={{ width: '100%' }} disabledDate={outsideYear} defaultPickerValue={firstOfYear} />
                        </Form.Item>
                        <Form.Item
                          label="结束日期"
                          name={[field.name, 'to']}
                          dependencies={[['periods', field.name, 'from']]}
                          rules={[
                            { required: true, message: '请选择结束日期' },
                            ({ getFieldValue }) => ({
                              validator: (_, value: Dayjs | null) => {
                                const start = getFieldValue(['periods', field.name, 'from']) as Dayjs | null;
                                return start && value && value.isBefore(start, 'day') ? Promise.reject(new Error('结束日期不能早于开始日期')) : Promise.resolve();
                              },
                            }),
                          ]}
                          style={{ flex: '1 1 140px' }}
                        >
                          <DatePicker style={{ width: '100%' }} disabledDate={outsideYear} defaultPickerValue={firstOfYear} />
                        </Form.Item>
                        <Button aria-label={`删除放假 ${index + 1}`} icon={<DeleteOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                      </div>
                      {from && to && to >= from && (
                        <Typography.Text type="secondary">
                          {from}（{weekdayName(from)}）至 {to}（{weekdayName(to)}），共 {periodLength({ from, to })} 天
                        </Typography.Text>
                      )}
                    </fieldset>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', from: null, to: null })}>
                  添加放假安排
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>调休上班</h2>} style={{ marginBottom: 16 }}>
          <Form.List name="makeup">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 && <Typography.Paragraph>没有调休上班的周末时不用填写。</Typography.Paragraph>}
                {fields.map((field, index) => (
                  <div key={field.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                    <Form.Item label={`调休上班 ${index + 1} 所属节日`} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写所属节日' }]} style={{ flex: '1 1 120px' }}>
                      <AutoComplete options={festivalOptions} maxLength={40} />
                    </Form.Item>
                    <Form.Item
                      label={`调休上班 ${index + 1} 日期`}
                      name={[field.name, 'date']}
                      rules={[
                        { required: true, message: '请选择日期' },
                        { validator: (_, value: Dayjs | null) => (value && !isWeekendDate(value.format(DAY)) ? Promise.reject(new Error('调休上班日应为周六或周日')) : Promise.resolve()) },
                      ]}
                      style={{ flex: '1 1 140px' }}
                    >
                      <DatePicker style={{ width: '100%' }} disabledDate={outsideYear} defaultPickerValue={firstOfYear} />
                    </Form.Item>
                    <Button aria-label={`删除调休上班 ${index + 1}`} icon={<DeleteOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', date: null })}>
                  添加调休上班日
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Space wrap style={{ marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Button onClick={() => navigate(`/calendar${saved ? `?year=${year}` : ''}`)}>取消</Button>
        </Space>
      </Form>

      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>预览</h2>}>
        <YearGrid year={year} holidays={preview.holidays} makeupWorkdays={preview.makeupWorkdays} />
      </Card>
    </Space>
  );
}
