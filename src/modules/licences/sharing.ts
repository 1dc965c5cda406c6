// Licence sharing (证照共享, Art. 27 互认共享): a department system (machine client with scope
// 'licences.read') asks for a holder's licences of given types, naming the purpose and the case it
// serves. It gets only the types granted to that client (licence_share_grants, kept by whoever
// administers the client: clients.manage), and EVERY request — granted, partly granted or refused —
// is written to licence_access_log, which the holder reads in the portal (我的证照 → 使用记录).
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.js';
import { DomainError, forbidden } from '../../http/errors.js';
import { clockOf, todayOf } from '../../lib/clock.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { recordAudit } from '../audit/service.js';
import { can, type Actor } from '../identity/permissions.js';
import * as q from './queries.js';
import * as rules from './rules.js';
import { viewOf, type LicenceView } from './service.js';

export interface ShareRequest {
  holder: string;
  /** Licence type codes, comma-separated. */
  types: string;
  purpose: string;
  caseNumber: string;
}

export interface ShareResult {
  accessId: string;
  holderKind: rules.HolderKind;
  items: LicenceView[];
  grantedTypes: string[];
  refusedTypes: string[];
}

export function parseTypes(types: string): string[] {
  return [...new Set(types.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean))];
}

/** Answers a department system's request, logging it whatever the outcome. */
export async function shareLicences(deps: AppDeps, actor: Actor, input: ShareRequest): Promise<ShareResult> {
  if (!can(actor, 'licences.share')) throw forbidden();
  if (actor.kind !== 'machine' || !actor.clientId) throw rules.shareMachineOnly();
  const at = clockOf(deps).now();
  const today = todayOf(deps);
  const requested = parseTypes(input.types);
  const holder = rules.holderByShape(input.holder, today);
  const normalized = holder?.normalized ?? input.holder.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const holderHash = sensitiveColumns(deps.config).hash(normalized);
  const accessId = randomUUID();
  const log = (result: 'granted' | 'partial' | 'refused', granted: string[], licenceIds: string[], reason: string | null) =>
    q.insertAccess(deps.db, {
      id: accessId,
      client_id: actor.clientId!,
      client_name: actor.displayName,
      client_org_id: actor.orgId,
      client_org_name: actor.orgName,
      holder_hash: holderHash,
      requested_types: requested,
      granted_types: granted,
      licence_ids: licenceIds,
      purpose: input.purpose.trim(),
      case_number: input.caseNumber.trim(),
      result,
      reason,
      ip: actor.ip ?? null,
      at,
    });

  if (!holder) {
    await log('refused', [], [], 'holder-invalid');
    throw new DomainError(400, 'licence-holder-invalid', '持证人证件号码有误：应为18位身份证号码或统一社会信用代码 (holder is neither a valid resident ID number nor a credit code)', [
      { name: 'querystring.holder', reason: 'invalid' },
    ]);
  }
  const allowed = new Set(await q.grantedTypes(deps.db, actor.clientId));
  const granted = requested.filter((t) => allowed.has(t));
  const refused = requested.filter((t) => !allowed.has(t));
  if (granted.length === 0) {
    await log('refused', [], [], 'not-granted');
    throw new DomainError(403, 'licence-share-not-granted', '本系统未获授权查询所请求的证照类型 (this client is not granted any of the requested licence types)', [], { refusedTypes: refused });
  }
  const rows = await q.activeLicencesOfHolder(deps.db, holderHash, granted, today);
  await log(refused.length ? 'partial' : 'granted', granted, rows.map((r) => r.id), refused.length ? 'some-not-granted' : null);
  return { accessId, holderKind: holder.kind, items: rows.map((r) => viewOf(deps, r)), grantedTypes: granted, refusedTypes: refused };
}

// ——— which types a client may obtain (clients.manage, within scope) ———

export async function shareGrants(deps: AppDeps, actor: Actor, clientId: string) {
  if (!can(actor, 'clients.manage')) throw forbidden();
  const client = await q.clientInScope(deps.db, clientId, actor.scopePath);
  if (!client) throw rules.clientNotFound();
  const [codes, names] = await Promise.all([q.grantedTypes(deps.db, clientId), q.licenceTypeNames(deps.db)]);
  return {
    clientId: client.client_id,
    clientName: client.name,
    hasScope: client.scopes.includes('licences.read'),
    licenceTypes: codes.map((code) => ({ code, name: names.get(code) ?? code })),
    availableTypes: [...names].map(([code, name]) => ({ code, name })),
  };
}

/** Replaces the set of licence types the client may obtain; audited. */
export async function setShareGrants(deps: AppDeps, actor: Actor, clientId: string, typeCodes: string[]) {
  if (!can(actor, 'clients.manage')) throw forbidden();
  const client = await q.clientInScope(deps.db, clientId, actor.scopePath);
  if (!client) throw rules.clientNotFound();
  const codes = [...new Set(typeCodes.map((c) => c.trim().toUpperCase()))].sort();
  const names = await q.licenceTypeNames(deps.db);
  const unknown = codes.filter((c) => !names.has(c));
  if (unknown.length) {
    throw rules.invalidInput('licence-type-unknown', `证照类型不在证照目录中：${unknown.join(', ')} (unknown licence types)`, unknown.map((c) => ({ name: 'body.typeCodes', reason: `${c} not in licence_types` })));
  }
  const before = await q.grantedTypes(deps.db, clientId);
  await deps.db.transaction().execute(async (trx) => {
    await q.replaceGrants(trx, clientId, codes, actor.userId, clockOf(deps).now());
    await recordAudit(trx, actor, { action: 'licence-share.grant', objectType: 'machine_client', objectId: clientId, orgId: client.org_id, changes: { licenceTypes: { before, after: codes } } });
  });
  return shareGrants(deps, actor, clientId);
}

// ——— the holder (我的证照) ———

export interface HolderPage {
  verified: boolean;
  licences: LicenceView[];
  accesses: Awaited<ReturnType<typeof q.accessLogOfHolder>>;
  typeNames: Map<string, string>;
}

/** The signed-in applicant's own licences and who asked for them (使用记录), newest first. */
export async function holderOverview(deps: AppDeps, applicantId: string, limit = 50): Promise<HolderPage> {
  const holder = await q.applicantHolder(deps.db, applicantId);
  const typeNames = await q.licenceTypeNames(deps.db);
  if (!holder) return { verified: false, licences: [], accesses: [], typeNames };
  const [rows, accesses] = await Promise.all([q.currentLicencesOfHolder(deps.db, holder.hash), q.accessLogOfHolder(deps.db, holder.hash, limit)]);
  return { verified: true, licences: rows.map((r) => viewOf(deps, r)), accesses, typeNames };
}
