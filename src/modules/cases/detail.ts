// One case as its viewer may see it (CaseDetail): staff with case.read within the case's
// organization subtree, or the applicant on their own case. Anyone else gets 404, as if the case
// did not exist. Used by the GET routes and by the action routes for their answers; call it after
// the action's transaction has committed (on the embedded database a read outside an open
// transaction waits for it).
import type { AppDeps } from '../../app.js';
import { forbidden, notFound } from '../../http/errors.js';
import { todayOf } from '../../lib/clock.js';
import { maskPersonalFields, presentPersonal } from '../../lib/mask.js';
import { calendarFor } from '../calendar/service.js';
import { guideContentOf } from '../catalog/published-content.js';
import { can, inScope, type Actor } from '../identity/permissions.js';
import { PAUSE_KIND_NAMES } from './action-schema.js';
import { materialsOfSituation } from './apply-service.js';
import { caseFileUrl } from './files.js';
import { myNoticeUrl, NOTICE_KINDS, noticeUrl } from './notices.js';
import { decryptCasePersonal } from './personal.js';
import { inGuideOrder, presentIdentity, presentMaterialLicence, presentSummary } from './presenter.js';
import { findCase, type CaseDetailRow } from './queries.js';
import { allowedIn, CASE_ACTIONS, type ActorKind, type CaseAction, type CaseState } from './rules.js';
import type { CaseDetail } from './schema.js';

export type CaseViewer = { kind: 'staff'; actor: Actor } | { kind: 'applicant'; applicantId: string };

const caseNotFound = () => notFound('case-not-found', '办件不存在 (case not found)');

/**
 * The actions this viewer may take now: the state allows it, the viewer is of a kind the action is
 * for and (staff) holds its permission; a pause only while the clock runs, a resume only while it
 * stands, a correction only while a tolerant acceptance waits for one.
 */
export function allowedActionsFor(
  row: { state: string; paused_since: string | null; tolerant_deadline_on: string | null },
  viewer: CaseViewer,
): CaseAction[] {
  const out: CaseAction[] = [];
  const kind: ActorKind = viewer.kind;
  for (const action of Object.keys(CASE_ACTIONS) as CaseAction[]) {
    if (action === 'submit') continue;
    const rule = CASE_ACTIONS[action];
    if (!(rule.by as readonly ActorKind[]).includes(kind)) continue;
    if (!allowedIn(action, row.state as CaseState)) continue;
    if (viewer.kind === 'staff' && 'permission' in rule && rule.permission && !can(viewer.actor, rule.permission)) continue;
    if (action === 'pause' && row.paused_since) continue;
    if (action === 'resume' && !row.paused_since) continue;
    if (action === 'supply-correction' && !row.tolerant_deadline_on) continue;
    out.push(action);
  }
  return out;
}

/** The case row, or 404 when this viewer may not see it (403 for staff without case.read). */
export async function visibleCase(deps: AppDeps, viewer: CaseViewer, caseId: string): Promise<CaseDetailRow> {
  if (viewer.kind === 'staff' && !can(viewer.actor, 'case.read')) throw forbidden('您的角色不能查看办件 (forbidden: case.read is required)');
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw caseNotFound();
  const row = await findCase(deps.db, caseId);
  if (!row) throw caseNotFound();
  if (viewer.kind === 'staff' && !inScope(viewer.actor, row.org_path)) throw caseNotFound();
  if (viewer.kind === 'applicant' && row.applicant_id !== viewer.applicantId) throw caseNotFound();
  return row;
}

interface ListedItem {
  materialId: string;
  name: string;
  note: string | null;
}

/** The items listed by the latest action of a kind (request-supplement, accept-tolerant), from its details. */
function listedItems(actions: { action: string; details: Record<string, unknown> }[], action: string): ListedItem[] {
  const last = [...actions].reverse().find((a) => a.action === action);
  const items = last?.details?.items;
  if (!Array.isArray(items)) return [];
  return items.map((i: Record<string, unknown>) => ({ materialId: String(i.materialId ?? ''), name: String(i.name ?? i.materialId ?? ''), note: i.note == null ? null : String(i.note) }));
}

export async function loadCaseDetail(deps: AppDeps, viewer: CaseViewer, caseId: string): Promise<CaseDetail> {
  const row = await visibleCase(deps, viewer, caseId);
  const whole = viewer.kind === 'applicant' || can(viewer.actor, 'personal-data.read-whole');
  const [guide, calendar] = await Promise.all([guideContentOf(deps.db, row.guide_version_id), calendarFor(deps.db)]);
  const today = todayOf(deps);
  const summary = presentSummary(row, { calendar, today, whole }, row.pauses);
  const personal = decryptCasePersonal(deps, row);
  const situation = row.situation_id ? (guide.situations.find((s) => s.id === row.situation_id) ?? { id: row.situation_id, name: row.situation_id }) : null;
  const actions = row.actions.map((a) => ({ ...a, details: (a.details ?? {}) as Record<string, unknown> }));
  const deliverAction = [...actions].reverse().find((a) => a.action === 'deliver');

  return {
    ...summary,
    item: { id: row.item_id, name: row.item_name, code: row.item_code },
    org: { id: row.org_id, name: row.org_name },
    guideVersion: { id: row.guide_version_id, version: row.version_no, effectiveFrom: row.effective_from },
    applicant: {
      kind: personal.kind,
      name: presentPersonal(personal.name, 'name', whole),
      idNumber: presentIdentity(personal.kind, personal.identity, whole),
      phone: presentPersonal(personal.phone, 'phone', whole),
      email: presentPersonal(personal.email, 'email', whole),
    },
    situation: situation ? { id: situation.id, name: situation.name } : null,
    acceptedOn: row.accepted_on,
    promised: { days: row.promised_days, unit: row.promised_unit },
    extensionDays: row.extension_days,
    pauses: row.pauses.map((p) => ({
      id: p.id,
      kind: p.kind,
      kindName: PAUSE_KIND_NAMES[p.kind as keyof typeof PAUSE_KIND_NAMES] ?? p.kind,
      reason: p.reason,
      startedOn: p.started_on,
      endedOn: p.ended_on,
    })),
    extensions: row.extensions.map((e) => ({ days: e.days, reason: e.reason, grantedOn: e.granted_on })),
    tolerant: row.tolerant_deadline_on ? { deadlineOn: row.tolerant_deadline_on, items: listedItems(actions, 'accept-tolerant') } : null,
    supplement:
      row.state === 'awaiting-supplement' && row.supplement_deadline_on ? { deadlineOn: row.supplement_deadline_on, items: listedItems(actions, 'request-supplement') } : null,
    decision: row.decision,
    isRenewal: row.is_renewal,
    licenceNumber: row.licence_number,
    licenceExpiresOn: row.licence_expires_on,
    delivery:
      row.delivery_method && row.delivered_at
        ? {
            method: row.delivery_method,
            at: new Date(row.delivered_at).toISOString(),
            ...(typeof deliverAction?.details.carrier === 'string' ? { carrier: deliverAction.details.carrier } : {}),
            ...(typeof deliverAction?.details.trackingNumber === 'string' ? { trackingNumber: deliverAction.details.trackingNumber } : {}),
          }
        : null,
    guideMaterials: materialsOfSituation(guide, row.situation_id).map((m) => ({ id: m.id, name: m.name, required: m.required, source: m.source, forms: [...m.forms] })),
    materials: inGuideOrder(row.materials, guide.materials).map((m) => ({
      id: m.id,
      materialId: m.material_id,
      name: m.name,
      source: m.source,
      status: m.status,
      note: m.note,
      file: m.file_id ? { id: m.file_id, fileName: m.file_name ?? '', size: Number(m.size ?? 0), url: caseFileUrl(m.file_id) } : null,
      reusedFromCaseNumber: m.reused_from_case_number ?? null,
      licence: m.licence_id
        ? presentMaterialLicence(
            {
              id: m.licence_id,
              identifier: m.licence_identifier!,
              typeName: m.licence_type_name!,
              licenceNumber: m.licence_number!,
              issuerName: m.licence_issuer_name!,
              validUntil: m.licence_valid_until,
              status: m.licence_status!,
            },
            today,
          )
        : null,
    })),
    notices: row.notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      kindName: NOTICE_KINDS[n.kind as keyof typeof NOTICE_KINDS]?.name ?? n.kind,
      number: n.number,
      createdAt: new Date(n.created_at).toISOString(),
      url: viewer.kind === 'applicant' ? myNoticeUrl(row.id, n.id) : noticeUrl(row.id, n.id),
    })),
    history: actions.map((a) => ({
      seq: a.seq,
      action: a.action,
      actionName: CASE_ACTIONS[a.action as CaseAction]?.name ?? a.action,
      fromState: a.from_state,
      toState: a.to_state,
      // The applicant's own name in the history is personal data like the name above it.
      actor: { kind: a.actor_kind, name: a.actor_kind === 'applicant' ? presentPersonal(a.actor_name, 'name', whole) : a.actor_name, roles: a.actor_roles },
      at: new Date(a.at).toISOString(),
      details: whole ? a.details : maskPersonalFields(a.details),
    })),
    allowedActions: allowedActionsFor(row, viewer),
  };
}
