// Catalog import and export (事项目录导入导出). Import: read the whole file, check every row, and
// write nothing unless every row is valid; then write everything in ONE transaction with one
// audit record. Export: the published catalog as JSON, xlsx, or JSON-LD (CPSV-AP).
import path from 'node:path';
import type { Database } from '../../db/database.js';
import { forbidden, unauthorized } from '../../http/errors.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { recordAudit } from '../audit/service.js';
import { can, inScope, type Actor } from '../identity/permissions.js';
import { implementationsOfItems, refreshSearchDocuments, vacuumSearchIndex, type RefreshResult } from '../search/service.js';
import { MAX_IMPORT_BYTES, type ImportIssue, type ParsedCatalog } from './exchange.js';
import { loadExportData } from './export-data.js';
import { malformedFile, sortIssues } from './issues.js';
import { parseJsonCatalog, writeJsonCatalog } from './json-codec.js';
import { toCpsvAp } from './jsonld.js';
import { planImport, type ImportCounts, type WritePlan } from './plan.js';
import * as q from './queries.js';
import { validateCatalog, type ValidationContext } from './rules.js';
import { parseXlsxCatalog, writeXlsxCatalog } from './xlsx-codec.js';
import { SHEET_ORDER } from './xlsx-columns.js';

export interface CatalogIoDeps {
  db: Database;
}

export type { ImportCounts, ImportIssue, ParsedCatalog };
export { MAX_IMPORT_BYTES };

export interface ImportProgress {
  status: 'validating' | 'writing';
  /** validating: items to check; writing: rows to write. */
  total: number;
  processed: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  fileName: string;
  /** The job this import runs as; names the audit record. */
  jobId?: string;
  ip?: string | null;
  onProgress?: (p: ImportProgress) => void;
  /** Where a failed clean-up of the search index after the commit is logged. */
  log?: { error(obj: object, msg: string): void };
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  format: 'json' | 'xlsx';
  /** What was (or, in a dry run, would be) written; null when the file has errors. */
  counts: ImportCounts | null;
  errors: ImportIssue[];
  errorCount: number;
  /** Search documents written for the entries this import touched; null in a dry run or with errors. */
  searchDocuments: number | null;
  /** Milliseconds spent checking (incl. lookups and planning), writing the catalog, and re-indexing it for search. */
  timings: { validateMs: number; writeMs: number; indexMs: number };
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads an uploaded file by its extension, else by its content. Malformed files are a 4xx naming "file". */
export async function readCatalogFile(fileName: string, bytes: Buffer, maxBytes = MAX_IMPORT_BYTES): Promise<ParsedCatalog> {
  if (bytes.length > maxBytes) {
    throw malformedFile('file-too-large', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB`, `the file exceeds ${Math.round(maxBytes / 1024 / 1024)} MB`, 413);
  }
  if (bytes.length === 0) throw malformedFile('empty-file', '文件为空', 'the file is empty');
  const ext = path.extname(fileName).toLowerCase();
  const looksXlsx = bytes.subarray(0, 4).equals(XLSX_MAGIC);
  if (ext === '.xlsx' || (ext !== '.json' && looksXlsx)) return parseXlsxCatalog(bytes);
  if (ext === '.json' || /^\s*[{[]/.test(bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, ''))) return parseJsonCatalog(bytes);
  throw malformedFile('unsupported-file-type', '只支持 .json 或 .xlsx 文件', 'only .json and .xlsx files can be imported', 415);
}

async function validationContext(db: Database, parsed: ParsedCatalog, actor: Actor | null) {
  const strings = (list: unknown[]) => list.filter((x): x is string => typeof x === 'string' && x !== '');
  const itemCodes = strings(parsed.items.flatMap((i) => [i.value.code, i.value.parentCode]));
  const implCodes = strings(parsed.items.flatMap((i) => i.implementations.map((m) => m.value.code)));
  const [orgs, existingRows, licences] = await Promise.all([q.loadOrgRefs(db), q.loadItemsByCodes(db, itemCodes), q.loadShareableLicenceTypes(db)]);
  const impls = await q.loadImplementations(db, implCodes, existingRows.map((r) => r.id));
  const ctx: ValidationContext = {
    orgsByCode: new Map(orgs.map((o) => [o.code, o])),
    orgsByCreditCode: new Map(orgs.filter((o) => o.creditCode).map((o) => [o.creditCode!, o])),
    existingItems: new Map(existingRows.map((r) => [r.code, { id: r.id, code: r.code, name: r.name, status: r.status, legalLimitDays: r.legal_limit_days }])),
    existingImplsByCode: new Map(impls.map((m) => [m.code, m])),
    existingImplsByItemOrg: new Map(impls.map((m) => [`${m.itemId}|${m.orgId}`, m])),
    shareableLicenceTypes: licences.names,
    licenceTypeDepartments: licences.departments,
    scopePath: actor ? actor.scopePath : null,
  };
  return { ctx, existingItems: new Map(existingRows.map((r) => [r.code, r])) };
}

interface WriteOutcome {
  writeMs: number;
  indexMs: number;
  search: RefreshResult;
}

/**
 * Writes the plan and brings the search documents of every entry it touched up to date, in ONE
 * transaction (decision 0007): the import is findable the moment it is visible, and a failure of
 * either rolls back both.
 */
async function writePlan(deps: CatalogIoDeps, actor: Actor | null, plan: WritePlan, options: ImportOptions, format: string, updatedItemIds: string[]): Promise<WriteOutcome> {
  const total = plan.items.length + plan.implementations.length + plan.versions.length;
  let processed = 0;
  const step = (n: number) => options.onProgress?.({ status: 'writing', total, processed: (processed += n) });
  options.onProgress?.({ status: 'writing', total, processed: 0 });
  const now = new Date();
  const started = performance.now();
  let indexStarted = started;
  const search = await deps.db.transaction().execute(async (trx) => {
    for (const part of q.chunks(plan.items, 2500)) step((await q.upsertItems(trx, part, now), part.length));
    for (const part of q.chunks(plan.implementations, 5000)) step((await q.insertImplementations(trx, part, now), part.length));
    for (const part of q.chunks(plan.versions, 1000)) step((await q.insertGuideVersions(trx, part, actor?.userId ?? null, '批量导入 catalog import'), part.length));
    await recordAudit(trx, actor, {
      action: 'catalog.import',
      objectType: 'catalog',
      objectId: options.jobId ?? 'cli',
      ip: options.ip ?? null,
      changes: { fileName: options.fileName, format, counts: plan.counts },
    });
    indexStarted = performance.now();
    // An updated item changes its entries' documents (name, type, description) even without a new guide version.
    const touched = [...plan.versions.map((v) => v.implementation_id), ...(await implementationsOfItems(trx, updatedItemIds))];
    return refreshSearchDocuments(trx, touched, { contents: new Map(plan.versions.map((v) => [v.id, v.content])) });
  });
  await reclaimReplacedDocuments(deps, search, options);
  return { writeMs: Math.round(indexStarted - started), indexMs: Math.round(performance.now() - indexStarted), search };
}

/** Above this many replaced documents the dead rows are vacuumed right away (PGlite has no autovacuum). */
const VACUUM_AFTER_REPLACED = 1000;

async function reclaimReplacedDocuments(deps: CatalogIoDeps, search: RefreshResult, options: ImportOptions): Promise<void> {
  if (search.replaced < VACUUM_AFTER_REPLACED) return;
  try {
    await vacuumSearchIndex(deps.db);
  } catch (error) {
    // The import and its documents are committed; only the clean-up failed.
    options.log?.error({ err: error }, 'vacuum of the search index after catalog import failed');
  }
}

/** Checks every row of a read file and, when all are valid and this is not a dry run, writes them. */
export async function importCatalog(deps: CatalogIoDeps, actor: Actor | null, parsed: ParsedCatalog, options: ImportOptions): Promise<ImportReport> {
  if (actor && !can(actor, 'catalog.import')) throw forbidden();
  const dryRun = options.dryRun ?? false;
  const total = parsed.items.length;
  const timings = { validateMs: 0, writeMs: 0, indexMs: 0 };
  let clock = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - clock);
    clock = now;
    return ms;
  };
  options.onProgress?.({ status: 'validating', total, processed: 0 });
  const { ctx, existingItems } = await validationContext(deps.db, parsed, actor);
  const result = validateCatalog(parsed, ctx, (processed) => options.onProgress?.({ status: 'validating', total, processed }));
  if (result.issues.length) {
    const errors = sortIssues(result.issues, SHEET_ORDER);
    timings.validateMs = lap();
    return { ok: false, dryRun, format: parsed.kind, counts: null, errors, errorCount: errors.length, searchDocuments: null, timings };
  }
  const plan = await planImport(deps.db, result.items, ctx, existingItems, shanghaiDate());
  timings.validateMs = lap();
  let searchDocuments: number | null = null;
  if (!dryRun) {
    const updatedItemIds = plan.items.filter((row) => existingItems.has(row.code)).map((row) => row.id);
    const outcome = await writePlan(deps, actor, plan, options, parsed.kind, updatedItemIds);
    searchDocuments = outcome.search.documents;
    timings.writeMs = outcome.writeMs;
    timings.indexMs = outcome.indexMs;
    lap();
  }
  return { ok: true, dryRun, format: parsed.kind, counts: plan.counts, errors: [], errorCount: 0, searchDocuments, timings };
}

export type ExportFormat = 'json' | 'xlsx' | 'jsonld';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  counts: { items: number; implementations: number; guides: number };
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonld: 'application/ld+json; charset=utf-8',
};

/**
 * The catalog as published today. JSON and JSON-LD are public (only published guides leave the
 * platform); the xlsx workbook is the editing copy for catalog staff and needs catalog.import.
 * `actor` undefined means the operator CLI.
 */
export async function exportCatalog(deps: CatalogIoDeps, actor: Actor | null | undefined, format: ExportFormat, options: { publicUrl: string }): Promise<ExportFile> {
  if (format === 'xlsx' && actor !== undefined) {
    if (!actor) throw unauthorized();
    if (!can(actor, 'catalog.import')) throw forbidden();
  }
  const now = new Date();
  const today = shanghaiDate(now);
  const data = await loadExportData(deps.db, today, now);
  const implementations = data.doc.items.flatMap((i) => i.implementations);
  const counts = { items: data.doc.items.length, implementations: implementations.length, guides: implementations.filter((m) => m.guide).length };
  const body =
    format === 'json'
      ? writeJsonCatalog(data.doc)
      : format === 'xlsx'
        ? await writeXlsxCatalog(data.doc)
        : Buffer.from(`${JSON.stringify(toCpsvAp(data, options.publicUrl), null, 2)}\n`, 'utf8');
  const ext = format === 'jsonld' ? 'jsonld' : format;
  return { fileName: `tongban-catalog-${today.replace(/-/g, '')}.${ext}`, contentType: CONTENT_TYPES[format], body, counts };
}

/**
 * An import job shows its file name and problems only to those whose scope covers the
 * organization of the person who started it (a county's import is not the league's business
 * the other way round); jobs started from the operator command belong to system administrators.
 */
export async function importJobVisibleTo(deps: CatalogIoDeps, actor: Actor, jobId: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('import_jobs as j')
    .leftJoin('users as u', 'u.id', 'j.created_by')
    .leftJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['j.created_by', 'o.path'])
    .where('j.id', '=', jobId)
    .executeTakeFirst();
  if (!row) return false;
  if (row.created_by === actor.userId) return true;
  return row.path ? inScope(actor, row.path) : actor.roles.includes('system-admin');
}
