// The one write path of a case: lock the row, check the version the caller saw, check the state
// machine and the actor, append the action to the history and move the case in step — all inside
// the caller's transaction. Every case service goes through recordAction.
import { sql, type Transaction, type Updateable } from 'kysely';
import type { CasesTable, DB } from '../../db/schema.js';
import { conflict, DomainError, forbidden, notFound } from '../../http/errors.js';
import { can, inScope, type Actor } from '../identity/permissions.js';
import { allowedIn, CASE_ACTIONS, nextState, STATE_NAMES, type ActorKind, type CaseAction, type CaseState } from './rules.js';

export type CaseRow = NonNullable<Awaited<ReturnType<typeof selectCase>>>;

/** Who takes an action on a case, as the history records it. */
export interface CaseActor {
  kind: ActorKind;
  id: string | null;
  name: string | null;
  roles: string | null;
  orgId: string | null;
  /** The staff member (kind 'staff'/'machine'): permissions and scope are checked against it. */
  staff?: Actor;
  /** The applicant's account (kind 'applicant'). */
  applicantId?: string;
}

export function staffActor(actor: Actor): CaseActor {
  return { kind: actor.kind === 'machine' ? 'machine' : 'staff', id: actor.userId, name: actor.displayName, roles: actor.roles.join(','), orgId: actor.orgId, staff: actor };
}

export function applicantActor(applicant: { id: string; name: string | null }): CaseActor {
  return { kind: 'applicant', id: applicant.id, name: applicant.name, roles: null, orgId: null, applicantId: applicant.id };
}

/** The platform itself (timers): deemed renewal, lapsed deadlines, overdue flags. */
export const SYSTEM_ACTOR: CaseActor = { kind: 'system', id: null, name: '通办平台', roles: null, orgId: null };

/** The case with the names every action shows (organization, item); the cases row is locked. */
function selectCase(trx: Transaction<DB>, caseId: string) {
  return trx
    .selectFrom('cases')
    .innerJoin('orgs', 'orgs.id', 'cases.org_id')
    .innerJoin('catalog_items', 'catalog_items.id', 'cases.item_id')
    .selectAll('cases')
    .select(['orgs.path as org_path', 'orgs.name as org_name', 'catalog_items.name as item_name'])
    .where('cases.id', '=', caseId)
    .forUpdate('cases')
    .executeTakeFirst();
}

/**
 * Locks the case for this transaction (404 when there is none). With `expectedVersion`, a case
 * changed since the caller read it is refused with 409 (two staff acting at once: the second sees
 * what the first did).
 */
export async function lockCase(trx: Transaction<DB>, caseId: string, expectedVersion?: number): Promise<CaseRow> {
  const row = await selectCase(trx, caseId);
  if (!row) throw notFound('case-not-found', '办件不存在 (case not found)');
  if (expectedVersion !== undefined) assertVersion(row, expectedVersion);
  return row;
}

/**
 * Refuses with 409 case-changed when the case moved on since the caller read it. Services that must
 * not reveal a case to someone outside its organization lock without a version, check the actor
 * (assertActorMay: 404) and then the version, so a stranger never learns the case exists.
 */
export function assertVersion(row: CaseRow, expectedVersion: number): void {
  if (row.version !== expectedVersion) {
    throw conflict('case-changed', `办件已被他人处理，请刷新后重试 (the case has changed since you opened it: version ${expectedVersion}, now ${row.version})`, {
      currentVersion: row.version,
      state: row.state,
    });
  }
}

/**
 * Refuses an actor who may not take this action on this case: staff without the permission (403),
 * staff outside the case's organization (404, as if the case did not exist for them), an applicant
 * on someone else's case (404), a kind of actor the action is not for (403).
 */
export function assertActorMay(row: CaseRow, action: CaseAction, actor: CaseActor): void {
  const rule = CASE_ACTIONS[action];
  if (!(rule.by as readonly ActorKind[]).includes(actor.kind === 'machine' ? 'staff' : actor.kind)) {
    throw forbidden(`此操作不能由${actor.kind === 'applicant' ? '申请人' : '工作人员'}办理 (forbidden: ${action} is not for ${actor.kind})`);
  }
  if (actor.kind === 'staff' || actor.kind === 'machine') {
    const staff = actor.staff;
    if (!staff || !inScope(staff, row.org_path)) throw notFound('case-not-found', '办件不存在 (case not found)');
    const permission = 'permission' in rule ? rule.permission : undefined;
    if (permission && !can(staff, permission)) throw forbidden(`您的角色不能${rule.name} (forbidden: ${permission} is required)`);
  }
  if (actor.kind === 'applicant' && row.applicant_id !== actor.applicantId) throw notFound('case-not-found', '办件不存在 (case not found)');
}

/** Refuses an action the case's state does not allow, naming both in Chinese and English. */
export function assertState(row: CaseRow, action: CaseAction): void {
  const state = row.state as CaseState;
  if (!allowedIn(action, state)) {
    throw new DomainError(409, 'case-wrong-state', `办件当前状态为“${STATE_NAMES[state] ?? state}”，不能${CASE_ACTIONS[action].name} (a case in state ${state} does not allow ${action})`, [], {
      state,
      action,
    });
  }
}

/**
 * Appends the action to the case's history and moves the case to the state it leads to, with the
 * column changes in `patch`, version + 1. The caller has locked the row (lockCase, or inserted it in
 * this transaction) and checked the actor (assertActorMay). Returns the case as it now is.
 */
export async function recordAction(
  trx: Transaction<DB>,
  row: CaseRow,
  action: CaseAction,
  actor: CaseActor,
  input: { at: Date; details?: Record<string, unknown>; patch?: Updateable<CasesTable> },
): Promise<CaseRow> {
  // The submission is the first action of a case just inserted (state 'submitted', no history yet).
  const first = action === 'submit' && row.action_count === 0;
  if (!first) assertState(row, action);
  const to = nextState(action, first ? null : (row.state as CaseState));
  const seq = row.action_count + 1;
  // The history entry and the move of the case in ONE statement (a data-modifying WITH): both
  // happen or neither, and the action costs one round trip instead of two.
  const updated = await trx
    .with('appended', (db) =>
      db.insertInto('case_actions').values({
        case_id: row.id,
        seq,
        action,
        from_state: first ? null : row.state,
        to_state: to,
        actor_kind: actor.kind,
        actor_id: actor.id,
        actor_name: actor.name,
        actor_roles: actor.roles,
        actor_org_id: actor.orgId,
        guide_version_id: row.guide_version_id,
        details: JSON.stringify(input.details ?? {}),
        at: input.at,
      }),
    )
    .updateTable('cases')
    .set({ ...input.patch, state: to, action_count: seq, version: sql<number>`version + 1`, updated_at: input.at })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...updated, org_path: row.org_path, org_name: row.org_name, item_name: row.item_name };
}
