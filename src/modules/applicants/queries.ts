// Kysely functions over applicants, login_codes and applicant_sessions: plain rows in, plain rows out.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ApplicantsTable, DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;
export type ApplicantRow = Selectable<ApplicantsTable>;

/** Serialises code sending per phone (the rate-limit counts below must see each other's rows). */
export async function lockPhone(trx: Transaction<DB>, phoneHash: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`login-code:${phoneHash}`}, 0))`.execute(trx);
}

/** Creation times of the phone's codes since `since`. */
export async function recentPhoneCodeTimes(q: Q, phoneHash: string, since: Date): Promise<Date[]> {
  const rows = await q.selectFrom('login_codes').select('created_at').where('phone_hash', '=', phoneHash).where('created_at', '>', since).execute();
  return rows.map((r) => new Date(r.created_at));
}

export async function insertLoginCode(q: Q, row: { id: string; phoneHash: string; codeHash: string; expiresAt: Date; ip: string | null; createdAt: Date }) {
  await q
    .insertInto('login_codes')
    .values({ id: row.id, phone_hash: row.phoneHash, code_hash: row.codeHash, expires_at: row.expiresAt, ip: row.ip, created_at: row.createdAt })
    .execute();
}

/** The phone's newest code: only the latest one sent can sign in. */
export async function latestLoginCode(q: Q, phoneHash: string) {
  return q.selectFrom('login_codes').selectAll().where('phone_hash', '=', phoneHash).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/**
 * Counts one try against the code before comparing, in one statement, so parallel guesses cannot
 * exceed the limit. Returns the tries used including this one, or null when none are left.
 */
export async function takeCodeAttempt(q: Q, id: string, maxAttempts: number): Promise<number | null> {
  const row = await q
    .updateTable('login_codes')
    .set({ attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .where('attempts', '<', maxAttempts)
    .where('consumed_at', 'is', null)
    .returning('attempts')
    .executeTakeFirst();
  return row ? row.attempts : null;
}

/** Marks the code used; false when another request used it first. */
export async function consumeLoginCode(q: Q, id: string, at: Date): Promise<boolean> {
  const row = await q.updateTable('login_codes').set({ consumed_at: at }).where('id', '=', id).where('consumed_at', 'is', null).returning('id').executeTakeFirst();
  return !!row;
}

export async function findApplicantById(q: Q, id: string): Promise<ApplicantRow | undefined> {
  return q.selectFrom('applicants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findApplicantByPhoneHash(q: Q, phoneHash: string): Promise<ApplicantRow | undefined> {
  return q.selectFrom('applicants').selectAll().where('phone_hash', '=', phoneHash).executeTakeFirst();
}

/** The account holding this identity (ID-number or credit-code hash), if any. */
export async function findApplicantIdByIdentity(q: Q, column: 'id_number_hash' | 'credit_code_hash', hash: string): Promise<string | undefined> {
  const row = await q.selectFrom('applicants').select('id').where(column, '=', hash).executeTakeFirst();
  return row?.id;
}

export async function insertApplicant(q: Q, row: { id: string; phoneEnc: string; phoneHash: string; at: Date }) {
  await q
    .insertInto('applicants')
    .values({ id: row.id, phone_enc: row.phoneEnc, phone_hash: row.phoneHash, created_at: row.at, updated_at: row.at })
    .execute();
}

export interface RealNameLink {
  kind: 'person' | 'enterprise';
  name: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  creditCode: string | null;
  creditCodeHash: string | null;
  provider: string;
  at: Date;
}

/** Links an unverified account; false when it was verified in the meantime. */
export async function linkRealNameRow(q: Q, applicantId: string, link: RealNameLink): Promise<boolean> {
  const row = await q
    .updateTable('applicants')
    .set({
      kind: link.kind,
      name: link.name,
      id_number_enc: link.idNumberEnc,
      id_number_hash: link.idNumberHash,
      credit_code: link.creditCode,
      credit_code_hash: link.creditCodeHash,
      real_name_verified_at: link.at,
      real_name_provider: link.provider,
      updated_at: link.at,
    })
    .where('id', '=', applicantId)
    .where('real_name_verified_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function insertApplicantSession(q: Q, row: { id: string; applicantId: string; method: string; at: Date; expiresAt: Date }) {
  await q
    .insertInto('applicant_sessions')
    .values({ id: row.id, applicant_id: row.applicantId, method: row.method, created_at: row.at, last_seen_at: row.at, expires_at: row.expiresAt })
    .execute();
}

export async function findApplicantSession(q: Q, id: string) {
  return q.selectFrom('applicant_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchApplicantSession(q: Q, id: string, at: Date, expiresAt: Date) {
  await q.updateTable('applicant_sessions').set({ last_seen_at: at, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function revokeApplicantSessionRow(q: Q, id: string, at: Date): Promise<string | null> {
  const row = await q
    .updateTable('applicant_sessions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('applicant_id')
    .executeTakeFirst();
  return row?.applicant_id ?? null;
}

/** The applicant's own sign-ins, newest first (登录记录). */
export async function listApplicantSessions(q: Q, applicantId: string, limit: number) {
  return q
    .selectFrom('applicant_sessions')
    .select(['id', 'method', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at'])
    .where('applicant_id', '=', applicantId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
