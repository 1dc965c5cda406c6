// Values no schema keyword refuses but the database or the code cannot take, refused for every
// route in one place rather than by a pattern on each of the hundreds of string schemas:
//   - a NUL character: PostgreSQL text and json refuse it (22021), a 500 wherever it is stored or compared;
//   - an unpaired UTF-16 surrogate: json refuses its \ud800 escape (the audit trail and histories
//     are json), and text would silently store U+FFFD instead;
//   - a number that is not finite: Ajv's type coercion turns the query or path text "Infinity" or
//     "1e999" into Infinity, which passes an integer check and skips minimum/maximum.
// Runs as a preHandler: after the permission layer, a route's own session check and the schema, so
// a caller who may not use the route still learns nothing about its input.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest, type InvalidParam } from './errors.js';

const UNSTORABLE = /[\0\p{Cs}]/u;
const STRING_REASON = '含空字符或不成对的代理字符 (contains a NUL character or an unpaired surrogate)';
const NUMBER_REASON = '不是有限的数值 (not a finite number)';

/** The fields of one part of the request (params, querystring, body) holding such a value; at most 10. */
function unstorable(root: unknown, prefix: string, out: InvalidParam[]): void {
  // Iterative: a body may be nested thousands deep.
  const stack: [unknown, string][] = [[root, prefix]];
  while (stack.length && out.length < 10) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) out.push({ name: path, reason: STRING_REASON });
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) out.push({ name: path, reason: NUMBER_REASON });
    } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (UNSTORABLE.test(key)) out.push({ name: `${path}.${key}`, reason: STRING_REASON });
        else stack.push([child, `${path}.${key}`]);
      }
    }
  }
}

export function unstorableInput(request: FastifyRequest): InvalidParam[] {
  const out: InvalidParam[] = [];
  unstorable(request.params, 'params', out);
  unstorable(request.query, 'querystring', out);
  unstorable(request.body, 'body', out);
  return out;
}

export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preHandler', async (request) => {
    const found = unstorableInput(request);
    if (!found.length) return;
    const names = found.map((p) => p.name).join(', ');
    throw badRequest('unstorable-characters', `输入含有无法保存的字符或数值：${names} (a NUL character, an unpaired surrogate or a number that is not finite: ${names})`, found);
  });
});
