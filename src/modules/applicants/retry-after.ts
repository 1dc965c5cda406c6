// A 429 says when to come back (Retry-After, RFC 9110 §10.2.3): the rate-limit errors carry the
// seconds in DomainError.extra.retryAfter. The shared error handler sets the header for the API;
// the "我的" pages render refused forms themselves, so they set it here.
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../http/errors.js';

export async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const retryAfter = error instanceof DomainError ? error.extra.retryAfter : undefined;
    if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
    throw error;
  }
}
