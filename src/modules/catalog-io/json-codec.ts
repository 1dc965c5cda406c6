// The JSON form of the exchange file: read into located records, and written from a document.
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeDocument, type ParsedCatalog, type ParsedItem } from './exchange.js';
import { issueAt, malformedFile } from './issues.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseJsonCatalog(bytes: Buffer): ParsedCatalog {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw malformedFile('malformed-file', '文件不是有效的 JSON', `not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(doc) || doc.format !== EXCHANGE_FORMAT) {
    throw malformedFile('unsupported-format', `文件格式标记应为 "${EXCHANGE_FORMAT}"`, `the "format" marker must be "${EXCHANGE_FORMAT}"`);
  }
  if (doc.version !== EXCHANGE_VERSION) {
    throw malformedFile('unsupported-version', `不支持的格式版本 ${String(doc.version)}，应为 ${EXCHANGE_VERSION}`, `unsupported version, expected ${EXCHANGE_VERSION}`);
  }
  if (!Array.isArray(doc.items)) {
    throw malformedFile('malformed-file', '缺少事项列表 items', '"items" must be an array');
  }
  const catalog: ParsedCatalog = { kind: 'json', items: [], issues: [] };
  doc.items.forEach((raw, i) => catalog.items.push(jsonItem(raw, i, catalog)));
  return catalog;
}

function jsonItem(raw: unknown, i: number, catalog: ParsedCatalog): ParsedItem {
  const row = `items[${i}]`;
  const locate = (field: string) => ({ sheet: 'items', row, column: field });
  if (!isObject(raw)) {
    catalog.issues.push(issueAt(locate(''), 'invalid-item', '事项应为对象', 'an item must be an object'));
    return { value: {}, locate, implementations: [] };
  }
  const impls = Array.isArray(raw.implementations) ? raw.implementations : [];
  return {
    value: raw,
    locate,
    implementations: impls.map((impl, j) => {
      const implRow = `${row}.implementations[${j}]`;
      const implLocate = (field: string) => ({ sheet: 'items', row: implRow, column: field });
      if (!isObject(impl)) {
        catalog.issues.push(issueAt(implLocate(''), 'invalid-implementation', '实施清单条目应为对象', 'an implementation must be an object'));
        return { value: {}, locate: implLocate };
      }
      return { value: impl, locate: implLocate };
    }),
  };
}

export function writeJsonCatalog(doc: ExchangeDocument): Buffer {
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8');
}
