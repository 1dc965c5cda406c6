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
