// The xlsx form of the exchange file (exceljs): sheets 事项, 实施清单, 材料, 流程 read into the
// same located records as the JSON form, and written from an exchange document.
import ExcelJS from 'exceljs';
import type { ExchangeDocument, ImportIssue, Location, ParsedCatalog, ParsedImplementation, ParsedItem } from './exchange.js';
import { issueAt, malformedFile } from './issues.js';
import { decodeCell, encodeCell, isEmptyCell, plainCell, type CellValue } from './xlsx-cells.js';
import {
  GUIDE_COLUMNS,
  IMPLEMENTATION_COLUMNS,
  ITEM_COLUMNS,
  MATERIAL_COLUMNS,
  SHEETS,
  STEP_COLUMNS,
  columnForPath,
  headerOf,
  keyOfHeader,
  type Column,
} from './xlsx-columns.js';

interface SheetRow {
  row: number;
  cells: Map<string, CellValue>;
}

interface SheetData {
  name: string;
  columns: Column[];
  rows: SheetRow[];
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

function getPath(source: unknown, path: string): unknown {
  let node = source as Record<string, unknown> | undefined;
  for (const k of path.split('.')) node = node?.[k] as Record<string, unknown> | undefined;
  return node;
}

function readSheet(ws: ExcelJS.Worksheet | undefined, name: string, columns: Column[], issues: ImportIssue[]): SheetData {
  const data: SheetData = { name, columns, rows: [] };
  if (!ws) return data;
  const byIndex = new Map<number, string>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const header = String(plainCell(cell.value) ?? '').trim();
    if (!header) return;
    const key = keyOfHeader(header);
    if (!key || !columns.some((c) => c.key === key)) {
      issues.push(issueAt({ sheet: name, row: 1, column: header }, 'unknown-column', '无法识别的列，表头应为“中文名(字段键)”', 'unknown column; headers read "label(key)"'));
      return;
    }
    byIndex.set(col, key);
  });
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = new Map<string, CellValue>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const key = byIndex.get(col);
      const v = plainCell(cell.value);
      if (key && !isEmptyCell(v)) cells.set(key, v);
    });
    if (cells.size > 0) data.rows.push({ row: rowNumber, cells });
  });
  return data;
}

/** Decodes the row's cells of the given columns into `target`; returns whether any cell was filled. */
function decodeRow(sheet: SheetData, r: SheetRow, columns: Column[], target: Record<string, unknown>, issues: ImportIssue[], prefix = ''): boolean {
  const filledGroups = new Set(columns.filter((c) => c.group && r.cells.has(c.key)).map((c) => c.group));
  let touched = false;
  for (const c of columns) {
    if (c.group && !filledGroups.has(c.group)) continue;
    const raw = r.cells.get(c.key) ?? null;
    if (raw !== null) touched = true;
    const d = decodeCell(c.kind, raw);
    if (!d.ok) issues.push(issueAt({ sheet: sheet.name, row: r.row, column: headerOf(c) }, 'invalid-cell', d.zh, d.en));
    else if (d.value !== undefined) setPath(target, c.key.slice(prefix.length), d.value);
  }
  return touched;
}

const locator = (sheet: SheetData, row: number, columns: Column[]) => (field: string): Location => {
  const c = field ? columnForPath(columns, field) : undefined;
  return { sheet: sheet.name, row, column: c ? headerOf(c) : field };
};

interface ImplBuild {
  record: ParsedImplementation;
  guide: Record<string, unknown>;
  guideTouched: boolean;
  materialRows: number[];
  stepRows: number[];
}

function implementationRecord(sheet: SheetData, r: SheetRow, issues: ImportIssue[], matSheet: string, stepSheet: string): ImplBuild {
  const value: Record<string, unknown> = {};
  const guide: Record<string, unknown> = { materials: [], process: [] };
  decodeRow(sheet, r, IMPLEMENTATION_COLUMNS.filter((c) => c.key !== 'itemCode'), value, issues);
  const guideTouched = decodeRow(sheet, r, GUIDE_COLUMNS, guide, issues);
  const build: ImplBuild = { record: { value, locate: () => ({ sheet: sheet.name, row: r.row, column: '' }) }, guide, guideTouched, materialRows: [], stepRows: [] };
  const own = locator(sheet, r.row, IMPLEMENTATION_COLUMNS);
  const guideCell = locator(sheet, r.row, GUIDE_COLUMNS);
  build.record.locate = (field) => {
    const m = /^guide\.(materials|process)\.(\d+)(?:\.(.*))?$/.exec(field);
    if (m) {
      const rows = m[1] === 'materials' ? build.materialRows : build.stepRows;
      const columns = m[1] === 'materials' ? MATERIAL_COLUMNS : STEP_COLUMNS;
      const c = m[3] ? columnForPath(columns, m[3]) : undefined;
      return { sheet: m[1] === 'materials' ? matSheet : stepSheet, row: rows[Number(m[2])] ?? r.row, column: c ? headerOf(c) : (m[3] ?? '') };
    }
    return field.startsWith('guide.') ? guideCell(field.slice('guide.'.length)) : own(field);
  };
  return build;
}

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw malformedFile('malformed-file', '文件不是有效的 xlsx 工作簿', `not a readable xlsx workbook: ${(error as Error).message}`);
  }
  if (!wb.getWorksheet(SHEETS.items)) {
    throw malformedFile('unsupported-format', `工作簿缺少“${SHEETS.items}”工作表`, `the workbook has no sheet "${SHEETS.items}"`);
  }
  return wb;
}

export async function parseXlsxCatalog(bytes: Buffer): Promise<ParsedCatalog> {
  const wb = await loadWorkbook(bytes);
  const issues: ImportIssue[] = [];
  const itemsSheet = readSheet(wb.getWorksheet(SHEETS.items), SHEETS.items, ITEM_COLUMNS, issues);
  const implSheet = readSheet(wb.getWorksheet(SHEETS.implementations), SHEETS.implementations, [...IMPLEMENTATION_COLUMNS, ...GUIDE_COLUMNS], issues);
  const matSheet = readSheet(wb.getWorksheet(SHEETS.materials), SHEETS.materials, MATERIAL_COLUMNS, issues);
  const stepSheet = readSheet(wb.getWorksheet(SHEETS.steps), SHEETS.steps, STEP_COLUMNS, issues);

  const items: ParsedItem[] = [];
  const itemByCode = new Map<string, ParsedItem>();
  for (const r of itemsSheet.rows) {
    // The implementations come from 实施清单; the empty list only satisfies the item schema.
    const value: Record<string, unknown> = { implementations: [] };
    decodeRow(itemsSheet, r, ITEM_COLUMNS, value, issues);
    const item: ParsedItem = { value, locate: locator(itemsSheet, r.row, ITEM_COLUMNS), implementations: [] };
    items.push(item);
    if (typeof value.code === 'string' && !itemByCode.has(value.code)) itemByCode.set(value.code, item);
  }

  const builds: ImplBuild[] = [];
  const implByCode = new Map<string, ImplBuild>();
  for (const r of implSheet.rows) {
    const itemCode = String(r.cells.get('itemCode') ?? '');
    const item = itemByCode.get(itemCode);
    const linkCell = { sheet: implSheet.name, row: r.row, column: headerOf(IMPLEMENTATION_COLUMNS[0]) };
    if (!item) {
      issues.push(issueAt(linkCell, 'unknown-item', `“${SHEETS.items}”表中没有事项编码“${itemCode}”`, `no item with code "${itemCode}" in sheet ${SHEETS.items}`));
      continue;
    }
    const build = implementationRecord(implSheet, r, issues, matSheet.name, stepSheet.name);
    builds.push(build);
    item.implementations.push(build.record);
    const code = build.record.value.code;
    if (typeof code === 'string' && !implByCode.has(code)) implByCode.set(code, build);
  }

  attachRows(matSheet, MATERIAL_COLUMNS, implByCode, issues, (b, obj, row) => {
    (b.guide.materials as unknown[]).push(obj);
    b.materialRows.push(row);
  });
  attachRows(stepSheet, STEP_COLUMNS, implByCode, issues, (b, obj, row) => {
    (b.guide.process as unknown[]).push(obj);
    b.stepRows.push(row);
  });
  for (const b of builds) {
    if (b.guideTouched || b.materialRows.length || b.stepRows.length) b.record.value.guide = b.guide;
  }
  return { kind: 'xlsx', items, issues };
}

function attachRows(
  sheet: SheetData,
  columns: Column[],
  implByCode: Map<string, ImplBuild>,
  issues: ImportIssue[],
  attach: (b: ImplBuild, obj: Record<string, unknown>, row: number) => void,
): void {
  for (const r of sheet.rows) {
    const code = String(r.cells.get('implementationCode') ?? '');
    const build = implByCode.get(code);
    if (!build) {
      const cell = { sheet: sheet.name, row: r.row, column: headerOf(columns[0]) };
      issues.push(issueAt(cell, 'unknown-implementation', `“${SHEETS.implementations}”表中没有实施编码“${code}”`, `no implementation with code "${code}" in sheet ${SHEETS.implementations}`));
      continue;
    }
    const obj: Record<string, unknown> = {};
    decodeRow(sheet, r, columns.slice(1), obj, issues);
    attach(build, obj, r.row);
  }
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: (string | number | null)[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: headerOf(c), width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(rows);
}

const encodeRow = (columns: Column[], source: unknown, link: (string | number | null)[] = []) => [
  ...link,
  ...columns.map((c) => encodeCell(c.kind, getPath(source, c.key))),
];

export async function writeXlsxCatalog(doc: ExchangeDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tongban 通办';
  const itemRows: (string | number | null)[][] = [];
  const implRows: (string | number | null)[][] = [];
  const matRows: (string | number | null)[][] = [];
  const stepRows: (string | number | null)[][] = [];
  for (const item of doc.items) {
    itemRows.push(encodeRow(ITEM_COLUMNS, item));
    for (const impl of item.implementations) {
      implRows.push([...encodeRow(IMPLEMENTATION_COLUMNS, { ...impl, itemCode: item.code }), ...encodeRow(GUIDE_COLUMNS, impl.guide ?? {})]);
      for (const m of impl.guide?.materials ?? []) matRows.push(encodeRow(MATERIAL_COLUMNS.slice(1), m, [impl.code ?? null]));
      for (const s of impl.guide?.process ?? []) stepRows.push(encodeRow(STEP_COLUMNS.slice(1), s, [impl.code ?? null]));
    }
  }
  addSheet(wb, SHEETS.items, ITEM_COLUMNS, itemRows);
  addSheet(wb, SHEETS.implementations, [...IMPLEMENTATION_COLUMNS, ...GUIDE_COLUMNS], implRows);
  addSheet(wb, SHEETS.materials, MATERIAL_COLUMNS, matRows);
  addSheet(wb, SHEETS.steps, STEP_COLUMNS, stepRows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
