// The staff second factor (双因素认证): an authenticator app's TOTP code (RFC 6238) asked after the
// password on the sign-in page. A staff member enrols for themselves: setup (secret + QR code), then
// enable with a first code; disable needs a current code. Secrets are stored encrypted (SM4); the
// last accepted time step is kept so that a code cannot be used twice.
import QRCode from 'qrcode';
import type { AppDeps } from '../../app.js';
import type { Database } from '../../db/database.js';
import { conflict, DomainError, unauthorized } from '../../http/errors.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from '../../lib/totp.js';
import { recordAudit } from '../audit/service.js';
import type { Actor } from '../identity/permissions.js';

const SECRET_CONTEXT = 'staff_totp.secret';
export const TOTP_ISSUER = '兴安盟政务服务';

const wrongCode = () =>
  new DomainError(422, 'totp-code-invalid', '动态验证码不正确或已使用 (the code is wrong, expired or already used)', [{ name: 'body.code', reason: '动态验证码不正确或已使用 (wrong or used code)' }]);

function staffOnly(actor: Actor | null): Actor {
  if (!actor || actor.kind === 'machine') throw unauthorized();
  return actor;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** Starts (or restarts) enrolment: a new secret, not yet enforced until enabled with a code. */
export async function setupTotp(deps: AppDeps, who: Actor | null): Promise<TotpSetup> {
  const actor = staffOnly(who);
  const existing = await deps.db.selectFrom('staff_totp').select('enabled').where('user_id', '=', actor.userId).executeTakeFirst();
  if (existing?.enabled) throw conflict('totp-already-enabled', '已开启双因素认证；如需更换，请先关闭 (two-factor sign-in is already on; disable it first)');
  const secret = generateTotpSecret();
  const secretEnc = sensitiveColumns(deps.config).encrypt(secret, SECRET_CONTEXT);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('staff_totp')
      .values({ user_id: actor.userId, secret_enc: secretEnc, enabled: false, last_step: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret_enc: secretEnc, enabled: false, last_step: null, enabled_at: null }))
      .execute();
    await recordAudit(trx, actor, { action: 'identity.totp.setup', objectType: 'user', objectId: actor.userId, ip: actor.ip ?? null });
  });
  const uri = otpauthUri({ issuer: TOTP_ISSUER, account: actor.username, secret });
  return { secret, otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
}

/**
 * Accepts a code for a user if it matches a step newer than the last one used, recording that step
 * in the same statement (two simultaneous uses of one code: only one update matches).
 */
async function consumeCode(db: Database, secretEnc: string, lastStep: number | null, userId: string, code: string, deps: AppDeps): Promise<boolean> {
  const secret = sensitiveColumns(deps.config).decrypt(secretEnc, SECRET_CONTEXT);
  const step = verifyTotp(secret, code, { afterStep: lastStep });
  if (step === null) return false;
  let update = db.updateTable('staff_totp').set({ last_step: step }).where('user_id', '=', userId);
  update = lastStep === null ? update.where('last_step', 'is', null) : update.where('last_step', '=', lastStep);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function enableTotp(deps: AppDeps, who: Actor | null, code: string): Promise<void> {
  const actor = staffOnly(who);
  const row = await deps.db.selectFrom('staff_totp').selectAll().where('user_id', '=', actor.userId).executeTakeFirst();
  if (!row) throw conflict('totp-not-set-up', '请先生成动态验证码密钥 (call setup first)');
  if (row.enabled) throw conflict('totp-already-enabled', '已开启双因素认证 (two-factor sign-in is already on)');
  if (!(await consumeCode(deps.db, row.secret_enc, row.last_step, actor.userId, code, deps))) throw wrongCode();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_totp').set({ enabled: true, enabled_at: new Date() }).where('user_id', '=', actor.userId).execute();
    await recordAudit(trx, actor, { action: 'identity.totp.enable', objectType: 'user', objectId: actor.userId, ip: actor.ip ?? null, changes: { totp: { before: false, after: true } } });
  });
}

export async function disableTotp(deps: AppDeps, who: Actor | null, code: string): Promise<void> {
  const actor = staffOnly(who);
  const row = await deps.db.selectFrom('staff_totp').selectAll().where('user_id', '=', actor.userId).executeTakeFirst();
  if (!row?.enabled) throw conflict('totp-not-enabled', '尚未开启双因素认证 (two-factor sign-in is not on)');
  if (!(await consumeCode(deps.db, row.secret_enc, row.last_step, actor.userId, code, deps))) throw wrongCode();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('staff_totp').where('user_id', '=', actor.userId).execute();
    await recordAudit(trx, actor, { action: 'identity.totp.disable', objectType: 'user', objectId: actor.userId, ip: actor.ip ?? null, changes: { totp: { before: true, after: false } } });
  });
}

/** Whether this staff member must give a TOTP code after the password. */
export async function totpRequired(db: Database, userId: string): Promise<boolean> {
  const row = await db.selectFrom('staff_totp').select('enabled').where('user_id', '=', userId).executeTakeFirst();
  return row?.enabled === true;
}

/** The sign-in page's second step: true when the code is right and unused. */
export async function checkSignInCode(deps: AppDeps, userId: string, code: string): Promise<boolean> {
  const row = await deps.db.selectFrom('staff_totp').selectAll().where('user_id', '=', userId).where('enabled', '=', true).executeTakeFirst();
  if (!row) return false;
  return consumeCode(deps.db, row.secret_enc, row.last_step, userId, code, deps);
}
