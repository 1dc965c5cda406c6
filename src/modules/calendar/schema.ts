// TypeBox schemas of the calendar routes (工作日历).
import { Type, type Static } from '@sinclair/typebox';

const DatePattern = '^\\d{4}-\\d{2}-\\d{2}$';
const DateString = (description: string) => Type.String({ pattern: DatePattern, description });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const NamedDateSchema = Type.Object(
  { date: DateString('YYYY-MM-DD'), name: Type.String({ minLength: 1, maxLength: 40, description: '节日名称 festival, e.g. 春节' }) },
  { additionalProperties: false },
);

export const SourceSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200, description: '通知名称 notice title' }),
    number: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '文号, e.g. 国办发明电〔2024〕12号' }))),
    issued: Type.Optional(Nullable(DateString('发布日期 date issued'))),
    url: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'http(s) address of the notice' }))),
  },
  { additionalProperties: false },
);

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

export const YearBody = Type.Object(
  {
    source: SourceSchema,
    holidays: Type.Array(NamedDateSchema, { maxItems: 366, description: '放假日期 days off' }),
    makeupWorkdays: Type.Array(NamedDateSchema, { maxItems: 366, description: '调休上班日期 make-up working days' }),
  },
  { additionalProperties: false },
);
export type YearBodyInput = Static<typeof YearBody>;

const Origin = Type.Union([Type.Literal('shipped'), Type.Literal('database')], {
  description: 'shipped: the file in the release; database: an administrator’s correction or addition',
});

export const YearResponse = Type.Object({
  year: Type.Integer(),
  source: Type.Object({ title: Type.String(), number: Nullable(Type.String()), issued: Nullable(Type.String()), url: Nullable(Type.String()) }),
  holidays: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
  makeupWorkdays: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
  origin: Origin,
  updatedAt: Nullable(Type.String()),
});

export const YearListResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      year: Type.Integer(),
      sourceTitle: Type.String(),
      sourceNumber: Nullable(Type.String()),
      holidayCount: Type.Integer(),
      makeupWorkdayCount: Type.Integer(),
      origin: Origin,
      updatedAt: Nullable(Type.String()),
    }),
  ),
});

export const AddWorkingDaysQuery = Type.Object({
  date: DateString('起算日期 start date'),
  n: Type.Integer({ minimum: 0, maximum: 10000, description: '工作日数 working days to add (0 = this day if working, else the next)' }),
});
export const AddWorkingDaysResponse = Type.Object({ date: Type.String() });

export const WorkingDaysQuery = Type.Object({
  from: DateString('FROM (not counted)'),
  to: DateString('TO (counted)'),
});
export const WorkingDaysResponse = Type.Object({ count: Type.Integer({ description: 'working days in (from, to]; negative when to < from' }) });
