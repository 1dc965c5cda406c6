// Applicant API (办事人): sign-in with a phone code, the real-name link, the applicant's own record.
// These routes are config.public for src/http/auth.ts (which knows only staff) and check the
// applicant's own session (cookie tb_applicant) themselves; every one acts on that session's
// applicant only, never on an id taken from the request.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { applicantPages } from './pages.js';
import { presentRecord } from './presenter.js';
import { ApplicantMeSchema, LoginCodeBody, LoginCodeResponse, ProblemSchema, RealNameBody, SignInBody } from './schema.js';
import { APPLICANT_COOKIE, clearApplicantCookie, requireApplicant, sessionOf, setApplicantCookie } from './session-cookie.js';
import {
  applicantForSession,
  createApplicantSession,
  linkRealName,
  ownRecord,
  revokeApplicantSession,
  sendLoginCode,
  verifyLoginCode,
  type ApplicantSession,
} from './service.js';

const tags = ['applicants'];
const PUBLIC = { public: true } as const;
const problems = { 400: ProblemSchema, 401: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema };

const api: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  // Checked before body validation: without a session the answer is 401, not a 400 describing the input.
  const signedIn = async (request: FastifyRequest) => {
    request.applicantSession = await requireApplicant(request, deps);
  };
  const me = async (session: ApplicantSession) => presentRecord(await ownRecord(deps, session));

  app.post(
    '/api/applicant/login-code',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '获取登录验证码 Send a sign-in code by SMS',
        description: '6 位验证码，5 分钟有效。限制：同一手机号 60 秒 1 次、每小时 5 次；同一地址每小时 20 次（超出返回 429 与 Retry-After）。',
        body: LoginCodeBody,
        response: { 202: LoginCodeResponse, ...problems },
      },
    },
    async (request, reply) => {
      const sent = await sendLoginCode(deps, request.body.phone, request.ip);
      return reply.status(202).send(sent);
    },
  );

  app.post(
    '/api/applicant/sessions',
    {
      config: PUBLIC,
      schema: { tags, summary: '验证码登录 Sign in with the phone code', body: SignInBody, response: { 201: ApplicantMeSchema, ...problems } },
    },
    async (request, reply) => {
      const applicant = await verifyLoginCode(deps, request.body.phone, request.body.code, request.ip);
      const token = await createApplicantSession(deps, applicant.id, { ip: request.ip });
      setApplicantCookie(reply, deps, token);
      return reply.status(201).send(await me((await applicantForSession(deps, token))!));
    },
  );

  app.delete(
    '/api/applicant/sessions',
    { config: PUBLIC, preValidation: signedIn, schema: { tags, summary: '退出登录 Sign out', response: { 204: Type.Null(), 401: ProblemSchema } } },
    async (request, reply) => {
      await revokeApplicantSession(deps, request.cookies[APPLICANT_COOKIE]!, request.ip);
      clearApplicantCookie(reply, deps);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/applicant/me',
    { config: PUBLIC, preValidation: signedIn, schema: { tags, summary: '我的信息（脱敏）My own record, masked', response: { 200: ApplicantMeSchema, 401: ProblemSchema } } },
    async (request) => me(sessionOf(request)),
  );

  app.post(
    '/api/applicant/real-name',
    {
      config: PUBLIC,
      preValidation: signedIn,
      schema: {
        tags,
        summary: '实名核验并绑定证件 Real-name check and link (Art. 20 一证办理)',
        description: '自然人：kind=person, name, idNumber；企业：kind=enterprise, name, creditCode。证件已绑定其他账号 → 409。',
        body: RealNameBody,
        response: { 200: ApplicantMeSchema, ...problems },
      },
    },
    async (request) => {
      await linkRealName(deps, sessionOf(request), request.body, request.ip);
      return me(sessionOf(request));
    },
  );
};

export const applicantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.decorateRequest('applicantSession', null);
  await app.register(api);
  await app.register(applicantPages);
};
