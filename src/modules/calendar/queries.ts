// Rows of holiday_years: an administrator's arrangement for a year, overriding the shipped file.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { YearData } from '../../lib/calendar/index.js';

type Db = Kysely<DB> | Transaction<DB>;

export function listHolidayYearRows(db: Db) {
  return db.selectFrom('holiday_years').select(['year', 'data', 'updated_by', 'updated_at']).orderBy('year').execute();
}

export function findHolidayYearRow(db: Db, year: number) {
  return db.selectFrom('holiday_years').select(['year', 'data', 'updated_by', 'updated_at']).where('year', '=', year).executeTakeFirst();
}

export async function upsertHolidayYearRow(db: Db, data: YearData, source: string, userId: string): Promise<Date> {
  const now = new Date();
  await db
    .insertInto('holiday_years')
    .values({ year: data.year, data: JSON.stringify(data), source, updated_by: userId, updated_at: now })
    .onConflict((oc) => oc.column('year').doUpdateSet({ data: JSON.stringify(data), source, updated_by: userId, updated_at: now }))
    .execute();
  return now;
}
