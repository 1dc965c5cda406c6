// Who signs in through the provider: staff (password, then TOTP when enabled) and applicants (phone
// code), and the links from an upstream provider's subjects to local accounts. Each completed sign-in
// is audited.
import type { AppDeps } from '../../app.js';
import type { Database } from '../../db/database.js';
import { normalizeIdentityNumber } from '../../lib/identity-number.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { recordAudit } from '../audit/service.js';
import { findApplicantIdByIdentity } from '../applicants/queries.js';
import { actorForUser } from '../identity/service.js';

export type SignInMethod = 'password' | 'password+totp' | 'phone-code' | 'upstream';

/** Records a completed sign-in at the provider (统一身份认证登录) in the audit trail. */
export async function recordSignIn(db: Database, account: { kind: 'staff' | 'applicant'; id: string }, method: SignInMethod, ip: string | null): Promise<void> {
  const actor = account.kind === 'staff' ? await actorForUser(db, account.id) : null;
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, actor, {
      action: account.kind === 'staff' ? 'identity.sso.sign-in' : 'applicant.sso.sign-in',
      objectType: account.kind === 'staff' ? 'user' : 'applicant',
      objectId: account.id,
      ip,
      changes: { method },
    });
  });
}

/** The staff account an upstream subject is linked to (active accounts only). */
export async function staffForUpstream(db: Database, issuer: string, subject: string): Promise<string | null> {
  const row = await db
    .selectFrom('upstream_links')
    .innerJoin('users', 'users.id', 'upstream_links.user_id')
    .select('users.id')
    .where('upstream_links.issuer', '=', issuer)
    .where('upstream_links.subject', '=', subject)
    .where('users.active', '=', true)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Links an upstream subject to a staff account (after that person signed in locally once, or by an
 * administrator). A subject links to one account; linking again moves it, and both are audited.
 */
export async function linkUpstreamAccount(db: Database, link: { issuer: string; subject: string; userId: string }, ip: string | null = null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('upstream_links').select('user_id').where('issuer', '=', link.issuer).where('subject', '=', link.subject).executeTakeFirst();
    await trx
      .insertInto('upstream_links')
      .values({ issuer: link.issuer, subject: link.subject, user_id: link.userId })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ user_id: link.userId }))
      .execute();
    await recordAudit(trx, await actorForUser(trx, link.userId), {
      action: 'identity.upstream.link',
      objectType: 'user',
      objectId: link.userId,
      ip,
      changes: { issuer: link.issuer, userId: { before: before?.user_id ?? null, after: link.userId } },
    });
  });
}

/** The applicant whose verified real name carries this resident ID number, if any. */
export async function applicantForIdNumber(deps: AppDeps, idNumber: string): Promise<string | null> {
  const normalized = normalizeIdentityNumber(idNumber);
  if (!/^\d{17}[\dX]$/.test(normalized)) return null;
  const hash = sensitiveColumns(deps.config).hash(normalized);
  return (await findApplicantIdByIdentity(deps.db, 'id_number_hash', hash)) ?? null;
}
