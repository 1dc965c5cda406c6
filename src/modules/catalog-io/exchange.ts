// The catalog exchange format (事项目录交换格式), version 1: what the JSON file holds and what the
// xlsx sheets map to. Documented in docs/catalog-exchange.md. The guide itself is the platform's
// GuideContent schema, unchanged, so an exported guide is exactly the published record.
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { GuideContentSchema, ItemTypeSchema, type GuideContent } from '../catalog/guide-content.js';

export const EXCHANGE_FORMAT = 'tongban-catalog';
export const EXCHANGE_VERSION = 1;
/** Upload limit of the HTTP import (the multipart limit in app.ts is the same). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const DatePattern = '^\\d{4}-\\d{2}-\\d{2}$';

/** One implementation entry (实施清单) of an item: the implementing organization and its guide. */
export const ExchangeImplementationSchema = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 64, description: '实施编码 (GB/T 39554, 29 位)' })),
    orgCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '实施机构代码 (orgs.code)' })),
    orgCreditCode: Type.Optional(Type.String({ maxLength: 18, description: '实施机构统一社会信用代码' })),
    effectiveFrom: Type.Optional(Type.String({ pattern: DatePattern, description: '生效日期 YYYY-MM-DD' })),
    guide: Type.Optional(Type.Unknown({ description: '办事指南 (GuideContent)' })),
  },
  { additionalProperties: false },
);

/** The fields of a basic catalog item (基本目录) without its implementations. */
export const ExchangeItemFieldsSchema = Type.Object(
  {
    code: Type.String({ maxLength: 32, description: '基本编码 (10 位)' }),
    name: Type.String({ minLength: 1, maxLength: 200, description: '事项名称' }),
    type: ItemTypeSchema,
    parentCode: Type.Optional(Type.String({ maxLength: 32, description: '上级事项（主项）编码，子项填写' })),
    legalBasis: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 50, description: '设定依据' }),
    legalLimitDays: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 3650 }), Type.Null()], { description: '法定办结时限（工作日）' })),
    description: Type.Optional(Type.String({ maxLength: 5000, description: '事项说明' })),
    implementations: Type.Array(Type.Unknown(), { maxItems: 500, description: '实施清单' }),
  },
  { additionalProperties: false },
);

export const ExchangeEnvelopeSchema = Type.Object(
  {
    format: Type.Literal(EXCHANGE_FORMAT),
    version: Type.Literal(EXCHANGE_VERSION),
    exportedAt: Type.Optional(Type.String()),
    items: Type.Array(Type.Unknown()),
  },
  { additionalProperties: false },
);

// Compiled once: validating 10,000 guides must stay cheap (bench/import.bench.ts).
export const checkItemFields = TypeCompiler.Compile(ExchangeItemFieldsSchema);
export const checkImplementation = TypeCompiler.Compile(ExchangeImplementationSchema);
export const checkGuide = TypeCompiler.Compile(GuideContentSchema);

export type ExchangeItemFields = Omit<Static<typeof ExchangeItemFieldsSchema>, 'implementations'>;

export interface ExchangeImplementation {
  code?: string;
  orgCode?: string;
  orgCreditCode?: string;
  effectiveFrom?: string;
  guide?: GuideContent;
}

export interface ExchangeItem extends ExchangeItemFields {
  implementations: ExchangeImplementation[];
}

export interface ExchangeDocument {
  format: typeof EXCHANGE_FORMAT;
  version: typeof EXCHANGE_VERSION;
  exportedAt?: string;
  items: ExchangeItem[];
}

/** Where a problem sits, as a person finds it: sheet and Excel row, or the JSON index path. */
export interface Location {
  /** xlsx sheet name (事项, 实施清单, 材料, 流程) or "items" for JSON; "file" for the file itself. */
  sheet: string;
  /** 1-based Excel row; for JSON the index path, e.g. "items[3].implementations[0]". */
  row: number | string;
  /** Column header, e.g. "事项名称(name)"; for JSON the field path, e.g. "guide.materials.2.name". */
  column: string;
}

export interface ImportIssue extends Location {
  /** Stable kebab-case code, e.g. "unknown-org", or a lint rule id. */
  code: string;
  /** Chinese first, then English. */
  message: string;
}

/** A record read from the file, with a way to find the cell behind any of its fields. */
export interface SourceRecord<T> {
  value: T;
  /** Location of a field given as a dotted path ("name", "guide.materials.2.legalBasis"); "" = the row. */
  locate(field: string): Location;
}

export interface ParsedImplementation extends SourceRecord<Record<string, unknown>> {}

export interface ParsedItem extends SourceRecord<Record<string, unknown>> {
  implementations: ParsedImplementation[];
}

/** A file read into records, before any rule is checked. */
export interface ParsedCatalog {
  kind: 'json' | 'xlsx';
  items: ParsedItem[];
  /** Problems found while reading cells (a number cell holding text …), reported with the rest. */
  issues: ImportIssue[];
}
