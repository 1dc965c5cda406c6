// Electronic seals (电子印章, Art. 26): each organization holds one or more seals, each with its own
// SM2 key pair generated here. The private key is stored SM4-encrypted with the platform's data key
// (sensitiveColumns, TONGBAN_DATA_KEY; bound to the seal's id so a key copied onto another seal row
// does not decrypt) and never leaves this module except into signSealed(). Administrators
// (seals.manage: system administrators everywhere, department administrators within their scope)
// create, suspend, resume and revoke seals; a suspended or revoked seal signs nothing.
//
//   ensureDefaultSeal(trx, deps, orgId)  – give an organization a 行政审批专用章 if it has no active one
//   activeSealForSigning(trx, orgId, kind?) – the seal that signs (409 naming the org when none)
//   signWithSeal(trx, deps, seal, digest) – the SM2 signature of a digest
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { clockOf, type Clock } from '../../lib/clock.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { recordAudit } from '../audit/service.js';
import { can, inScope, type Actor } from '../identity/permissions.js';
import { generateSealKeys, signDigest } from './crypto.js';
import { sealDrawing, sealSvg } from './drawing.js';
import * as q from './queries.js';
import {
  cleanSealName,
  EVENT_OF_ACTION,
  nextStatus,
  noActiveSeal,
  orgNotFound,
  orgOutOfScope,
  SEAL_KIND_PREFERENCE,
  sealNotFound,
  type SealAction,
  type SealKind,
  type SealStatus,
} from './rules.js';

/** What the seal services need: the keys (config) and the clock. AppDeps satisfies it. */
export interface SealDeps {
  db: Database;
  config: Config;
  clock?: Clock;
}

export type { SealRow } from './queries.js';

const privateKeyContext = (sealId: string) => `seals.private_key:${sealId}`;

/** A system administrator manages every organization's seals; a department administrator its subtree's. */
function managesOrg(actor: Actor, orgPath: string): boolean {
  return can(actor, 'seals.manage') && (actor.roles.includes('system-admin') || inScope(actor, orgPath));
}

const manageScope = (actor: Actor): string | null => (actor.roles.includes('system-admin') ? null : actor.scopePath);

async function loadManaged(deps: SealDeps, actor: Actor, id: string): Promise<q.SealRow> {
  const seal = await q.findSeal(deps.db, id);
  if (!seal || !managesOrg(actor, seal.org_path)) throw sealNotFound();
  return seal;
}

async function insertNewSeal(
  trx: Transaction<DB>,
  deps: Pick<SealDeps, 'config' | 'clock'>,
  input: { orgId: string; kind: SealKind; name: string; actor: Actor | null },
): Promise<string> {
  const id = randomUUID();
  const at = clockOf(deps).now();
  const keys = generateSealKeys();
  const privateKeyEnc = sensitiveColumns(deps.config).encrypt(keys.privateKey, privateKeyContext(id));
  await q.insertSeal(trx, { id, orgId: input.orgId, kind: input.kind, name: input.name, publicKey: keys.publicKey, privateKeyEnc, createdBy: input.actor?.userId ?? null, at });
  await q.appendEvent(trx, { sealId: id, action: 'created', status: 'active', reason: null, actorId: input.actor?.userId ?? null, actorName: input.actor?.displayName ?? '系统', at });
  return id;
}

export async function createSeal(deps: SealDeps, actor: Actor, input: { orgId: string; kind: SealKind; name?: string }): Promise<q.SealRow> {
  const org = await q.findOrg(deps.db, input.orgId);
  if (!org) throw orgNotFound();
  if (!managesOrg(actor, org.path)) throw orgOutOfScope();
  const name = cleanSealName(input.name ?? org.name);
  const id = await deps.db.transaction().execute(async (trx) => {
    const sealId = await insertNewSeal(trx, deps, { orgId: org.id, kind: input.kind, name, actor });
    await recordAudit(trx, actor, { action: 'seal.create', objectType: 'seal', objectId: sealId, orgId: org.id, changes: { kind: input.kind, name, status: 'active' } });
    return sealId;
  });
  return (await q.findSeal(deps.db, id))!;
}

export async function listSeals(deps: SealDeps, actor: Actor, filter: { orgId?: string; status?: SealStatus }): Promise<q.SealRow[]> {
  return q.listSeals(deps.db, { scopePath: manageScope(actor), ...filter });
}

export async function getSeal(deps: SealDeps, actor: Actor, id: string) {
  const seal = await loadManaged(deps, actor, id);
  return { seal, history: await q.eventsOf(deps.db, id) };
}

/** Suspends, resumes or revokes a seal, with the reason, who and when; 409 from a status that does not allow it. */
export async function changeSealStatus(deps: SealDeps, actor: Actor, id: string, action: SealAction, reason: string | null) {
  await loadManaged(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    // Locked: a concurrent signer (sealsOfOrgForSigning, FOR SHARE) finishes first or waits.
    const seal = await q.lockSeal(trx, id);
    if (!seal) throw sealNotFound();
    const status = nextStatus(seal.status, action);
    const at = clockOf(deps).now();
    await q.setStatus(trx, id, { status, reason, at, actorId: actor.userId, actorName: actor.displayName });
    await q.appendEvent(trx, { sealId: id, action: EVENT_OF_ACTION[action], status, reason, actorId: actor.userId, actorName: actor.displayName, at });
    await recordAudit(trx, actor, { action: `seal.${action}`, objectType: 'seal', objectId: id, orgId: seal.org_id, changes: { status: { before: seal.status, after: status }, reason } });
  });
  return getSeal(deps, actor, id);
}

/** The seal's image as SVG, drawn from its name and kind. */
export async function sealImage(deps: SealDeps, actor: Actor, id: string): Promise<string> {
  const seal = await loadManaged(deps, actor, id);
  return sealSvg(sealDrawing(seal.name, seal.kind), `${seal.name} ${seal.kind}`);
}

export async function sealPublicKey(deps: SealDeps, actor: Actor, id: string): Promise<q.SealRow> {
  return loadManaged(deps, actor, id);
}

// ——— used by documents (and demo data, tests) ———

/**
 * Gives the organization a 行政审批专用章 (administrative approval seal) named after it unless it
 * already has an active one; returns that seal's id. A system write (no actor): the seal's history
 * says it was created by the system. Runs in the caller's transaction.
 */
export async function ensureDefaultSeal(trx: Transaction<DB>, deps: Pick<SealDeps, 'config' | 'clock'>, orgId: string): Promise<string> {
  const seals = await q.sealsOfOrgForSigning(trx, orgId);
  const existing = seals.find((s) => s.kind === '行政审批专用章' && s.status === 'active');
  if (existing) return existing.id;
  const org = await q.findOrg(trx, orgId);
  if (!org) throw orgNotFound();
  return insertNewSeal(trx, deps, { orgId, kind: '行政审批专用章', name: cleanSealName(org.name), actor: null });
}

/**
 * The seal that signs for the organization: the oldest active seal of the kind asked for, or by
 * preference 行政审批专用章 → 公章 → 业务专用章. Refused with 409 naming the organization when there
 * is none; the seals found are locked (FOR SHARE) so none is suspended before the caller commits.
 */
export async function activeSealForSigning(trx: Transaction<DB>, orgId: string, kind?: SealKind): Promise<q.SealRow> {
  const seals = await q.sealsOfOrgForSigning(trx, orgId);
  const candidates = kind ? seals.filter((s) => s.kind === kind) : seals;
  for (const k of kind ? [kind] : SEAL_KIND_PREFERENCE) {
    const seal = candidates.find((s) => s.kind === k && s.status === 'active');
    if (seal) return seal;
  }
  const org = await q.findOrg(trx, orgId);
  if (!org) throw orgNotFound();
  throw noActiveSeal(org.name, kind, candidates.map((s) => ({ kind: s.kind, status: s.status })));
}

/** Signs an SM3 digest with the seal's private key (decrypted for this call only). */
export async function signWithSeal(trx: Transaction<DB>, deps: Pick<SealDeps, 'config'>, seal: q.SealRow, digestHex: string): Promise<string> {
  if (seal.status !== 'active') throw noActiveSeal(seal.org_name, seal.kind, [{ kind: seal.kind, status: seal.status }]);
  const privateKey = sensitiveColumns(deps.config).decrypt(await q.keyOfSeal(trx, seal.id), privateKeyContext(seal.id));
  return signDigest(digestHex, privateKey, seal.public_key);
}
