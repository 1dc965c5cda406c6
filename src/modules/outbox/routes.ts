// Message templates (消息模板, templates.manage) and the messages of a case (case.read, within the
// viewer's organization subtree).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { presentCaseMessage, presentTemplate } from './presenter.js';
import {
  CaseMessagesResponse,
  CaseParams,
  PreviewBody,
  PreviewResponse,
  ProblemSchema,
  TemplateBody,
  TemplateListResponse,
  TemplateParams,
  TemplateSchema,
  TemplateVersionsResponse,
} from './schema.js';
import { addTemplateVersion, caseMessagesFor, listTemplates, previewTemplate, templateVersions } from './service.js';

const tags = ['messages'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export const outboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get(
    '/api/message-templates',
    {
      config: { permission: 'templates.manage' },
      schema: { tags, summary: '消息模板列表 Every template and channel with the version in use', response: { 200: TemplateListResponse, ...problems } },
    },
    async () => ({ items: (await listTemplates(deps.db)).map(presentTemplate) }),
  );

  app.get(
    '/api/message-templates/:key/:channel/versions',
    {
      config: { permission: 'templates.manage' },
      schema: { tags, summary: '模板历史版本 Versions of a template, newest first', params: TemplateParams, response: { 200: TemplateVersionsResponse, ...problems } },
    },
    async (request) => ({
      key: request.params.key,
      channel: request.params.channel,
      items: (await templateVersions(deps.db, request.params.key, request.params.channel)).map(presentTemplate),
    }),
  );

  app.post(
    '/api/message-templates/:key/:channel',
    {
      config: { permission: 'templates.manage' },
      schema: {
        tags,
        summary: '发布模板新版本 A new version, used for messages written from now on',
        params: TemplateParams,
        body: TemplateBody,
        response: { 201: TemplateSchema, ...problems },
      },
    },
    async (request, reply) => {
      const entry = await addTemplateVersion(deps, actorOf(request), request.params.key, request.params.channel, request.body);
      return reply.status(201).send(presentTemplate(entry));
    },
  );

  app.post(
    '/api/message-templates/:key/:channel/preview',
    {
      config: { permission: 'templates.manage' },
      schema: {
        tags,
        summary: '预览 The text as the applicant reads it, with sample values',
        params: TemplateParams,
        body: PreviewBody,
        response: { 200: PreviewResponse, ...problems },
      },
    },
    async (request) => previewTemplate(deps.db, request.params.key, request.params.channel, request.body ?? {}),
  );

  app.get(
    '/api/cases/:id/messages',
    {
      config: { permission: 'case.read' },
      schema: { tags, summary: '办件消息 Messages to the applicant about a case, with delivery status', params: CaseParams, response: { 200: CaseMessagesResponse, ...problems } },
    },
    async (request) => ({ items: (await caseMessagesFor(deps, actorOf(request), request.params.id)).map(presentCaseMessage) }),
  );
};
