// One cell ⇄ one field value, by the column's kind. Decoding never throws: a cell a person
// mistyped comes back as a problem naming what was expected.
import type { CellKind, Labels, RecordPart } from './xlsx-columns.js';

export type CellValue = string | number | boolean | Date | null;
export type Decoded = { ok: true; value: unknown } | { ok: false; zh: string; en: string };

const LIST_SPLIT = /[、,，;；\n]/;
const PART_SPLIT = /[|｜]/;
const ok = (value: unknown): Decoded => ({ ok: true, value });
const fail = (zh: string, en: string): Decoded => ({ ok: false, zh, en });

/** exceljs cell values (rich text, hyperlinks, formulas) reduced to plain values. */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if ('result' in o) return plainCell(o.result);
  if ('text' in o) return plainCell(o.text);
  return null;
}

export const isEmptyCell = (v: CellValue) => v === null || v === '';

const asText = (v: CellValue): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

function labelToValue(labels: Labels, raw: string): string | undefined {
  const s = raw.trim();
  if (Object.prototype.hasOwnProperty.call(labels, s)) return s;
  return Object.keys(labels).find((k) => labels[k].includes(s));
}

const allowed = (labels: Labels) => Object.values(labels).map((l) => l[0]).join('、');

function decodeJsonArray(s: string): unknown[] | undefined {
  if (!s.trimStart().startsWith('[')) return undefined;
  try {
    const v = JSON.parse(s);
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function decodeRecords(s: string, parts: RecordPart[]): Decoded {
  const json = decodeJsonArray(s);
  if (json) return ok(json);
  const out: Record<string, unknown>[] = [];
  const lines = s.split(/\r?\n/).filter((l) => l.trim() !== '');
  for (const [n, line] of lines.entries()) {
    const fields = line.split(PART_SPLIT).map((f) => f.trim());
    if (fields.length !== parts.length) {
      return fail(`第 ${n + 1} 行应为 ${parts.length} 段，用“｜”分隔`, `line ${n + 1} must have ${parts.length} parts separated by "｜"`);
    }
    const rec: Record<string, unknown> = {};
    for (const [i, part] of parts.entries()) {
      const f = fields[i];
      if (part.kind === 'number') {
        const num = Number(f);
        if (f === '' || !Number.isFinite(num)) return fail(`第 ${n + 1} 行第 ${i + 1} 段应为数字`, `line ${n + 1} part ${i + 1} must be a number`);
        rec[part.key] = num;
      } else if (part.kind === 'idList') rec[part.key] = f.split(LIST_SPLIT).map((x) => x.trim()).filter(Boolean);
      else rec[part.key] = f;
    }
    out.push(rec);
  }
  return ok(out);
}

export function decodeCell(kind: CellKind, v: CellValue): Decoded {
  const empty = isEmptyCell(v);
  switch (kind.type) {
    case 'text':
      return ok(empty ? '' : asText(v));
    case 'optText':
      return ok(empty ? undefined : asText(v));
    case 'int': {
      if (empty) return ok(undefined);
      if (typeof v === 'number') return ok(v);
      const s = asText(v).trim();
      return /^-?\d+(\.\d+)?$/.test(s) ? ok(Number(s)) : fail('应为整数', 'must be a whole number');
    }
    case 'bool': {
      if (empty) return ok(undefined);
      if (typeof v === 'boolean') return ok(v);
      const s = asText(v).trim().toLowerCase();
      if (['是', 'true', 'y', 'yes', '1'].includes(s)) return ok(true);
      if (['否', 'false', 'n', 'no', '0'].includes(s)) return ok(false);
      return fail('应填“是”或“否”', 'must be 是 (yes) or 否 (no)');
    }
    case 'date':
      if (empty) return ok(undefined);
      return ok(v instanceof Date ? v.toISOString().slice(0, 10) : asText(v).trim());
    case 'enum': {
      if (empty) return ok(undefined);
      const value = labelToValue(kind.labels, asText(v));
      return value ? ok(value) : fail(`取值应为：${allowed(kind.labels)}`, `must be one of the listed choices`);
    }
    case 'enumList': {
      if (empty) return ok([]);
      const out: string[] = [];
      for (const part of asText(v).split(LIST_SPLIT).map((x) => x.trim()).filter(Boolean)) {
        const value = labelToValue(kind.labels, part);
        if (!value) return fail(`“${part}”不是可选值，可选：${allowed(kind.labels)}`, `"${part}" is not one of the choices`);
        out.push(value);
      }
      return ok(out);
    }
    case 'idList':
      return ok(empty ? [] : asText(v).split(LIST_SPLIT).map((x) => x.trim()).filter(Boolean));
    case 'textList': {
      if (empty) return ok([]);
      const s = asText(v);
      return ok(decodeJsonArray(s) ?? s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
    }
    case 'records':
      return empty ? ok([]) : decodeRecords(asText(v), kind.parts);
  }
}

/** A text that would not survive the line/separator conventions goes into the cell as JSON. */
const plainSafe = (s: string, separators: RegExp) => s !== '' && s === s.trim() && !separators.test(s) && !s.startsWith('[');

function encodeRecords(list: Record<string, unknown>[], parts: RecordPart[]): string | null {
  if (list.length === 0) return null;
  const safe = list.every((rec) =>
    parts.every((p) => {
      const v = rec[p.key];
      if (p.kind === 'number') return typeof v === 'number';
      if (p.kind === 'idList') return Array.isArray(v) && v.every((x) => typeof x === 'string' && plainSafe(x, /[\n|｜、,，;；]/));
      return typeof v === 'string' && (v === '' || plainSafe(v, /[\n|｜]/)) && Object.keys(rec).length === parts.length;
    }),
  );
  if (!safe) return JSON.stringify(list);
  return list.map((rec) => parts.map((p) => (p.kind === 'idList' ? (rec[p.key] as string[]).join('、') : String(rec[p.key]))).join('｜')).join('\n');
}

export function encodeCell(kind: CellKind, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  switch (kind.type) {
    case 'text':
    case 'optText':
    case 'date':
      return value === '' ? null : String(value);
    case 'int':
      return value as number;
    case 'bool':
      return value ? '是' : '否';
    case 'enum':
      return kind.labels[value as string]?.[0] ?? String(value);
    case 'enumList':
      return (value as string[]).map((x) => kind.labels[x]?.[0] ?? x).join('、') || null;
    case 'idList':
      return (value as string[]).join('、') || null;
    case 'textList': {
      const list = value as string[];
      if (list.length === 0) return null;
      return list.every((s) => plainSafe(s, /\n/)) ? list.join('\n') : JSON.stringify(list);
    }
    case 'records':
      return encodeRecords(value as Record<string, unknown>[], kind.parts);
  }
}
