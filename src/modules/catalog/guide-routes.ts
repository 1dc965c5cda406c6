// HTTP API of the guide workflow (办事指南版本, Art. 9–12): drafts, editing, linting, submission,
// review (publish / return), the review queue and diffs between versions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../http/auth.js';
import { presentQueueEntry, presentVersion } from './presenter.js';
import * as s from './schema.js';
import * as service from './service.js';

const tags = ['catalog'];
const view = (v: service.VersionView) => presentVersion(v.version, v.lint);
/** For routes whose body fields are all optional: a request without a body means `{}`. */
const emptyBodyIsObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

export const guideRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.post(
    '/api/catalog/implementations/:id/drafts',
    {
      config: { permission: 'catalog.guide.write' },
      preValidation: emptyBodyIsObject,
      schema: {
        tags,
        summary: '新建草稿版本 New draft (copies the latest published version when no content is given)',
        params: s.IdParams,
        body: s.CreateDraftBody,
        response: { 201: s.GuideVersionSchema },
      },
    },
    async (request, reply) => reply.status(201).send(view(await service.createDraft(deps, actorOf(request), request.params.id, request.body.content))),
  );

  app.get(
    '/api/catalog/guide-versions/:id',
    { config: { permission: 'catalog.read' }, schema: { tags, summary: '办事指南版本 Guide version with lint messages', params: s.IdParams, response: { 200: s.GuideVersionSchema } } },
    async (request) => view(await service.getGuideVersion(deps, actorOf(request), request.params.id)),
  );

  app.put(
    '/api/catalog/guide-versions/:id',
    {
      config: { permission: 'catalog.guide.write' },
      schema: { tags, summary: '保存草稿 Save a draft or returned version', params: s.IdParams, body: s.PutVersionBody, response: { 200: s.GuideVersionSchema } },
    },
    async (request) => view(await service.updateDraft(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/catalog/lint',
    { config: { permission: 'catalog.read' }, schema: { tags, summary: '检查办事指南 Lint guide content', body: s.LintBody, response: { 200: s.LintResponse } } },
    async (request) => service.lintContent(deps, request.body.content, request.body.itemId),
  );

  app.post(
    '/api/catalog/guide-versions/:id/submit',
    {
      config: { permission: 'catalog.guide.write' },
      schema: { tags, summary: '提交审核 Submit for review (blocked by lint errors)', params: s.IdParams, body: s.SubmitBody, response: { 200: s.GuideVersionSchema } },
    },
    async (request) => view(await service.submitVersion(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/catalog/guide-versions/:id/publish',
    {
      config: { permission: 'catalog.guide.review' },
      preValidation: emptyBodyIsObject,
      schema: { tags, summary: '审核发布 Publish (four-eyes; re-linted)', params: s.IdParams, body: s.PublishBody, response: { 200: s.GuideVersionSchema } },
    },
    async (request) => view(await service.publishVersion(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/catalog/guide-versions/:id/return',
    {
      config: { permission: 'catalog.guide.review' },
      schema: { tags, summary: '退回修改 Return with a comment', params: s.IdParams, body: s.ReturnBody, response: { 200: s.GuideVersionSchema } },
    },
    async (request) => view(await service.returnVersion(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/catalog/review-queue',
    { config: { permission: 'catalog.guide.review' }, schema: { tags, summary: '待审核队列 Submitted versions in scope, oldest first', response: { 200: s.ReviewQueueSchema } } },
    async (request) => ({ items: (await service.reviewQueue(deps, actorOf(request))).map(presentQueueEntry) }),
  );

  app.get(
    '/api/catalog/guide-versions/:id/diff',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, summary: '版本对比 Changes from another version (against) to this one', params: s.IdParams, querystring: s.DiffQuery, response: { 200: s.DiffResponse } },
    },
    async (request) => {
      const { from, to, changes } = await service.diffVersions(deps, actorOf(request), request.params.id, request.query.against);
      return { from: { id: from.id, versionNo: from.version_no }, to: { id: to.id, versionNo: to.version_no }, changes };
    },
  );
};
