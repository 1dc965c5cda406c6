// The malformed inputs of the edge fuzz test (fuzz-edges.test.ts): a seeded PRNG, sample values
// read off a route's JSON schema (the OpenAPI the app publishes), and the bad values put in place
// of path parameters, query parameters, whole bodies and each declared body property. Pure: no app.

/** The part of JSON Schema (OpenAPI 3.1) the routes use. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
  additionalProperties?: boolean | Schema;
}

// ——— a seeded PRNG (mulberry32): the same seed gives the same requests ———

export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    /** A random valid-looking UUID (version 4 layout). */
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => int(16).toString(16));
      hex[12] = '4';
      hex[16] = '89ab'[int(4)]!;
      const h = hex.join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    /** The first n of a shuffled copy (Fisher–Yates). */
    sample: <T>(items: readonly T[], n: number): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
  };
}
export type Prng = ReturnType<typeof prng>;

// ——— reading schemas ———

export type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'unknown';

export function kindOf(s: Schema | undefined): Kind {
  if (!s) return 'unknown';
  if (s.anyOf?.length) return kindOf(s.anyOf.find((b) => b.type !== 'null') ?? s.anyOf[0]);
  const type = [s.type ?? []].flat().find((t) => t !== 'null');
  if (type) return type as Kind;
  if (s.properties) return 'object';
  if (s.enum?.length) return typeof s.enum[0] === 'string' ? 'string' : 'unknown';
  return 'unknown';
}

/** A date field: format date, a YYYY-MM-DD pattern, or a name that says so (dates are strings here). */
export function isDateField(name: string, s: Schema | undefined): boolean {
  if (s?.format === 'date' || s?.format === 'date-time') return true;
  if (s?.pattern?.includes('\\d{4}-')) return true;
  return kindOf(s) === 'string' && /^(date|from|to)$|On$|At$/.test(name);
}

/**
 * The date a sample puts in a date field the base request lacks: a month ahead, so that rules
 * about the past (an expiry already passed) do not refuse the base for a field nobody mutated.
 */
const SAMPLE_DATE = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

const PATTERN_CANDIDATES = ['x1', 'test', '测试 test', SAMPLE_DATE, '13900000000', '123456', '1234567890', '0482-1234567', '111000000001321340002', 'a.pdf', 'ABC123'];

/** A value that satisfies the schema as far as a sample can (the happy path a mutation departs from). */
export function sampleOf(s: Schema | undefined): unknown {
  if (!s) return 'x';
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.anyOf?.length) return sampleOf(s.anyOf.find((b) => b.type !== 'null') ?? s.anyOf[0]);
  switch (kindOf(s)) {
    case 'string': {
      if (s.format === 'date') return SAMPLE_DATE;
      if (s.format === 'date-time') return `${SAMPLE_DATE}T09:00:00+08:00`;
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'email') return 'fuzz@example.com';
      const fits = (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity) && (!s.pattern || new RegExp(s.pattern, 'u').test(v));
      return PATTERN_CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(1, s.minLength ?? 1));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return s.minItems ? Array.from({ length: s.minItems }, () => sampleOf(s.items)) : [];
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, sampleOf(s.properties?.[k])]));
    default:
      return 'x';
  }
}

// ——— bad values ———

/** JSON text that JSON.stringify cannot produce: 1e999 parses to Infinity. */
export const INFINITY = { raw: '1e999' } as const;
const RAW_MARK = '\u0001raw\u0001';

/** JSON text of a value that may hold INFINITY; `map` replaces other placeholders first. */
export function toJson(value: unknown, map: (v: unknown) => unknown = (v) => v): string {
  return JSON.stringify(value, (_k, v) => {
    const mapped = map(v);
    return mapped === INFINITY ? RAW_MARK : mapped;
  }).replaceAll(JSON.stringify(RAW_MARK), INFINITY.raw);
}

const deep = (depth: number): unknown => {
  let v: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
const DEEP = deep(1000);
const HUGE = `长${'x'.repeat(99_998)}长`;

export interface ValueMutation {
  what: string;
  value: unknown;
}

/** Bad values for one body property of the given schema. */
export function valueMutations(name: string, s: Schema | undefined): ValueMutation[] {
  const kind = kindOf(s);
  const wrong: Record<Kind, unknown> = { string: 12345, integer: 'abc', number: 'abc', boolean: 'yes', array: { x: 1 }, object: 'text', unknown: 12345 };
  const out: ValueMutation[] = [
    { what: 'wrong type', value: wrong[kind] },
    { what: 'null', value: null },
    { what: '100k string', value: HUGE },
    { what: 'nested 1000 deep', value: DEEP },
    { what: 'NUL character', value: 'a\u0000b' },
    { what: 'lone surrogate', value: '\ud800x' },
    { what: 'emoji and bidi override', value: '😀\u202e\u200b测' },
  ];
  if (kind === 'integer' || kind === 'number') {
    out.push({ what: 'negative', value: -1 }, { what: 'fractional', value: 1.5 }, { what: '1e20', value: 1e20 }, { what: '2^31', value: 2147483648 }, { what: 'Infinity (1e999)', value: INFINITY });
  }
  if (kind === 'string') {
    out.push(
      { what: 'empty string', value: '' },
      { what: 'whitespace', value: '   ' },
      { what: 'LIKE and regex metacharacters', value: "a%_[(*'\\" },
    );
    // Valid, but the most a field takes: what comes after (PDF layout, search, messages) must cope.
    if (s?.maxLength && s.maxLength <= 100_000 && !s.pattern && !s.format) out.push({ what: 'longest allowed', value: '长'.repeat(s.maxLength) });
  }
  if ((kind === 'integer' || kind === 'number') && s?.maximum !== undefined) out.push({ what: 'largest allowed', value: s.maximum });
  if (isDateField(name, s)) {
    out.push({ what: 'impossible date', value: '2026-02-30' }, { what: 'far-future date', value: '9999-12-31' }, { what: 'year 1', value: '0001-01-01' }, { what: 'not a date', value: 'yesterday' });
  }
  if (kind === 'array') out.push({ what: 'empty array', value: [] }, { what: 'array of null', value: [null] }, { what: '10001 items', value: Array.from({ length: 10_001 }, () => sampleOf(s?.items)) });
  if (kind === 'object') out.push({ what: 'empty object', value: {} });
  return out;
}

/** Whole-body mutations: [what, content-type, raw payload]. */
export function bodyMutations(base: unknown): Array<{ what: string; contentType: string; payload: string }> {
  const json = 'application/json';
  const text = toJson(base ?? {});
  return [
    { what: 'invalid JSON', contentType: json, payload: '{"a":' },
    { what: 'not JSON at all', contentType: json, payload: '{bad json}' },
    { what: 'text/plain content type', contentType: 'text/plain', payload: text },
    { what: 'XML content type', contentType: 'application/xml', payload: '<a>1</a>' },
    { what: 'empty JSON body', contentType: json, payload: '' },
    { what: 'JSON null', contentType: json, payload: 'null' },
    { what: 'JSON array', contentType: json, payload: '[]' },
    { what: 'JSON number', contentType: json, payload: '42' },
    { what: 'JSON string', contentType: json, payload: '"x"' },
    { what: '__proto__ key', contentType: json, payload: `{"__proto__":{"polluted":1},${text.slice(1)}`.replace(/,}$/, '}') },
  ];
}

/** Bad path parameter values, percent-encoded as they go in the URL. */
export function pathValues(rand: Prng): Array<{ what: string; value: string; expect404?: boolean }> {
  return [
    { what: 'random UUID', value: rand.uuid(), expect404: true },
    { what: 'not a UUID', value: 'not-a-uuid' },
    { what: 'too long (300)', value: 'a'.repeat(300) },
    { what: 'NUL', value: '%00' },
    { what: 'embedded NUL', value: 'abc%00def' },
    { what: 'dot-dot-slash', value: '..%2F..%2Fetc%2Fpasswd' },
    { what: 'emoji', value: '%F0%9F%98%80' },
    { what: 'numeric overflow', value: '99999999999999999999999999' },
    { what: 'negative', value: '-1' },
    { what: '1e309', value: '1e309' },
    { what: 'invalid UTF-8 (lone surrogate)', value: '%ED%A0%80' },
    { what: 'overlong UTF-8', value: '%C0%AF' },
    { what: 'malformed escape', value: '%zz' },
    { what: 'bidi override', value: '%E2%80%AEabc' },
    { what: 'space', value: '%20' },
  ];
}

const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Bad query values for one declared parameter (percent-encoded), chosen by its schema and name. */
export function queryValues(name: string, s: Schema | undefined): Array<{ what: string; query: string }> {
  const kind = kindOf(s);
  const q = (what: string, value: string) => ({ what, query: `${name}=${value}` });
  const out = [
    q('empty', ''),
    { what: 'repeated', query: `${name}=1&${name}=2` },
    q('huge (8000)', 'q'.repeat(8000)),
    q('negative', '-1'),
    q('overflow', '99999999999999999999'),
    q('fractional', '1.5'),
    q('NUL', '%00'),
    q('embedded NUL', 'a%00b'),
    q('invalid UTF-8', '%ED%A0%80'),
    q('malformed escape', '%zz'),
    q('emoji and bidi', '%F0%9F%98%80%E2%80%AE'),
    q('bracket syntax', '[]'),
    q('LIKE and regex metacharacters', encodeURIComponent("a%_[(*'\\")),
    q('trailing backslash', '%5C'),
  ];
  if (s?.maximum !== undefined) out.push(q('largest allowed', String(s.maximum)));
  if (kind === 'integer' || kind === 'number') out.push(q('not a number', 'abc'), q('Infinity', 'Infinity'), q('hex', '0x10'));
  if (kind === 'boolean') out.push(q('not a boolean', 'maybe'));
  if (s?.enum || s?.anyOf) out.push(q('not in the enum', 'zzz'));
  if (isDateField(name, s)) out.push(q('impossible date', '2026-02-30'), q('far-future date', '9999-12-31'), q('not a date', 'yesterday'), q('month 13', '2026-13-01'));
  if (name === 'cursor') {
    for (const [what, text] of [
      ['cursor with impossible date', '["2026-02-30","x"]'],
      ['cursor with impossible timestamp', '["2026-02-30T00:00:00Z","x"]'],
      ['cursor with NUL id', '["2026-03-02","a\u0000b"]'],
      ['cursor with NUL timestamp id', '["2026-03-02T00:00:00Z","a\u0000b"]'],
      ['search cursor with NUL name', '[0,0,0,0,"a\u0000b","x"]'],
      ['cursor of another shape', '{"a":1}'],
      ['cursor with bad time', 'not-a-time|x'],
    ] as const) {
      out.push(q(what, cursorOf(text)));
    }
  }
  return out;
}
