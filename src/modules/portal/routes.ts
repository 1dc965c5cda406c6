// The citizen portal (办事大厅): server-rendered pages, the PDF, the QR code, the kiosk view and the
// open JSON API, all from one published record (同源发布, Art. 11). Everything here is public.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError, pageStatusOf } from '../../http/errors.js';
import { attachmentDisposition } from '../../lib/pdf.js';
import { notModified } from './http-cache.js';
import { presentGuide, presentGuideSummary } from './presenter.js';
import { CodeParams, DateQuery, GuidePageQuery, ItemGuidesQuery, NotModifiedSchema, ProblemSchema, PublicGuideListSchema, PublicGuideSchema, SearchPageQuery } from './schema.js';
import { counties, getGuideInForce, guidePdf, guideUrl, guideView, listItemGuides, portalSearch, qrPng, qrSvg } from './service.js';
import { errorPage } from './views/layout.js';
import { guidePage } from './views/guide.js';
import { homePage } from './views/home.js';
import { kioskPage } from './views/kiosk.js';
import { searchPage } from './views/search.js';

const PAGE = { config: { public: true } } as const;
const HTML = 'text/html; charset=utf-8';

/** The stylesheet and script, read once; served with a content hash as validator. */
function staticAsset(file: string, type: string) {
  const body = fs.readFileSync(path.resolve(file));
  const etag = `"${(Buffer.from(body).reduce((h, b) => (h * 31 + b) >>> 0, 7)).toString(36)}"`;
  return { body, type, etag };
}

/** HTML pages: errors become Chinese pages (404 未找到 …), not problem+json. */
const pages: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler((error, request, reply) => {
    const status = pageStatusOf(error);
    if (status === 404) return reply.status(404).type(HTML).send(errorPage(404, '没有找到这个页面', '该事项的办事指南不存在或尚未发布。请通过搜索查找，或拨打 12345 咨询。'));
    if (status < 500) return reply.status(status).type(HTML).send(errorPage(status, '请求有误', '链接中的参数不正确，请返回首页重新查找。'));
    request.log.error({ err: error }, 'portal page failed');
    return reply.status(500).type(HTML).send(errorPage(500, '服务暂时不可用', '请稍后再试，或拨打 12345 咨询。'));
  });

  app.get('/', { ...PAGE, schema: { hide: true } }, async (_req, reply) => {
    return reply.type(HTML).header('Cache-Control', 'public, max-age=300').send(homePage({ counties: await counties(app.deps) }));
  });

  app.get('/search', { ...PAGE, schema: { hide: true, querystring: SearchPageQuery } }, async (request, reply) => {
    const [found, regions] = await Promise.all([portalSearch(app.deps, request.query), counties(app.deps)]);
    return reply.type(HTML).send(searchPage({ query: request.query, counties: regions, ...found }));
  });

  app.get('/guides/:code', { ...PAGE, schema: { hide: true, params: CodeParams, querystring: GuidePageQuery } }, async (request, reply) => {
    const view = await guideView(app.deps, request.params.code);
    if (notModified(request, reply, view.guide.versionId, 'html')) return reply.send();
    return reply.type(HTML).send(guidePage(view));
  });

  app.get('/kiosk/guides/:code', { ...PAGE, schema: { hide: true, params: CodeParams } }, async (request, reply) => {
    const view = await guideView(app.deps, request.params.code);
    if (notModified(request, reply, view.guide.versionId, 'kiosk')) return reply.send();
    return reply.type(HTML).send(kioskPage(view));
  });

  app.get('/guides/:code.pdf', { ...PAGE, schema: { hide: true, params: CodeParams } }, async (request, reply) => {
    const guide = await getGuideInForce(app.deps, request.params.code);
    if (notModified(request, reply, guide.versionId, 'pdf')) return reply.send();
    const pdf = await guidePdf(app.deps, guide);
    return reply.type('application/pdf').header('Content-Disposition', attachmentDisposition(pdf.filename)).send(Buffer.from(pdf.bytes));
  });

  app.get('/guides/:code/qr.svg', { ...PAGE, schema: { hide: true, params: CodeParams } }, async (request, reply) => {
    const guide = await getGuideInForce(app.deps, request.params.code);
    if (notModified(request, reply, guide.versionId, 'qr-svg', 86400)) return reply.send();
    const svg = await qrSvg(guideUrl(app.deps, guide.implementation.code), `${guide.content.itemName} 办事指南二维码`);
    return reply.type('image/svg+xml; charset=utf-8').send(svg);
  });

  app.get('/guides/:code/qr.png', { ...PAGE, schema: { hide: true, params: CodeParams } }, async (request, reply) => {
    const guide = await getGuideInForce(app.deps, request.params.code);
    if (notModified(request, reply, guide.versionId, 'qr-png', 86400)) return reply.send();
    return reply.type('image/png').send(await qrPng(guideUrl(app.deps, guide.implementation.code), 480));
  });

  const assets: [string, ReturnType<typeof staticAsset>][] = [
    ['/assets/portal.css', staticAsset('assets/css/portal.css', 'text/css; charset=utf-8')],
    ['/assets/portal.js', staticAsset('assets/js/portal.js', 'text/javascript; charset=utf-8')],
  ];
  for (const [url, asset] of assets) {
    app.get(url, { ...PAGE, schema: { hide: true } }, async (request, reply) => {
      reply.header('ETag', asset.etag).header('Cache-Control', 'public, max-age=3600');
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.type(asset.type).send(asset.body);
    });
  }
};

/** The open API (开放接口): the same record as JSON, documented in OpenAPI. */
const publicApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/public/guides/:code',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '办事指南（已发布、施行中）Published guide in force',
        description: '同源发布 (Art. 11): the record behind the guide page, PDF, kiosk view and QR code. `date` selects the version in force on that day.',
        params: CodeParams,
        querystring: DateQuery,
        response: { 200: PublicGuideSchema, 304: NotModifiedSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const guide = await getGuideInForce(app.deps, request.params.code, request.query.date);
      if (notModified(request, reply, guide.versionId, 'json')) return reply.send(null);
      return presentGuide(guide, app.deps.config.publicUrl);
    },
  );

  app.get(
    '/api/public/guides',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: '某事项各实施机构的办事指南 Guides of one basic item, by implementing organization',
        querystring: ItemGuidesQuery,
        response: { 200: PublicGuideListSchema, 400: ProblemSchema },
      },
    },
    async (request) => {
      const guides = await listItemGuides(app.deps, request.query.itemCode, request.query.date);
      return { items: guides.map((g) => presentGuideSummary(g, app.deps.config.publicUrl)) };
    },
  );
};

export const portalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(pages);
  await app.register(publicApi);
};
