// Working-day calendar routes (工作日历): the holiday data per year, its correction by a system
// administrator, and the two computations everyone needs.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { presentYear, presentYearSummary } from './presenter.js';
import {
  AddWorkingDaysQuery,
  AddWorkingDaysResponse,
  WorkingDaysQuery,
  WorkingDaysResponse,
  YearBody,
  YearListResponse,
  YearParams,
  YearResponse,
} from './schema.js';
import { addWorkingDaysFor, countWorkingDaysFor, getYear, listYears, putYear } from './service.js';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/calendar/years',
    { config: { public: true }, schema: { tags, summary: '节假日安排年份列表 Years with holiday data', response: { 200: YearListResponse } } },
    async () => ({ items: (await listYears(app.deps.db)).map(presentYearSummary) }),
  );

  app.get(
    '/api/calendar/years/:year',
    { config: { public: true }, schema: { tags, summary: '某年节假日安排 Holiday arrangement of a year', params: YearParams, response: { 200: YearResponse } } },
    async (request) => presentYear(await getYear(app.deps.db, request.params.year)),
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { permission: 'calendar.write' },
      schema: {
        tags,
        summary: '更正或新增某年节假日安排 Correct or add a year (system administrators)',
        params: YearParams,
        body: YearBody,
        response: { 200: YearResponse },
      },
    },
    async (request) => presentYear(await putYear(app.deps.db, actorOf(request), request.params.year, request.body, request.ip)),
  );

  app.get(
    '/api/calendar/add-working-days',
    {
      config: { public: true },
      schema: { tags, summary: '加工作日 The N-th working day after a date', querystring: AddWorkingDaysQuery, response: { 200: AddWorkingDaysResponse } },
    },
    async (request) => ({ date: await addWorkingDaysFor(app.deps.db, request.query.date, request.query.n) }),
  );

  app.get(
    '/api/calendar/working-days',
    {
      config: { public: true },
      schema: { tags, summary: '工作日数 Working days in (from, to]', querystring: WorkingDaysQuery, response: { 200: WorkingDaysResponse } },
    },
    async (request) => ({ count: await countWorkingDaysFor(app.deps.db, request.query.from, request.query.to) }),
  );
};
