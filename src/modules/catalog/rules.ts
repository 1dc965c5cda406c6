// The catalog's business rules, each a small named function that throws a DomainError with a
// stable code. No I/O here: the service loads what a rule needs and passes it in.
import { Value } from '@sinclair/typebox/value';
import type { Level } from '../../db/schema.js';
import { conflict, DomainError, unprocessable, type InvalidParam } from '../../http/errors.js';
import { inScope, type Actor } from '../identity/permissions.js';
import { GuideContentSchema, type GuideDraft } from './guide-content.js';
import { hasLintErrors, type LintMessage } from './lint.js';

// ——— who may act (scope) ———

/**
 * An actor acts only on organizations within its subtree. Out of scope is a 403 (not a 404): the
 * catalog and its implementation entries are public (Art. 7, 11), so hiding existence gains nothing.
 */
export function assertOrgInScope(actor: Actor, orgPath: string): void {
  if (!inScope(actor, orgPath)) {
    throw new DomainError(403, 'out-of-scope', '该机构不在您的管辖范围内 (the organization is outside your scope)');
  }
}

/**
 * The basic catalog (基本目录) is compiled for the whole league by league-level bodies (Art. 7:
 * 盟级政务服务管理机构会同相关政务服务机构编制); a county or township may not set up items of its own.
 */
export function assertLeagueCompiler(actorOrgLevel: Level | undefined): void {
  if (actorOrgLevel !== 'league') {
    throw new DomainError(403, 'catalog-compiled-at-league-level', '事项目录由盟级机构统一编制 (the basic catalog is maintained at league level, Art. 7)');
  }
}

// ——— basic catalog items ———

export interface ItemState {
  id: string;
  status: 'active' | 'retired';
  parent_id: string | null;
}

/** Art. 7: nothing outside the catalog is implemented — neither a retired item nor one under a retired parent. */
export function assertItemInCatalog(item: ItemState | undefined, parent: ItemState | undefined): void {
  if (!item || item.status !== 'active' || (item.parent_id && (!parent || parent.status !== 'active'))) {
    throw unprocessable('item-not-in-catalog', '该事项不在现行事项目录中，不得实施 (the item is not in the current catalog, Art. 7)');
  }
}

/** A retired item is history: it may be re-activated, not edited. */
export function assertItemEditable(status: 'active' | 'retired', patch: { status?: string; [k: string]: unknown }): void {
  const reactivating = patch.status === 'active';
  if (status === 'retired' && !reactivating) {
    throw conflict('item-retired', '该事项已取消，只能恢复后再修改 (the item is retired: re-activate it before editing)');
  }
}

export interface ParentForSubItem extends ItemState {
  type: string;
  code: string;
}

/** A sub-item (子项) hangs under an active main item and shares its type and main number. */
export function assertSubItemFits(parent: ParentForSubItem, input: { type: string; mainNumber?: number }): void {
  if (parent.parent_id) {
    throw unprocessable('sub-item-of-sub-item', '子项下不能再设子项 (a sub-item cannot have sub-items)', [{ name: 'body.parentId', reason: 'is a sub-item' }]);
  }
  if (parent.status !== 'active') {
    throw unprocessable('item-not-in-catalog', '上级事项已取消 (the parent item is retired, Art. 7)', [{ name: 'body.parentId', reason: 'retired' }]);
  }
  if (input.type !== parent.type) {
    throw unprocessable('sub-item-type-mismatch', '子项的事项类型须与主项一致 (a sub-item has its parent\'s type)', [{ name: 'body.type', reason: `must be ${parent.type}` }]);
  }
  if (input.mainNumber !== undefined && input.mainNumber !== Number(parent.code.slice(2, 7))) {
    throw unprocessable('sub-item-main-number-mismatch', '子项的主项序号须与主项一致 (a sub-item has its parent\'s main number)', [
      { name: 'body.mainNumber', reason: `must be ${Number(parent.code.slice(2, 7))}` },
    ]);
  }
}

export function assertNoSubNumberWithoutParent(input: { parentId?: string; subNumber?: number }): void {
  if (input.subNumber !== undefined && !input.parentId) {
    throw unprocessable('sub-number-without-parent', '子项序号须与上级事项一同填写 (subNumber needs parentId)', [{ name: 'body.subNumber', reason: 'needs parentId' }]);
  }
}

export function assertNumberAvailable(next: number, max: number, field: string): void {
  if (next > max) throw unprocessable('catalog-numbers-exhausted', `编号已用尽 (no free ${field} left)`, [{ name: `body.${field}`, reason: 'exhausted' }]);
}

// ——— implementation entries ———

/** The implementation code ends with the organization's unified social credit code (GB/T 39554). */
export function assertOrgCanImplement(org: { credit_code: string | null }): asserts org is { credit_code: string } {
  if (!org.credit_code) {
    throw unprocessable(
      'org-without-credit-code',
      '该机构未登记统一社会信用代码，无法生成实施编码；请先补充机构信息 (the organization has no unified social credit code, so no implementation code can be made)',
      [{ name: 'body.orgId', reason: 'organization has no credit code' }],
    );
  }
}

// ——— guide versions (Art. 9–12) ———

export type GuideStatus = 'draft' | 'submitted' | 'returned' | 'published';

export function assertNoOpenVersion(open: { id: string; status: string } | undefined): void {
  if (open) {
    throw conflict('open-version-exists', `已有未发布的版本（${open.status}），请先完成它 (an unpublished version is already open)`, { versionId: open.id });
  }
}

/** Only a draft or a returned version is edited or submitted; a submitted one waits for review. */
export function assertEditable(status: GuideStatus): void {
  if (status !== 'draft' && status !== 'returned') {
    throw conflict('guide-not-editable', `该版本状态为 ${status}，不能修改或提交 (only a draft or returned version can be edited or submitted)`);
  }
}

export function assertSubmitted(status: GuideStatus): void {
  if (status !== 'submitted') {
    throw conflict('guide-not-submitted', `该版本状态为 ${status}，不在待审核状态 (only a submitted version can be reviewed)`);
  }
}

/** 四眼原则: whoever submitted a version does not publish it. */
export function assertFourEyes(submittedBy: string | null, reviewerId: string): void {
  if (submittedBy === reviewerId) {
    throw conflict('four-eyes', '不能审核发布本人提交的版本 (a reviewer cannot publish a version they submitted)');
  }
}

export function assertNoLintErrors(messages: LintMessage[]): void {
  if (hasLintErrors(messages)) {
    const n = messages.filter((m) => m.severity === 'error').length;
    throw unprocessable('guide-has-lint-errors', `办事指南有 ${n} 处错误，修改后才能提交或发布 (the guide has ${n} lint errors)`, [], { lint: messages });
  }
}

/** What is submitted or published is a complete guide with every element of Art. 9. */
export function assertCompleteGuide(content: GuideDraft): void {
  if (Value.Check(GuideContentSchema, content)) return;
  const params: InvalidParam[] = [...Value.Errors(GuideContentSchema, content)].slice(0, 50).map((e) => ({
    name: `content${e.path.replace(/\//g, '.')}`,
    reason: e.message,
  }));
  throw unprocessable('guide-incomplete', '办事指南要素不全 (the guide misses elements required by Art. 9)', params);
}

/** A version takes effect today or later: the past is what cases were handled under (Art. 12). */
export function assertNotBefore(date: string, today: string, field: string): void {
  if (date < today) {
    throw unprocessable('effective-date-in-past', `生效日期不能早于今天 ${today} (the effective date cannot be in the past)`, [{ name: field, reason: `before ${today}` }]);
  }
}

/**
 * Art. 8: a guide is written from the catalog. Its name, sub-item name and type must be the
 * catalog's, reported as lint errors beside the linter's own so an editor sees them while writing.
 */
export function catalogMismatches(content: GuideDraft, item: { name: string; type: string; parentName: string | null }): LintMessage[] {
  const out: LintMessage[] = [];
  const article = '第八条 Art. 8';
  const expectedName = item.parentName ?? item.name;
  if (content.itemName !== undefined && content.itemName !== expectedName) {
    out.push({ severity: 'error', rule: 'item-name-not-from-catalog', article, field: 'itemName', message: `事项名称应与事项目录一致：“${expectedName}” (item name must match the catalog)` });
  }
  if (item.parentName && content.subItemName !== undefined && content.subItemName !== item.name) {
    out.push({ severity: 'error', rule: 'sub-item-name-not-from-catalog', article, field: 'subItemName', message: `子项名称应与事项目录一致：“${item.name}” (sub-item name must match the catalog)` });
  }
  if (content.itemType !== undefined && content.itemType !== item.type) {
    out.push({ severity: 'error', rule: 'item-type-not-from-catalog', article, field: 'itemType', message: '事项类型应与事项目录一致 (item type must match the catalog)' });
  }
  return out;
}

/** The first draft of a new implementation starts from what the catalog already knows. */
export function guideSkeleton(
  item: { name: string; type: GuideDraft['itemType']; legal_basis: string[]; legal_limit_days: number | null },
  parentName: string | null,
  orgName: string,
): GuideDraft {
  const draft: GuideDraft = {
    itemName: parentName ?? item.name,
    itemType: item.type,
    implementingBody: orgName,
    legalBasis: [...item.legal_basis],
  };
  if (parentName) draft.subItemName = item.name;
  if (item.legal_limit_days !== null) draft.legalLimit = { days: item.legal_limit_days, unit: 'working-day' };
  return draft;
}
