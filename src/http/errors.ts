// Domain errors carry a stable kebab-case code; one handler turns them into RFC 9457
// problem+json. Anything unknown becomes a bare 500 and is logged.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export interface InvalidParam {
  /** JSON pointer-ish path of the field, e.g. "body.materials.0.name" */
  name: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Chinese first, then English: shown to people. */
    readonly detail: string,
    readonly invalidParams: InvalidParam[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (code: string, detail: string, invalidParams: InvalidParam[] = [], extra?: Record<string, unknown>) =>
  new DomainError(400, code, detail, invalidParams, extra);
export const notFound = (code: string, detail: string) => new DomainError(404, code, detail);
export const conflict = (code: string, detail: string, extra?: Record<string, unknown>) => new DomainError(409, code, detail, [], extra);
export const unprocessable = (code: string, detail: string, invalidParams: InvalidParam[] = [], extra?: Record<string, unknown>) =>
  new DomainError(422, code, detail, invalidParams, extra);
export const forbidden = (detail = '无权执行此操作 (forbidden: your role does not allow this)') => new DomainError(403, 'forbidden', detail);
export const unauthorized = () => new DomainError(401, 'unauthenticated', '请先登录 (sign in first)');

const TITLES: Record<number, string> = {
  400: 'Bad Request 请求有误',
  401: 'Unauthorized 未登录',
  403: 'Forbidden 无权访问',
  404: 'Not Found 未找到',
  409: 'Conflict 冲突',
  413: 'Payload Too Large 内容过大',
  414: 'URI Too Long 地址过长',
  415: 'Unsupported Media Type 不支持的类型',
  422: 'Unprocessable 无法处理',
  423: 'Locked 已锁定',
  429: 'Too Many Requests 请求过多',
  500: 'Internal Server Error 服务器错误',
};

function problem(request: FastifyRequest, status: number, code: string, detail: string, invalidParams: InvalidParam[] = [], extra = {}) {
  return {
    type: `https://tongban.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: request.url.split('?')[0],
    invalidParams,
    ...extra,
  };
}

/** Ajv's messages in English, with the Chinese beside them for the common keywords. */
function describeValidation(v: { keyword: string; message?: string; params?: Record<string, unknown> }): string {
  const zh: Record<string, string> = {
    required: '缺少必填字段',
    type: '类型错误',
    maxLength: '内容过长',
    minLength: '内容过短',
    pattern: '格式不正确',
    format: '格式不正确',
    enum: '取值不在允许范围内',
    anyOf: '取值不在允许范围内',
    const: '取值不在允许范围内',
    minimum: '数值过小',
    maximum: '数值过大',
    maxItems: '条目过多',
    minItems: '条目过少',
    additionalProperties: '包含未知字段',
    uniqueItems: '存在重复项',
  };
  return `${zh[v.keyword] ?? '取值无效'} (${v.message ?? v.keyword})`;
}

function validationParams(error: FastifyError): InvalidParam[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    let path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const params = (v.params ?? {}) as Record<string, unknown>;
    if (v.keyword === 'required' && params.missingProperty) path = path ? `${path}.${params.missingProperty}` : String(params.missingProperty);
    if (v.keyword === 'additionalProperties' && params.additionalProperty)
      path = path ? `${path}.${params.additionalProperty}` : String(params.additionalProperty);
    return { name: path ? `${context}.${path}` : context, reason: describeValidation(v as never) };
  });
}

/**
 * The status a server-rendered page answers an error with: the 4xx of an error the client caused
 * (a domain error, a failed validation, or Fastify's own refusal — a form over the body limit is
 * 413, an unparsable body 400 or 415), else 500. Pages render their own HTML for it.
 */
export function pageStatusOf(error: unknown): number {
  if (error instanceof DomainError) return error.status;
  const e = error as { validation?: unknown; statusCode?: number };
  if (e.validation) return 400;
  return e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
}

/**
 * The path parameter a URL the router refused holds at fault: the first segment `isBad` picks is
 * replaced by a plain word and the route found again names the parameter standing there.
 */
function faultyParam(request: FastifyRequest, isBad: (segment: string) => boolean): string {
  const segments = request.url.split('?')[0]!.split('/');
  const at = segments.findIndex(isBad);
  if (at < 0) return 'params';
  const probe = 'probe-segment';
  segments[at] = probe;
  const found = request.server.findRoute({ method: request.method as 'GET', url: segments.join('/') });
  const name = Object.entries(found?.params ?? {}).find(([, value]) => value === probe)?.[0];
  return name ? `params.${name}` : 'params';
}

/**
 * Fastify's frameworkErrors: the router refuses a path segment that is not percent-encoded UTF-8
 * (FST_ERR_BAD_URL) or longer than a parameter may be (FST_ERR_MAX_PARAM_LENGTH) before any route
 * or error handler runs, with its own bare JSON. Answer as every other refusal: problem+json naming
 * the parameter.
 */
export function routerErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.type('application/problem+json');
  if (error.code === 'FST_ERR_BAD_URL') {
    const name = faultyParam(request, (segment) => {
      try {
        decodeURIComponent(segment);
        return false;
      } catch {
        return true;
      }
    });
    const reason = 'not valid percent-encoded UTF-8';
    return reply.status(400).send(problem(request, 400, 'invalid-url', `地址中的参数编码有误：${name} (${reason}: ${name})`, [{ name, reason }]));
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const max = request.server.initialConfig.maxParamLength ?? 100;
    const name = faultyParam(request, (segment) => segment.length > max);
    const reason = `longer than ${max} characters`;
    return reply.status(414).send(problem(request, 414, 'param-too-long', `地址中的参数过长：${name} (${reason}: ${name})`, [{ name, reason }]));
  }
  request.log.error({ err: error }, 'router error');
  return reply.status(500).send(problem(request, 500, 'internal-error', '服务器内部错误，请稍后再试 (internal error)'));
}

export function errorHandler(error: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply) {
  reply.type('application/problem+json');
  if (error instanceof DomainError) {
    // A refusal that passes with time (rate limit, account lock) says when: RFC 9110 Retry-After.
    if (typeof error.extra.retryAfter === 'number') reply.header('Retry-After', String(error.extra.retryAfter));
    return reply.status(error.status).send(problem(request, error.status, error.code, error.detail, error.invalidParams, error.extra));
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const params = validationParams(fe);
    const names = [...new Set(params.map((p) => p.name))].join(', ');
    return reply
      .status(400)
      .send(problem(request, 400, 'invalid-input', `输入有误：${names} (invalid input: ${names})`, params));
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : status === 429 ? 'rate-limited' : 'bad-request';
    const zh = status === 413 ? '内容过大' : status === 415 ? '不支持的内容类型' : status === 429 ? '请求过于频繁' : '请求有误';
    // Fastify's own 4xx messages (bad JSON, wrong content type) name no personal data.
    return reply.status(status).send(problem(request, status, code, `${zh} (${fe.message})`, [{ name: 'body', reason: fe.message }]));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(problem(request, 500, 'internal-error', '服务器内部错误，请稍后再试 (internal error)'));
}
