// Kysely functions over consultations: plain rows in, plain rows out. Every read is limited to an
// organization subtree (orgs.path prefix) in SQL.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Channel, Cursor } from './rules.js';

type Q = Kysely<DB> | Transaction<DB>;

function selectConsultations(q: Q) {
  return q
    .selectFrom('consultations as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .leftJoin('catalog_items as it', 'it.id', 'c.item_id')
    .leftJoin('users as u', 'u.id', 'c.responder_id')
    .leftJoin('cases as k', 'k.id', 'c.case_id')
    .select([
      'c.id',
      'c.channel',
      'c.org_id',
      'o.name as org_name',
      'c.item_id',
      'it.name as item_name',
      'it.code as item_code',
      'c.responder_id',
      'u.display_name as responder_name',
      'c.asker_name',
      'c.asker_contact_enc',
      'c.question',
      'c.answer',
      'c.answered_at',
      'c.case_id',
      'k.case_number',
      'c.created_at',
    ]);
}
export type ConsultationRow = Awaited<ReturnType<ReturnType<typeof selectConsultations>['executeTakeFirstOrThrow']>>;

export async function insertConsultation(
  q: Q,
  row: { id: string; channel: Channel; orgId: string; itemId: string | null; responderId: string; askerName: string | null; askerContactEnc: string | null; question: string; answer: string | null; at: Date },
): Promise<void> {
  await q
    .insertInto('consultations')
    .values({
      id: row.id,
      channel: row.channel,
      org_id: row.orgId,
      item_id: row.itemId,
      responder_id: row.responderId,
      asker_name: row.askerName,
      asker_contact_enc: row.askerContactEnc,
      question: row.question,
      answer: row.answer,
      answered_at: row.answer === null ? null : row.at,
      created_at: row.at,
    })
    .execute();
}

/** One consultation within the subtree, or undefined (also when it exists outside it). */
export async function findConsultation(q: Q, id: string, scopePath: string): Promise<ConsultationRow | undefined> {
  return selectConsultations(q).where('c.id', '=', id).where('o.path', 'like', `${scopePath}%`).executeTakeFirst();
}

export interface ConsultationFilter {
  scopePath: string;
  channel?: Channel;
  answered?: boolean;
  itemId?: string;
  after?: Cursor;
  limit: number;
}

/** Newest first, keyset on (created_at, id); fetches limit + 1 to know whether a next page exists. */
export async function listConsultations(q: Q, f: ConsultationFilter): Promise<ConsultationRow[]> {
  let query = selectConsultations(q).where('o.path', 'like', `${f.scopePath}%`);
  if (f.channel) query = query.where('c.channel', '=', f.channel);
  if (f.answered !== undefined) query = query.where('c.answer', f.answered ? 'is not' : 'is', null);
  if (f.itemId) query = query.where('c.item_id', '=', f.itemId);
  if (f.after) query = query.where(sql<boolean>`(c.created_at, c.id) < (${f.after.at}, ${f.after.id})`);
  return query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(f.limit + 1).execute();
}

/** Records the answer unless one is there already; false when another answer came first. */
export async function setAnswer(trx: Transaction<DB>, id: string, answer: string, at: Date): Promise<boolean> {
  const row = await trx.updateTable('consultations').set({ answer, answered_at: at }).where('id', '=', id).where('answer', 'is', null).returning('id').executeTakeFirst();
  return !!row;
}

/** Links the case unless a case is linked already; false when another link came first. */
export async function setCase(trx: Transaction<DB>, id: string, caseId: string): Promise<boolean> {
  const row = await trx.updateTable('consultations').set({ case_id: caseId }).where('id', '=', id).where('case_id', 'is', null).returning('id').executeTakeFirst();
  return !!row;
}

export async function itemExists(q: Q, itemId: string): Promise<boolean> {
  return !!(await q.selectFrom('catalog_items').select('id').where('id', '=', itemId).executeTakeFirst());
}

/** The case, when it lies within the subtree. */
export async function findCaseInScope(q: Q, caseId: string, scopePath: string) {
  return q
    .selectFrom('cases as k')
    .innerJoin('orgs as o', 'o.id', 'k.org_id')
    .select(['k.id', 'k.case_number', 'k.org_id'])
    .where('k.id', '=', caseId)
    .where('o.path', 'like', `${scopePath}%`)
    .executeTakeFirst();
}
