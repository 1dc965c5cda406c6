// The import rules (导入校验): every row of the file is checked and every problem is reported by
// sheet, row and column. Nothing here touches the database: the context carries what was looked up.
import type { ValueErrorIterator } from '@sinclair/typebox/errors';
import type { Level } from '../../db/schema.js';
import type { GuideContent } from '../catalog/guide-content.js';
import { BASIC_CODE_PATTERN, IMPLEMENTATION_CODE_PATTERN, ITEM_TYPE_CODES, LEVEL_DIGITS } from '../catalog/codes.js';
import { lintGuide, type LintMessage } from '../catalog/lint.js';
import { catalogMismatches } from '../catalog/rules.js';
import { checkGuide, checkImplementation, checkItemFields, type ImportIssue, type Location, type ParsedCatalog, type ParsedImplementation, type ParsedItem } from './exchange.js';
import { issueAt, pointerToPath } from './issues.js';

export interface OrgRef {
  id: string;
  code: string;
  name: string;
  creditCode: string | null;
  level: Level;
  path: string;
  divisionCode: string;
}

export interface ExistingImplementation {
  id: string;
  itemId: string;
  orgId: string;
  code: string;
  status: 'active' | 'retired';
}

export interface ValidationContext {
  orgsByCode: ReadonlyMap<string, OrgRef>;
  orgsByCreditCode: ReadonlyMap<string, OrgRef>;
  /** Items already in the catalog, by code. */
  existingItems: ReadonlyMap<string, { id: string; code: string; name: string; status: 'active' | 'retired'; legalLimitDays: number | null }>;
  existingImplsByCode: ReadonlyMap<string, ExistingImplementation>;
  /** key `${itemId}|${orgId}` */
  existingImplsByItemOrg: ReadonlyMap<string, ExistingImplementation>;
  shareableLicenceTypes: ReadonlyMap<string, string>;
  licenceTypeDepartments: ReadonlyMap<string, string>;
  /** The actor's organization subtree (orgs.path prefix); null for the operator CLI. */
  scopePath: string | null;
}

export interface ResolvedImplementation {
  code: string;
  org: OrgRef;
  guide?: GuideContent;
  effectiveFrom?: string;
}

export interface ResolvedItem {
  code: string;
  name: string;
  type: keyof typeof ITEM_TYPE_CODES;
  parentCode: string | null;
  legalBasis: string[];
  legalLimitDays: number | null;
  description: string;
  implementations: ResolvedImplementation[];
}

export interface ValidationResult {
  issues: ImportIssue[];
  items: ResolvedItem[];
}

const locKey = (l: Location) => `${l.sheet}\u0000${l.row}\u0000${l.column}`;

/** Collects issues; a schema error on a cell that already has a problem adds nothing new. */
class IssueList {
  readonly list: ImportIssue[] = [];
  private readonly cells = new Set<string>();
  constructor(initial: ImportIssue[]) {
    for (const i of initial) this.add(i);
  }
  add(issue: ImportIssue): void {
    this.cells.add(locKey(issue));
    this.list.push(issue);
  }
  at(loc: Location, code: string, zh: string, en: string): void {
    this.add(issueAt(loc, code, zh, en));
  }
  /** Adds the issue unless its cell already has one (a lint finding on a cell with a type error). */
  unlessCellTaken(issue: ImportIssue): void {
    if (!this.cells.has(locKey(issue))) this.add(issue);
  }
  schema(errors: ValueErrorIterator, locate: (field: string) => Location, prefix: string): void {
    for (const e of errors) {
      const loc = locate(prefix + pointerToPath(e.path));
      if (this.cells.has(locKey(loc))) continue;
      this.at(loc, 'invalid-value', `取值不符合要求：${e.message}`, `invalid value: ${e.message}`);
    }
  }
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Item-level rules: schema, code structure (GB/T 39554), duplicates, parent (主项/子项). */
function checkItem(item: ParsedItem, ctx: ValidationContext, issues: IssueList, seen: Map<string, Location>): boolean {
  const v = item.value;
  if (!checkItemFields.Check(v)) {
    issues.schema(checkItemFields.Errors(v), item.locate, '');
    return false;
  }
  const code = v.code as string;
  const type = v.type as keyof typeof ITEM_TYPE_CODES;
  let valid = true;
  if (!BASIC_CODE_PATTERN.test(code)) {
    issues.at(item.locate('code'), 'invalid-item-code', '事项编码应为 10 位：类型代码 2 位 + 主项 5 位 + 子项 3 位', 'item code must be 10 digits: type (2) + main item (5) + sub-item (3)');
    valid = false;
  } else if (code.slice(0, 2) !== ITEM_TYPE_CODES[type]) {
    issues.at(item.locate('code'), 'item-code-type-mismatch', `事项编码前两位应为事项类型代码 ${ITEM_TYPE_CODES[type]}`, `the first two digits must be the type code ${ITEM_TYPE_CODES[type]}`);
    valid = false;
  }
  if (ctx.existingItems.get(code)?.status === 'retired') {
    issues.at(item.locate('code'), 'item-retired', '该事项已取消，请先在事项目录中恢复 (Art. 7)', 'the item is retired: re-activate it in the catalog first');
    valid = false;
  }
  const first = seen.get(code);
  if (first) {
    issues.at(item.locate('code'), 'duplicate-item-code', `事项编码重复（首次出现于 ${first.sheet} 第 ${first.row} 行）`, `duplicate item code (first at ${first.sheet} row ${first.row})`);
    valid = false;
  } else seen.set(code, item.locate('code'));
  return valid;
}

function checkParent(item: ParsedItem, fileCodes: Set<string>, ctx: ValidationContext, issues: IssueList): void {
  const code = item.value.code as string;
  const parent = item.value.parentCode as string | undefined;
  if (!parent) return;
  const loc = item.locate('parentCode');
  if (!BASIC_CODE_PATTERN.test(parent) || !parent.endsWith('000') || code.endsWith('000') || parent.slice(0, 7) !== code.slice(0, 7)) {
    issues.at(loc, 'sub-item-code-mismatch', '子项编码应与主项编码的前 7 位相同，主项子项号为 000，子项不为 000', 'a sub-item shares the first 7 digits of its main item; the main item ends in 000, the sub-item does not');
  } else if (!fileCodes.has(parent) && !ctx.existingItems.has(parent)) {
    issues.at(loc, 'unknown-parent-item', `上级事项 ${parent} 既不在文件中也不在事项目录中`, `parent item ${parent} is neither in the file nor in the catalog`);
  }
}

function resolveOrg(impl: ParsedImplementation, ctx: ValidationContext, issues: IssueList): OrgRef | null {
  const { orgCode, orgCreditCode } = impl.value as { orgCode?: string; orgCreditCode?: string };
  if (!orgCode && !orgCreditCode) {
    issues.at(impl.locate('orgCode'), 'org-required', '须填写实施机构代码或统一社会信用代码', 'give the organization code or its credit code');
    return null;
  }
  const byCode = orgCode ? ctx.orgsByCode.get(orgCode) : undefined;
  const byCredit = orgCreditCode ? ctx.orgsByCreditCode.get(orgCreditCode) : undefined;
  if (orgCode && !byCode) issues.at(impl.locate('orgCode'), 'unknown-org', `机构代码 ${orgCode} 不存在`, `no organization with code ${orgCode}`);
  if (orgCreditCode && !byCredit) issues.at(impl.locate('orgCreditCode'), 'unknown-org', '没有此统一社会信用代码的机构', 'no organization with this credit code');
  if (byCode && byCredit && byCode.id !== byCredit.id) {
    issues.at(impl.locate('orgCreditCode'), 'org-mismatch', '机构代码与统一社会信用代码不是同一机构', 'the organization code and the credit code name different organizations');
    return null;
  }
  const org = byCode ?? byCredit ?? null;
  if (org && ctx.scopePath && !org.path.startsWith(ctx.scopePath)) {
    issues.at(impl.locate(orgCode ? 'orgCode' : 'orgCreditCode'), 'org-out-of-scope', `机构 ${org.name} 不在您的管理范围内`, 'the organization is outside your scope');
    return null;
  }
  return org;
}

interface ImplState {
  fileItems: ReadonlyMap<string, ParsedItem>;
  codes: Map<string, Location>;
  itemOrgs: Set<string>;
}

/** The implementation code (实施编码): given and consistent, or the existing one, or derived. */
function resolveImplCode(impl: ParsedImplementation, itemCode: string, org: OrgRef, ctx: ValidationContext, issues: IssueList): string | null {
  const given = impl.value.code as string | undefined;
  const itemId = ctx.existingItems.get(itemCode)?.id;
  const existing = itemId ? ctx.existingImplsByItemOrg.get(`${itemId}|${org.id}`) : undefined;
  const loc = impl.locate('code');
  if (!org.creditCode) {
    issues.at(impl.locate(impl.value.orgCode ? 'orgCode' : 'orgCreditCode'), 'org-without-credit-code', '该机构未登记统一社会信用代码，无法生成实施编码', 'the organization has no unified social credit code, so no implementation code can be made');
    return null;
  }
  if (existing?.status === 'retired') {
    issues.at(loc, 'implementation-retired', '该实施清单条目已取消，请先恢复', 'this implementation entry is retired: re-activate it first');
    return null;
  }
  if (!given) return existing ? existing.code : `${itemCode}${LEVEL_DIGITS[org.level]}${org.creditCode}`;
  const problems: [string, string, string][] = [];
  if (!IMPLEMENTATION_CODE_PATTERN.test(given)) problems.push(['invalid-implementation-code', '实施编码应为 29 位：基本编码 10 位 + 层级 1 位 + 统一社会信用代码 18 位', 'the implementation code must be 29 characters: basic code (10) + level (1) + credit code (18)']);
  else if (given.slice(0, 10) !== itemCode) problems.push(['implementation-code-item-mismatch', `实施编码前 10 位应为事项编码 ${itemCode}`, `the first 10 characters must be the item code ${itemCode}`]);
  else if (given[10] !== LEVEL_DIGITS[org.level]) problems.push(['implementation-code-level-mismatch', `实施编码第 11 位应为实施机构的层级代码 ${LEVEL_DIGITS[org.level]}`, `character 11 must be the organization's level digit ${LEVEL_DIGITS[org.level]}`]);
  else if (given.slice(11) !== org.creditCode) problems.push(['implementation-code-org-mismatch', '实施编码后 18 位应为实施机构的统一社会信用代码', "the last 18 characters must be the organization's credit code"]);
  const taken = ctx.existingImplsByCode.get(given);
  if (taken && (taken.itemId !== itemId || taken.orgId !== org.id)) problems.push(['implementation-code-taken', '该实施编码已属于另一实施清单条目', 'this code already belongs to another implementation']);
  if (existing && existing.code !== given) problems.push(['implementation-code-mismatch', `该事项在该机构已有实施编码 ${existing.code}，不能更改`, `this item already has implementation code ${existing.code} at this organization`]);
  for (const [code, zh, en] of problems) issues.at(loc, code, zh, en);
  return problems.length ? null : given;
}

/** The main item (主项) of a sub-item, from the file or the catalog. */
function catalogParent(item: ParsedItem, ctx: ValidationContext, fileItems: ReadonlyMap<string, ParsedItem>): { name: string; legalLimitDays: number | null } | undefined {
  const code = item.value.parentCode;
  if (typeof code !== 'string' || !code) return undefined;
  const inFile = fileItems.get(code);
  if (inFile) return { name: String(inFile.value.name), legalLimitDays: typeof inFile.value.legalLimitDays === 'number' ? inFile.value.legalLimitDays : null };
  return ctx.existingItems.get(code);
}

function checkGuideContent(impl: ParsedImplementation, item: ParsedItem, ctx: ValidationContext, issues: IssueList, fileItems: ReadonlyMap<string, ParsedItem>): GuideContent | undefined {
  const guide = impl.value.guide;
  if (guide === undefined) return undefined;
  const before = issues.list.length;
  const valid = checkGuide.Check(guide);
  if (!valid) issues.schema(checkGuide.Errors(guide), impl.locate, 'guide.');
  // A published guide must be lint-clean (Art. 8–11): lint errors block the import like any other,
  // with the same context the guide editor uses (a sub-item is bound by its main item's limit).
  // The linter reads drafts, so it also runs on a guide with schema errors: every row gets its report.
  if (guide && typeof guide === 'object') {
    const parent = catalogParent(item, ctx, fileItems);
    const own = typeof item.value.legalLimitDays === 'number' ? item.value.legalLimitDays : null;
    const lintCtx = { legalLimitDays: own ?? parent?.legalLimitDays ?? null, shareableLicenceTypes: ctx.shareableLicenceTypes, licenceTypeDepartments: ctx.licenceTypeDepartments };
    const content = guide as GuideContent;
    let messages: LintMessage[] = [];
    try {
      messages = [
        ...lintGuide(content, lintCtx),
        ...catalogMismatches(content, { name: String(item.value.name), type: String(item.value.type), parentName: parent?.name ?? null }),
      ];
    } catch (error) {
      if (valid) throw error; // the linter may trip over a mistyped draft; its schema errors are reported already
    }
    for (const m of messages) {
      if (m.severity === 'error') issues.unlessCellTaken({ ...impl.locate(`guide.${m.field}`), code: m.rule, message: `${m.message}［${m.article}］` });
    }
  }
  return valid && issues.list.length === before ? (guide as GuideContent) : undefined;
}

function checkImplementationRow(impl: ParsedImplementation, item: ParsedItem, ctx: ValidationContext, issues: IssueList, state: ImplState): ResolvedImplementation | null {
  if (!checkImplementation.Check(impl.value)) {
    issues.schema(checkImplementation.Errors(impl.value), impl.locate, '');
    return null;
  }
  const effectiveFrom = impl.value.effectiveFrom as string | undefined;
  if (effectiveFrom && !isRealDate(effectiveFrom)) issues.at(impl.locate('effectiveFrom'), 'invalid-date', '生效日期不是有效日期', 'not a real date');
  const guide = checkGuideContent(impl, item, ctx, issues, state.fileItems);
  const org = resolveOrg(impl, ctx, issues);
  if (!org) return null;
  const itemCode = item.value.code as string;
  if (state.itemOrgs.has(`${itemCode}|${org.id}`)) {
    issues.at(impl.locate(impl.value.orgCode ? 'orgCode' : 'orgCreditCode'), 'duplicate-implementation', '同一事项在同一机构重复出现', 'the same item appears twice for this organization');
    return null;
  }
  state.itemOrgs.add(`${itemCode}|${org.id}`);
  const code = resolveImplCode(impl, itemCode, org, ctx, issues);
  if (!code) return null;
  const first = state.codes.get(code);
  if (first) {
    issues.at(impl.locate('code'), 'duplicate-implementation-code', `实施编码重复（首次出现于 ${first.sheet} 第 ${first.row} 行）`, `duplicate implementation code (first at ${first.sheet} row ${first.row})`);
    return null;
  }
  state.codes.set(code, impl.locate('code'));
  return { code, org, guide, effectiveFrom };
}

function resolvedItem(v: Record<string, unknown>, implementations: ResolvedImplementation[]): ResolvedItem {
  return {
    code: v.code as string,
    name: v.name as string,
    type: v.type as ResolvedItem['type'],
    parentCode: (v.parentCode as string | undefined) || null,
    legalBasis: v.legalBasis as string[],
    legalLimitDays: (v.legalLimitDays as number | null | undefined) ?? null,
    description: (v.description as string | undefined) ?? '',
    implementations,
  };
}

/** Checks every row; `progress(n)` is told how many items are done. */
export function validateCatalog(parsed: ParsedCatalog, ctx: ValidationContext, progress: (done: number) => void = () => {}): ValidationResult {
  const issues = new IssueList(parsed.issues);
  const seenItems = new Map<string, Location>();
  const fileItems = new Map<string, ParsedItem>();
  for (const item of parsed.items) if (typeof item.value.code === 'string' && !fileItems.has(item.value.code)) fileItems.set(item.value.code, item);
  const state: ImplState = { fileItems, codes: new Map(), itemOrgs: new Set() };
  const fileCodes = new Set(fileItems.keys());
  const items: ResolvedItem[] = [];
  parsed.items.forEach((item, index) => {
    const itemOk = checkItem(item, ctx, issues, seenItems);
    if (itemOk) checkParent(item, fileCodes, ctx, issues);
    const impls: ResolvedImplementation[] = [];
    // Implementations are checked even when their item has a problem: every row gets its report.
    for (const impl of typeof item.value.code === 'string' ? item.implementations : []) {
      const r = checkImplementationRow(impl, item, ctx, issues, state);
      if (r) impls.push(r);
    }
    if (itemOk) items.push(resolvedItem(item.value, impls));
    if ((index + 1) % 500 === 0) progress(index + 1);
  });
  progress(parsed.items.length);
  return { issues: issues.list, items };
}
