// The guide workflow (办事指南, Art. 9–12): draft → submit → (return → fix → submit) → publish.
// Every published version is kept with its effective date and the change that caused it; at most
// one version per implementation is open at a time. Each write is one transaction with its audit.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { conflict, unprocessable } from '../../http/errors.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { recordAudit } from '../audit/service.js';
import type { Actor } from '../identity/permissions.js';
import type { GuideDraft, GuideTotals } from './guide-content.js';
import { runGuidePublishedHooks } from './hooks.js';
import { lintGuide, type LintMessage } from './lint.js';
import { isUniqueViolation, requireImplementation, requireItem, requireVersion } from './lookups.js';
import * as q from './queries.js';
import * as rules from './rules.js';
import { computeTotals } from './totals.js';

interface Deps {
  db: Database;
}

/** The linter's messages plus the catalog's own (Art. 8), with the item's legal limit as context. */
async function lintAgainstItem(db: Database, content: GuideDraft, itemId: string | undefined): Promise<LintMessage[]> {
  const licences = await q.shareableLicenceTypes(db);
  const context = { shareableLicenceTypes: licences.names, licenceTypeDepartments: licences.departments };
  if (!itemId) return lintGuide(content, { legalLimitDays: null, ...context });
  const item = await requireItem(db, itemId);
  const parent = item.parent_id ? await q.findItem(db, item.parent_id) : undefined;
  // A sub-item without its own legal limit is bound by its main item's.
  const legalLimitDays = item.legal_limit_days ?? parent?.legal_limit_days ?? null;
  return [
    ...lintGuide(content, { legalLimitDays, ...context }),
    ...rules.catalogMismatches(content, { name: item.name, type: item.type, parentName: parent?.name ?? null }),
  ];
}

/** The version and its implementation, once the actor is known to act within the organization's scope. */
async function loadInScope(db: Database, actor: Actor, versionId: string) {
  const version = await requireVersion(db, versionId);
  const implementation = await requireImplementation(db, version.implementation_id);
  rules.assertOrgInScope(actor, implementation.org_path);
  return { version, implementation };
}

/** Art. 7: the implementation's item (and its main item) are in the current catalog. */
async function assertImplementable(db: Database, implementation: q.ImplementationRow): Promise<void> {
  const item = await q.findItem(db, implementation.item_id);
  rules.assertItemInCatalog(item, item?.parent_id ? await q.findItem(db, item.parent_id) : undefined);
}

export interface LintResult {
  messages: LintMessage[];
  totals: GuideTotals;
}

export async function lintContent(deps: Deps, content: GuideDraft, itemId?: string): Promise<LintResult> {
  if (itemId && !(await q.findItem(deps.db, itemId))) {
    throw unprocessable('unknown-item', '事项不存在 (catalog item not found)', [{ name: 'body.itemId', reason: 'not found' }]);
  }
  return { messages: await lintAgainstItem(deps.db, content, itemId), totals: computeTotals(content) };
}

export interface VersionView {
  version: q.VersionRow;
  lint: LintMessage[];
}

/** A version with the linter's current view of it (the catalog may have changed since it was written). */
async function withLint(db: Database, version: q.VersionRow): Promise<VersionView> {
  const implementation = await requireImplementation(db, version.implementation_id);
  return { version, lint: await lintAgainstItem(db, version.content, implementation.item_id) };
}

export async function getGuideVersion(deps: Deps, actor: Actor, id: string): Promise<VersionView> {
  const { version } = await loadInScope(deps.db, actor, id);
  return withLint(deps.db, version);
}

/** What a new draft starts from: the given content, else the latest published (or latest) version, else the catalog. */
async function startingContent(trx: Database, implementation: q.ImplementationRow, given: GuideDraft | undefined): Promise<GuideDraft> {
  if (given) return given;
  const versions = await q.versionsOf(trx, implementation.id);
  const source = versions.find((v) => v.status === 'published') ?? versions[0];
  if (source) return source.content;
  const item = await requireItem(trx, implementation.item_id);
  const parent = item.parent_id ? await q.findItem(trx, item.parent_id) : undefined;
  return rules.guideSkeleton({ ...item, legal_limit_days: item.legal_limit_days ?? parent?.legal_limit_days ?? null }, parent?.name ?? null, implementation.org_name);
}

export async function createDraft(deps: Deps, actor: Actor, implementationId: string, given?: GuideDraft): Promise<VersionView> {
  try {
    const version = await deps.db.transaction().execute(async (trx) => {
      const implementation = await requireImplementation(trx, implementationId);
      rules.assertOrgInScope(actor, implementation.org_path);
      if (implementation.status !== 'active') throw conflict('implementation-retired', '该实施清单已停用 (the implementation entry is retired)');
      await assertImplementable(trx, implementation);
      await q.lockImplementation(trx, implementationId);
      rules.assertNoOpenVersion(await q.openVersionOf(trx, implementationId));
      const content = await startingContent(trx, implementation, given);
      const id = randomUUID();
      const versionNo = (await q.highestVersionNo(trx, implementationId)) + 1;
      const now = new Date();
      await trx
        .insertInto('guide_versions')
        .values({
          id,
          implementation_id: implementationId,
          version_no: versionNo,
          status: 'draft',
          content: JSON.stringify(content),
          totals: JSON.stringify(computeTotals(content)),
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordAudit(trx, actor, { action: 'catalog.guide.draft', objectType: 'guide_version', objectId: id, orgId: implementation.org_id, changes: { implementationId, versionNo, copied: !given } });
      return (await q.findVersion(trx, id))!;
    });
    return withLint(deps.db, version);
  } catch (error) {
    // The partial unique index caught a concurrent draft that the check above could not see.
    if (isUniqueViolation(error)) rules.assertNoOpenVersion({ id: '', status: 'draft' });
    throw error;
  }
}

export async function updateDraft(deps: Deps, actor: Actor, id: string, input: { content: GuideDraft; changeReason?: string }): Promise<VersionView> {
  const version = await deps.db.transaction().execute(async (trx) => {
    const { version, implementation } = await loadInScope(trx, actor, id);
    await q.lockImplementation(trx, version.implementation_id);
    rules.assertEditable((await requireVersion(trx, id)).status);
    const values = {
      content: JSON.stringify(input.content),
      totals: JSON.stringify(computeTotals(input.content)),
      updated_at: new Date(),
      ...(input.changeReason !== undefined ? { change_reason: input.changeReason } : {}),
    };
    await trx.updateTable('guide_versions').set(values).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'catalog.guide.edit', objectType: 'guide_version', objectId: id, orgId: implementation.org_id, changes: { versionNo: version.version_no, changeReason: input.changeReason } });
    return (await q.findVersion(trx, id))!;
  });
  return withLint(deps.db, version);
}

/** Blocks what may not be submitted or published: an item outside the catalog, lint errors, a guide missing elements. */
async function assertPublishable(trx: Database, implementation: q.ImplementationRow, content: GuideDraft): Promise<void> {
  await assertImplementable(trx, implementation);
  rules.assertNoLintErrors(await lintAgainstItem(trx, content, implementation.item_id));
  rules.assertCompleteGuide(content);
}

export async function submitVersion(deps: Deps, actor: Actor, id: string, input: { changeReason: string; effectiveFrom?: string }): Promise<VersionView> {
  const version = await deps.db.transaction().execute(async (trx) => {
    const { version, implementation } = await loadInScope(trx, actor, id);
    await q.lockImplementation(trx, version.implementation_id);
    rules.assertEditable((await requireVersion(trx, id)).status);
    await assertPublishable(trx, implementation, version.content);
    if (input.effectiveFrom) rules.assertNotBefore(input.effectiveFrom, shanghaiDate(), 'body.effectiveFrom');
    const now = new Date();
    await trx
      .updateTable('guide_versions')
      .set({ status: 'submitted', change_reason: input.changeReason.trim(), effective_from: input.effectiveFrom ?? null, submitted_by: actor.userId, submitted_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'catalog.guide.submit', objectType: 'guide_version', objectId: id, orgId: implementation.org_id, changes: { versionNo: version.version_no, changeReason: input.changeReason, effectiveFrom: input.effectiveFrom ?? null } });
    return (await q.findVersion(trx, id))!;
  });
  return withLint(deps.db, version);
}

/** The date a version takes effect: the reviewer's, else the submitter's proposal if still ahead, else today (Asia/Shanghai). */
function effectiveDate(requested: string | undefined, proposed: string | null, today: string): string {
  if (requested) {
    rules.assertNotBefore(requested, today, 'body.effectiveFrom');
    return requested;
  }
  return proposed && proposed > today ? proposed : today;
}

export async function publishVersion(deps: Deps, actor: Actor, id: string, input: { effectiveFrom?: string; comment?: string }): Promise<VersionView> {
  const version = await deps.db.transaction().execute(async (trx) => {
    const { version, implementation } = await loadInScope(trx, actor, id);
    await q.lockImplementation(trx, version.implementation_id);
    const current = await requireVersion(trx, id);
    rules.assertSubmitted(current.status);
    rules.assertFourEyes(current.submitted_by, actor.userId);
    await assertPublishable(trx, implementation, current.content);
    const effectiveFrom = effectiveDate(input.effectiveFrom, current.effective_from, shanghaiDate());
    const now = new Date();
    await trx
      .updateTable('guide_versions')
      .set({ status: 'published', effective_from: effectiveFrom, reviewed_by: actor.userId, review_comment: input.comment?.trim() || null, published_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'catalog.guide.publish', objectType: 'guide_version', objectId: id, orgId: implementation.org_id, changes: { versionNo: version.version_no, effectiveFrom } });
    await runGuidePublishedHooks(trx, { implementationId: version.implementation_id, versionId: id, versionNo: version.version_no, effectiveFrom });
    return (await q.findVersion(trx, id))!;
  });
  return withLint(deps.db, version);
}

export async function returnVersion(deps: Deps, actor: Actor, id: string, input: { comment: string }): Promise<VersionView> {
  const version = await deps.db.transaction().execute(async (trx) => {
    const { version, implementation } = await loadInScope(trx, actor, id);
    await q.lockImplementation(trx, version.implementation_id);
    rules.assertSubmitted((await requireVersion(trx, id)).status);
    const now = new Date();
    await trx
      .updateTable('guide_versions')
      .set({ status: 'returned', review_comment: input.comment.trim(), reviewed_by: actor.userId, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'catalog.guide.return', objectType: 'guide_version', objectId: id, orgId: implementation.org_id, changes: { versionNo: version.version_no, comment: input.comment } });
    return (await q.findVersion(trx, id))!;
  });
  return withLint(deps.db, version);
}

/** Submitted versions in the reviewer's scope, oldest first (审核队列). */
export async function reviewQueue(deps: Deps, actor: Actor) {
  return q.submittedVersions(deps.db, actor.scopePath);
}
