// pino options: JSON lines, request id on every line, personal data kept out (个人信息不入日志).
// Three layers, because each alone has gaps:
//   1. serializers: a request is logged as method + path + id (never query, headers or body); an
//      error as its type, code, message and stack only — a database error's `detail`, `query` and
//      `params` echo the row being written, so they are dropped.
//   2. redact paths and a formatter that masks fields named like personal data (idNumber, phone,
//      address…) at any depth in whatever object a module logs.
//   3. a last scrub of every finished line: ID-number-shaped and phone-shaped digit runs, query
//      strings inside messages, and Chinese street addresses are replaced before the line is written.
import type { DestinationStream, LoggerOptions } from 'pino';
import { maskPersonalFields } from './mask.js';

/** Paths pino removes wherever a module logs a request-shaped object. */
export const REDACT_PATHS = [
  'req.headers',
  'req.body',
  'req.query',
  'req.params',
  'request.headers',
  'request.body',
  'request.query',
  'request.params',
  'res.headers',
  'headers',
  'body',
  'query',
  'params',
  'payload',
  'cookies',
  '*.headers',
  '*.body',
  '*.query',
  '*.params',
  '*.payload',
  '*.cookies',
  '*.password',
  '*.idNumber',
  '*.phone',
  '*.mobile',
  '*.address',
  '*.creditCode',
];

/** Keys whose values the serializers below handle; the masking formatter leaves them alone. */
const SERIALIZED_KEYS = new Set(['req', 'request', 'res', 'reply', 'err', 'error']);

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  raw?: { method?: string; url?: string };
}

function requestSerializer(req: RequestLike) {
  const url = req.url ?? req.raw?.url ?? '';
  return { method: req.method ?? req.raw?.method, url: url.split('?')[0], id: req.id };
}

function replySerializer(reply: { statusCode?: number }) {
  return { statusCode: reply.statusCode };
}

/** Properties of an error worth keeping; everything else may echo data (pg: detail, where, query…). */
function errorSerializer(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubText(String(error)) };
  const e = error as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  // PostgreSQL data exceptions (SQLSTATE class 22: 'invalid input syntax for type integer: "…"')
  // quote the offending value itself; identifiers in other classes' messages stay readable.
  const quotesValues = typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code);
  const clean = (text: string) => scrubText(quotesValues ? text.replace(/"[^"\n]*"/g, '"[value]"') : text);
  const out: Record<string, unknown> = {
    type: e.name || e.constructor?.name || 'Error',
    message: clean(e.message ?? ''),
    stack: clean(e.stack ?? ''),
  };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (e.cause instanceof Error) out.cause = errorSerializer(e.cause);
  return out;
}

// ——— the last scrub, on text ———

// Boundaries: not inside a longer token or a decimal (responseTime 12.34567890123 is no ID number).
const B = '(?<![0-9A-Za-z.])';
const E = '(?![0-9A-Za-z.])';
/** Resident ID numbers: 18 characters (17 digits + digit or X) or the old 15 digits. */
const ID_NUMBER = new RegExp(`${B}(?:\\d{17}[0-9Xx]|\\d{15})${E}`, 'g');
/** Mainland mobile numbers, optionally with +86 and spaces or dashes between the groups. */
const MOBILE = new RegExp(`${B}(?:\\+?86[\\s-]?)?1[3-9]\\d[\\s-]?\\d{4}[\\s-]?\\d{4}${E}`, 'g');
/** Landlines with an area code: 0482-8261234, 010 12345678. */
const LANDLINE = new RegExp(`${B}0\\d{2,3}[\\s-]?\\d{7,8}${E}`, 'g');
/** A Chinese street address: Han text with a road/village/estate word, ending in a house, building or room number. */
const STREET_ADDRESS =
  /[\p{Script=Han}A-Za-z0-9]{0,20}?\p{Script=Han}{1,12}(?:路|街|道|巷|弄|胡同|村|组|小区|社区|大厦|花园|苑)[\p{Script=Han}A-Za-z0-9#-]{0,20}?\d+(?:号|栋|幢|楼|单元|室|户)[\p{Script=Han}A-Za-z0-9#-]{0,20}/gu;
/** A query string after a path inside a message (Fastify's "Route GET:/x?q=… not found"). */
const QUERY_IN_TEXT = /(\/[^\s?"'#]*)\?[^\s"'#]*/g;

/** The replacement label, quoted when the match stood where JSON expects a number. */
function label(name: string) {
  return (match: string, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + match.length] ?? '';
    const inNumberPosition = ':,['.includes(before) && ',}]'.includes(after) && before !== '' && after !== '';
    return inNumberPosition ? `"[${name}]"` : `[${name}]`;
  };
}

/** Masks anything in free text that looks like personal data; used on every finished log line. */
export function scrubText(text: string): string {
  return text
    .replace(QUERY_IN_TEXT, '$1?[redacted]')
    .replace(ID_NUMBER, label('id-number'))
    .replace(MOBILE, label('phone'))
    .replace(LANDLINE, label('phone'))
    .replace(STREET_ADDRESS, '[address]');
}

/**
 * A request is logged as method + path + id; bodies, queries, headers and unknown error properties
 * never; fields named like personal data are masked; `stream` lets tests capture every line.
 */
export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: requestSerializer,
      request: requestSerializer,
      res: replySerializer,
      reply: replySerializer,
      err: errorSerializer,
      error: errorSerializer,
    },
    formatters: {
      log(object) {
        const plain: Record<string, unknown> = {};
        const serialized: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(object)) (SERIALIZED_KEYS.has(key) ? serialized : plain)[key] = value;
        return { ...maskPersonalFields(plain), ...serialized };
      },
    },
    hooks: { streamWrite: scrubText },
    ...(stream ? { stream } : {}),
  };
}
