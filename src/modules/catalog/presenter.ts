// The only place a catalog row becomes JSON (camelCase; dates as ISO strings / YYYY-MM-DD).
import type { ItemType } from '../../db/schema.js';
import { ITEM_TYPE_NAMES, type GuideDraft, type GuideTotals } from './guide-content.js';
import type { LintMessage } from './lint.js';
import type { ImplementationRow, ItemRow, VersionRow } from './queries.js';

const TOTAL_KEYS: (keyof GuideTotals)[] = ['steps', 'materials', 'applicantMaterials', 'promisedWorkingDays', 'legalWorkingDays', 'feesYuan', 'visits'];

/** Every figure present, as a number (rows written by hand or before a figure existed may lack some). */
export function fullTotals(totals: Partial<GuideTotals> | null | undefined): GuideTotals {
  return Object.fromEntries(TOTAL_KEYS.map((k) => [k, Number(totals?.[k] ?? 0)])) as unknown as GuideTotals;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export function presentItem(row: ItemRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    typeName: ITEM_TYPE_NAMES[row.type],
    parentId: row.parent_id,
    legalBasis: row.legal_basis,
    legalLimitDays: row.legal_limit_days,
    description: row.description,
    status: row.status,
    implementationCount: Number(row.implementation_count ?? 0),
  };
}

export const presentVersionRef = (v: VersionRow | undefined) =>
  v ? { id: v.id, versionNo: v.version_no, effectiveFrom: v.effective_from ?? '' } : null;

export function presentItemImplementation(row: ImplementationRow, inForce: VersionRow | undefined) {
  return {
    id: row.id,
    code: row.code,
    orgId: row.org_id,
    orgName: row.org_name,
    level: row.level,
    divisionCode: row.division_code,
    status: row.status,
    publishedVersion: presentVersionRef(inForce),
  };
}

export function presentImplementation(row: ImplementationRow, latest: VersionRow | undefined, inForce: VersionRow | undefined) {
  return {
    id: row.id,
    code: row.code,
    level: row.level,
    status: row.status,
    item: {
      id: row.item_id,
      code: row.item_code,
      name: row.item_name,
      type: row.item_type,
      typeName: ITEM_TYPE_NAMES[row.item_type as ItemType],
      status: row.item_status,
      parentId: row.item_parent_id,
    },
    org: { id: row.org_id, name: row.org_name, divisionCode: row.division_code },
    latestVersion: latest ? { id: latest.id, versionNo: latest.version_no, status: latest.status, effectiveFrom: latest.effective_from } : null,
    publishedVersion: presentVersionRef(inForce),
  };
}

export function presentVersionSummary(v: VersionRow, inForceId: string | undefined) {
  return {
    id: v.id,
    versionNo: v.version_no,
    status: v.status,
    effectiveFrom: v.effective_from,
    changeReason: v.change_reason,
    createdBy: v.created_by,
    submittedAt: iso(v.submitted_at),
    publishedAt: iso(v.published_at),
    inForce: v.id === inForceId,
  };
}

/** What anyone may see of a published version. */
export function presentPublicVersion(v: VersionRow) {
  return {
    id: v.id,
    implementationId: v.implementation_id,
    versionNo: v.version_no,
    status: v.status,
    content: v.content as GuideDraft,
    totals: fullTotals(v.totals),
    effectiveFrom: v.effective_from,
    changeReason: v.change_reason,
    publishedAt: iso(v.published_at),
  };
}

/** The full working view of a version, with the linter's messages. */
export function presentVersion(v: VersionRow, lint: LintMessage[]) {
  return {
    ...presentPublicVersion(v),
    reviewComment: v.review_comment,
    createdBy: v.created_by,
    submittedBy: v.submitted_by,
    reviewedBy: v.reviewed_by,
    submittedAt: iso(v.submitted_at),
    lint,
  };
}

export function presentQueueEntry(row: {
  id: string;
  version_no: number;
  implementation_id: string;
  implementation_code: string;
  item_id: string;
  item_code: string;
  item_name: string;
  org_id: string;
  org_name: string;
  change_reason: string;
  effective_from: string | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  submitted_at: Date | string | null;
}) {
  return {
    id: row.id,
    versionNo: row.version_no,
    implementationId: row.implementation_id,
    implementationCode: row.implementation_code,
    itemId: row.item_id,
    itemCode: row.item_code,
    itemName: row.item_name,
    orgId: row.org_id,
    orgName: row.org_name,
    changeReason: row.change_reason,
    effectiveFrom: row.effective_from,
    submittedBy: row.submitted_by,
    submittedByName: row.submitted_by_name,
    submittedAt: iso(row.submitted_at),
  };
}
