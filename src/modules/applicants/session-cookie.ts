// The applicant's session cookie (tb_applicant). Separate from the staff cookie (tb_session) and
// resolved only here: src/http/auth.ts never reads it, so no staff permission can be satisfied by
// an applicant session, and no applicant route accepts a staff session.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.js';
import { unauthorized } from '../../http/errors.js';
import { applicantForSession, type ApplicantSession } from './service.js';

export const APPLICANT_COOKIE = 'tb_applicant';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the applicant routes' preValidation hook; null elsewhere. */
    applicantSession: ApplicantSession | null;
  }
}

function cookieOptions(deps: AppDeps) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.publicUrl.startsWith('https://') };
}

export function setApplicantCookie(reply: FastifyReply, deps: AppDeps, token: string): void {
  reply.setCookie(APPLICANT_COOKIE, token, cookieOptions(deps));
}

export function clearApplicantCookie(reply: FastifyReply, deps: AppDeps): void {
  reply.clearCookie(APPLICANT_COOKIE, cookieOptions(deps));
}

/** The applicant session of this request, or null (no cookie, expired, signed out). */
export async function applicantSessionOf(request: FastifyRequest, deps: AppDeps): Promise<ApplicantSession | null> {
  const token = request.cookies?.[APPLICANT_COOKIE];
  return token ? applicantForSession(deps, token) : null;
}

/** The applicant session of this request; 401 when there is none. */
export async function requireApplicant(request: FastifyRequest, deps: AppDeps): Promise<ApplicantSession> {
  const session = await applicantSessionOf(request, deps);
  if (!session) throw unauthorized();
  return session;
}

/** The session a preValidation hook (requireApplicant) stored on the request. */
export function sessionOf(request: FastifyRequest): ApplicantSession {
  if (!request.applicantSession) throw unauthorized();
  return request.applicantSession;
}

// ——— where to go back to after signing in (登录后返回) ———

const NEXT_COOKIE = 'tb_next';

/** Only a path on this site (no scheme, no host, no "//"): an open redirect is never possible. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 300) return null;
  return /^\/(?![/\\])[A-Za-z0-9\-._~/%?=&]*$/.test(value) ? value : null;
}

/**
 * Remembers the page an applicant was on (e.g. 在线申请) while they sign in or verify their real
 * name, so that the last step takes them back there instead of to 我的.
 */
export function rememberNext(reply: FastifyReply, deps: AppDeps, next: unknown): void {
  const path = safeNextPath(next);
  if (path) reply.setCookie(NEXT_COOKIE, path, { ...cookieOptions(deps), path: '/my', maxAge: 30 * 60 });
}

/** The remembered page (once: the cookie is cleared), or the fallback. */
export function takeNext(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, fallback: string): string {
  const path = safeNextPath(request.cookies?.[NEXT_COOKIE]);
  if (request.cookies?.[NEXT_COOKIE] !== undefined) reply.clearCookie(NEXT_COOKIE, { ...cookieOptions(deps), path: '/my' });
  return path ?? fallback;
}
