// Consultations (咨询, Art. 14): the staff member who takes a question is its first responder
// (首问负责) and stays named on it; the answer is recorded; a consultation that became an
// application is linked to its case. The organization is the responder's own; reads and writes
// reach only consultations and cases within the actor's organization subtree.
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.js';
import { clockOf } from '../../lib/clock.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { recordAudit } from '../audit/service.js';
import type { Actor } from '../identity/permissions.js';
import * as q from './queries.js';
import * as rules from './rules.js';
import type { ConsultationListQueryInput, CreateConsultationInput } from './schema.js';

/** One consultation with its contact decrypted: only the presenter turns it into JSON (masked). */
export interface ConsultationView {
  row: q.ConsultationRow;
  askerContact: string | null;
}

const CONTACT_CONTEXT = 'consultations.asker_contact';

function viewOf(deps: AppDeps, row: q.ConsultationRow): ConsultationView {
  return { row, askerContact: sensitiveColumns(deps.config).decrypt(row.asker_contact_enc, CONTACT_CONTEXT) };
}

async function loadInScope(deps: AppDeps, actor: Actor, id: string): Promise<q.ConsultationRow> {
  const row = await q.findConsultation(deps.db, id, actor.scopePath);
  if (!row) throw rules.consultationNotFound();
  return row;
}

const trimmed = (value: string | undefined) => (value === undefined ? null : value.trim());

export async function createConsultation(deps: AppDeps, actor: Actor, input: CreateConsultationInput): Promise<ConsultationView> {
  const itemId = input.itemId ?? null;
  if (itemId && !(await q.itemExists(deps.db, itemId))) throw rules.itemNotFound();
  const columns = sensitiveColumns(deps.config);
  const id = randomUUID();
  const at = clockOf(deps).now();
  const answer = trimmed(input.answer);
  await deps.db.transaction().execute(async (trx) => {
    await q.insertConsultation(trx, {
      id,
      channel: input.channel,
      orgId: actor.orgId,
      itemId,
      responderId: actor.userId,
      askerName: trimmed(input.askerName),
      askerContactEnc: columns.encrypt(trimmed(input.askerContact), CONTACT_CONTEXT),
      question: input.question.trim(),
      answer,
      at,
    });
    // The question and the asker stay out of the trail (they may hold personal data); the record
    // says who logged which consultation through which channel, and whether it was answered.
    await recordAudit(trx, actor, { action: 'consultation.create', objectType: 'consultation', objectId: id, orgId: actor.orgId, changes: { channel: input.channel, itemId, answered: answer !== null } });
  });
  return viewOf(deps, await loadInScope(deps, actor, id));
}

export async function getConsultation(deps: AppDeps, actor: Actor, id: string): Promise<ConsultationView> {
  return viewOf(deps, await loadInScope(deps, actor, id));
}

export async function listConsultations(deps: AppDeps, actor: Actor, query: ConsultationListQueryInput) {
  const limit = query.limit ?? 50;
  const rows = await q.listConsultations(deps.db, {
    scopePath: actor.scopePath,
    channel: query.channel,
    answered: query.answered,
    itemId: query.itemId,
    after: rules.parseCursor(query.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => viewOf(deps, row)),
    nextCursor: rows.length > limit && last ? rules.encodeCursor({ at: new Date(last.created_at), id: last.id }) : null,
  };
}

/** Records the answer of a consultation not yet answered (an answer is not rewritten: 409). */
export async function answerConsultation(deps: AppDeps, actor: Actor, id: string, answer: string): Promise<ConsultationView> {
  const row = await loadInScope(deps, actor, id);
  if (row.answer !== null) throw rules.alreadyAnswered();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await q.setAnswer(trx, id, answer.trim(), clockOf(deps).now()))) throw rules.alreadyAnswered();
    await recordAudit(trx, actor, { action: 'consultation.answer', objectType: 'consultation', objectId: id, orgId: row.org_id, changes: { answered: { before: false, after: true } } });
  });
  return viewOf(deps, await loadInScope(deps, actor, id));
}

/**
 * The consultation became an application: links its case. The case must lie within the actor's
 * organization subtree; linking the same case again changes nothing, another case is refused (409).
 */
export async function linkCase(deps: AppDeps, actor: Actor, id: string, caseId: string): Promise<ConsultationView> {
  const row = await loadInScope(deps, actor, id);
  const target = await q.findCaseInScope(deps.db, caseId, actor.scopePath);
  if (!target) throw rules.caseNotFound();
  if (row.case_id === caseId) return viewOf(deps, row);
  if (row.case_id !== null) throw rules.alreadyLinked(row.case_number ?? row.case_id);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await q.setCase(trx, id, caseId))) {
      const now = await q.findConsultation(trx, id, actor.scopePath);
      if (now?.case_id !== caseId) throw rules.alreadyLinked(now?.case_number ?? '');
      return;
    }
    await recordAudit(trx, actor, { action: 'consultation.link-case', objectType: 'consultation', objectId: id, orgId: row.org_id, changes: { caseId: { before: null, after: caseId }, caseNumber: target.case_number } });
  });
  return viewOf(deps, await loadInScope(deps, actor, id));
}
