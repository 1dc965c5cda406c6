// Cache validators for the public guide views. A published version never changes, so its id is a
// strong validator; a new version coming into force changes the id and so the ETag.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Bumped when the rendering of the views changes, so caches do not keep an old layout. */
const RENDER_VERSION = 'r1';

/**
 * Sets ETag and Cache-Control; when the client already holds this representation, answers 304
 * and returns true (the handler then returns the reply without a body).
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, versionId: string, variant: string, maxAge = 300): boolean {
  const etag = `"${versionId}.${variant}.${RENDER_VERSION}"`;
  reply.header('ETag', etag);
  // Short max-age: a new version takes effect at midnight, and then the ETag changes.
  reply.header('Cache-Control', `public, max-age=${maxAge}`);
  const inm = request.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    reply.code(304);
    return true;
  }
  return false;
}
