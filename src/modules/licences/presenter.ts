// The only place a licence becomes JSON. The holder's number is masked unless the viewer may read
// personal data whole (staff who process cases); a person's name likewise. The public verification
// shows the holder masked always; a department system obtaining a licence by sharing already knows
// the holder's number (it asked with it) and gets it masked back.
import type { AppDeps } from '../../app.js';
import { maskCreditCode, maskIdentityNumber, maskName, presentPersonal } from '../../lib/mask.js';
import { can, type Actor } from '../identity/permissions.js';
import type { LicenceRow } from './queries.js';
import { HOLDER_KIND_NAMES, STATUS_NAMES, type HolderKind } from './rules.js';
import type { LicenceJson, PublicLicenceJson } from './schema.js';
import { licenceVerifyUrl, type LicenceView, type Verification } from './service.js';

const iso = (value: Date | string) => new Date(value).toISOString();

function maskIdentity(kind: HolderKind, value: string): string {
  return kind === 'person' ? maskIdentityNumber(value) : maskCreditCode(value);
}

/** A person's name is personal data; an enterprise's name is on its public register. */
function holderNameFor(kind: HolderKind, name: string, whole: boolean): string {
  return kind === 'person' && !whole ? maskName(name) : name;
}

export function presentLicence(deps: Pick<AppDeps, 'config'>, view: LicenceView, viewer: Actor): LicenceJson {
  const { row } = view;
  const whole = can(viewer, 'personal-data.read-whole');
  const kind = row.holder_kind as HolderKind;
  return {
    id: row.id,
    identifier: row.identifier,
    licenceType: { code: row.licence_type_code, name: row.type_name },
    licenceNumber: row.licence_number,
    version: row.version,
    issuer: { id: row.issuer_org_id, name: row.issuer_name, creditCode: row.issuer_credit_code },
    holder: {
      kind,
      kindName: HOLDER_KIND_NAMES[kind],
      name: holderNameFor(kind, row.holder_name, whole),
      identity: presentPersonal(view.holderIdentity, kind === 'person' ? 'identityNumber' : 'creditCode', whole),
    },
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: view.status,
    statusName: STATUS_NAMES[view.status],
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at ? iso(row.status_changed_at) : null,
    current: row.is_current,
    caseId: row.case_id,
    documentId: row.document_id,
    data: row.data ?? {},
    issuedAt: iso(row.issued_at),
    verifyUrl: licenceVerifyUrl(deps, row.identifier),
  };
}

type Versions = { id: string; version: number; identifier: string; status: LicenceRow['status']; valid_from: string; valid_until: string | null; is_current: boolean; issued_at: Date | string }[];
type Events = { seq: number; action: string; from_status: string | null; to_status: string; reason: string | null; actor_kind: string; actor_name: string | null; at: Date | string }[];

export function presentLicenceDetail(deps: Pick<AppDeps, 'config'>, detail: { view: LicenceView; versions: Versions; events: Events }, viewer: Actor) {
  return {
    ...presentLicence(deps, detail.view, viewer),
    versions: detail.versions.map((v) => ({
      id: v.id,
      version: v.version,
      identifier: v.identifier,
      status: v.status,
      statusName: STATUS_NAMES[v.status],
      validFrom: v.valid_from,
      validUntil: v.valid_until,
      current: v.is_current,
      issuedAt: iso(v.issued_at),
    })),
    history: detail.events.map((e) => ({ seq: e.seq, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, reason: e.reason, actor: { kind: e.actor_kind, name: e.actor_name }, at: iso(e.at) })),
  };
}

export function presentShared(deps: Pick<AppDeps, 'config'>, view: LicenceView) {
  const { row } = view;
  return {
    identifier: row.identifier,
    licenceType: { code: row.licence_type_code, name: row.type_name },
    licenceNumber: row.licence_number,
    version: row.version,
    issuer: { name: row.issuer_name, creditCode: row.issuer_credit_code },
    holderName: row.holder_name,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: view.status,
    statusName: STATUS_NAMES[view.status],
    data: row.data ?? {},
    verifyUrl: licenceVerifyUrl(deps, row.identifier),
  };
}

export function maskedHolder(kind: HolderKind, identity: string): string {
  return maskIdentity(kind, identity);
}

/** What anyone may see of a licence: no data fields, the holder masked, the status as of today. */
export function presentPublic(v: Verification & { view: LicenceView }): PublicLicenceJson {
  const { row } = v.view;
  const kind = row.holder_kind as HolderKind;
  return {
    identifier: row.identifier,
    licenceType: { code: row.licence_type_code, name: row.type_name },
    licenceNumber: row.licence_number,
    version: row.version,
    issuer: { name: row.issuer_name, creditCode: row.issuer_credit_code },
    holder: { kindName: HOLDER_KIND_NAMES[kind], name: holderNameFor(kind, row.holder_name, false), identity: maskIdentity(kind, v.view.holderIdentity) },
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: v.view.status,
    statusName: STATUS_NAMES[v.view.status],
    statusReason: v.view.status === 'expired' && row.status === 'active' ? '有效期届满 (the validity period ended)' : row.status_reason,
    statusChangedAt: row.status_changed_at ? iso(row.status_changed_at) : null,
    currentVersion: v.current,
    issuedAt: iso(row.issued_at),
    checkedOn: v.today,
  };
}
