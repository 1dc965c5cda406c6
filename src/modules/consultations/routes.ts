// HTTP API of consultations (咨询, Art. 14). Logging one needs case.consult (the window, the
// phone line, the online desk); reading needs case.read; answering and linking the case it became
// are the responder's follow-up and need case.consult. Everything stays within the caller's
// organization subtree (404 outside it).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { presentConsultation } from './presenter.js';
import * as s from './schema.js';
import * as service from './service.js';

const tags = ['consultations'];

export const consultationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.post(
    '/api/consultations',
    {
      config: { permission: 'case.consult' },
      schema: {
        tags,
        summary: '登记咨询（首问负责）Log a consultation; the signed-in staff member is its first responder',
        body: s.CreateConsultationBody,
        response: { 201: s.ConsultationSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(presentConsultation(await service.createConsultation(deps, actor, request.body), actor));
    },
  );

  app.get(
    '/api/consultations',
    {
      config: { permission: 'case.read' },
      schema: { tags, summary: '咨询记录（本辖区，新的在前）Consultations in scope, newest first, keyset-paged', querystring: s.ConsultationListQuery, response: { 200: s.ConsultationListResponse } },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = await service.listConsultations(deps, actor, request.query);
      return { items: page.items.map((v) => presentConsultation(v, actor)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/consultations/:id/answer',
    {
      config: { permission: 'case.consult' },
      schema: { tags, summary: '答复咨询 Record the answer (once)', params: s.IdParams, body: s.AnswerBody, response: { 200: s.ConsultationSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentConsultation(await service.answerConsultation(deps, actor, request.params.id, request.body.answer), actor);
    },
  );

  app.post(
    '/api/consultations/:id/link',
    {
      config: { permission: 'case.consult' },
      schema: { tags, summary: '咨询转申请：关联办件 Link the case the consultation became', params: s.IdParams, body: s.LinkBody, response: { 200: s.ConsultationSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentConsultation(await service.linkCase(deps, actor, request.params.id, request.body.caseId), actor);
    },
  );
};
