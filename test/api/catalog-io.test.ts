// Catalog import/export over HTTP: round trips through JSON and xlsx, every bad row reported by
// sheet/row/column with nothing written, malformed files refused naming "file", CPSV-AP JSON-LD.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from '../helpers.js';
import { guideContent, makeGuide, makeImplementation, makeItem } from '../factories.js';
import { catalogState, catalogWorld, type CatalogWorld } from './catalog-world.js';
import { importCatalog, readCatalogFile } from '../../src/modules/catalog-io/service.js';

let t: TestApp;
let w: CatalogWorld;

/** A multipart body with one file in the field "file" (or another field name). */
function multipart(fileName: string, body: Buffer | string, field = 'file') {
  const boundary = '----tongban-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(userId: string, fileName: string, body: Buffer | string, query = '') {
  return t.injectAs(userId, { method: 'POST', url: `/api/catalog/import${query}`, ...multipart(fileName, body) });
}

/** Polls the job until it has finished. */
async function finished(userId: string, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const res = await t.injectAs(userId, { method: 'GET', url: `/api/catalog/import/${jobId}` });
    expect(res.statusCode).toBe(200);
    const job = res.json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

async function importFile(fileName: string, body: Buffer | string, query = '') {
  const res = await upload(w.users.admin, fileName, body, query);
  expect(res.statusCode, res.body).toBe(202);
  return finished(w.users.admin, res.json().jobId);
}

async function exportAs(format: 'json' | 'xlsx' | 'jsonld', userId?: string) {
  const req = { method: 'GET' as const, url: `/api/catalog/export?format=${format}` };
  return userId ? t.injectAs(userId, req) : t.app.inject(req);
}

/** Copies divisions and organizations into another database, so its import finds the same orgs. */
async function cloneOrgs(from: Database, to: Database) {
  await to.insertInto('divisions').values(await from.selectFrom('divisions').selectAll().execute()).execute();
  const orgs = await from.selectFrom('orgs').selectAll().orderBy('path').execute();
  for (const o of orgs) await to.insertInto('orgs').values(o).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  w = await catalogWorld(t.db);
  // A main item with a sub-item, a second item, guides at a league and a county department,
  // and an implementation entry with no published guide yet.
  const main = await makeItem(t.db, { name: '食品经营许可', legalBasis: ['《中华人民共和国食品安全法》第三十五条'] });
  const sub = await makeItem(t.db, { parentId: main.id, name: '食品经营许可证核发（新办）' });
  const other = await makeItem(t.db, { name: '户外广告设施设置审批', type: 'licensing', legalLimitDays: 15 });
  const subLeague = await makeImplementation(t.db, { itemId: sub.id, orgId: w.orgs.dept.id });
  const subCounty = await makeImplementation(t.db, { itemId: sub.id, orgId: w.orgs.countyDept.id });
  const otherLeague = await makeImplementation(t.db, { itemId: other.id, orgId: w.orgs.dept.id });
  await makeImplementation(t.db, { itemId: main.id, orgId: w.orgs.dept.id });
  await makeGuide(t.db, { implementationId: subLeague.id });
  await makeGuide(t.db, { implementationId: subCounty.id, effectiveFrom: '2024-03-01' });
  // Content with separators and line breaks that the xlsx cells must carry exactly.
  const tricky = guideContent({
    itemName: '户外广告设施设置审批',
    implementingBody: w.orgs.dept.name,
    acceptanceConditions: ['申请人具有完全民事行为能力', '设置地点符合规划｜第二行\n含换行'],
    fees: { charged: true, items: [{ name: '工本费', amountYuan: 12.5, basis: '《收费标准》第三条' }], basis: '按标准收费' },
    situations: [{ id: 'new', name: '新办', materialIds: ['m1', 'm2'] }],
    consultation: { phone: '0482-8218120', other: '政务服务网在线咨询' },
  });
  await makeGuide(t.db, { implementationId: otherLeague.id, content: tricky });
});
afterAll(async () => t?.close());

describe('catalog export', () => {
  it('exports the published catalog as JSON without signing in, as an attachment', async () => {
    const res = await exportAs('json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tongban-catalog-\d{8}\.json"$/);
    const doc = res.json();
    expect(doc).toMatchObject({ format: 'tongban-catalog', version: 1 });
    expect(doc.items).toHaveLength(3);
    const sub = doc.items.find((i: { parentCode?: string }) => i.parentCode);
    expect(sub.implementations).toHaveLength(2);
    expect(sub.implementations.every((m: { guide?: unknown }) => m.guide)).toBe(true);
    const main = doc.items.find((i: { code: string }) => i.code === sub.parentCode);
    expect(main.implementations[0].guide).toBeUndefined();
  });

  it('gives the xlsx editing copy only to catalog staff', async () => {
    expect((await exportAs('xlsx')).statusCode).toBe(401);
    expect((await exportAs('xlsx', w.users.clerk)).statusCode).toBe(403);
    const res = await exportAs('xlsx', w.users.admin);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['事项', '实施清单', '材料', '流程']);
    expect(wb.getWorksheet('事项')!.getRow(1).getCell(2).value).toBe('事项名称(name)');
  });

  it('exports CPSV-AP JSON-LD where every service names its authority, inputs, costs and time', async () => {
    const res = await exportAs('jsonld');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const doc = JSON.parse(res.body);
    expect(doc['@context']).toMatchObject({ cpsv: 'http://purl.org/vocab/cpsv#', dct: 'http://purl.org/dc/terms/', cv: 'http://data.europa.eu/m8g/', adms: 'http://www.w3.org/ns/adms#' });
    const services = doc['@graph'].filter((n: { '@type': string }) => n['@type'] === 'cpsv:PublicService');
    const orgs = new Map(doc['@graph'].filter((n: { '@type': string }) => n['@type'] === 'cv:PublicOrganisation').map((n: { '@id': string }) => [n['@id'], n]));
    expect(services).toHaveLength(4);
    for (const s of services) {
      for (const p of ['dct:identifier', 'dct:title', 'dct:description', 'dct:type', 'cv:hasCompetentAuthority', 'cv:hasLegalResource']) expect(s, p).toHaveProperty([p]);
      const org = orgs.get(s['cv:hasCompetentAuthority']['@id']) as Record<string, any>;
      expect(org['adms:identifier']['skos:notation']).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      expect(org['dct:spatial']['dct:identifier']).toMatch(/^15/);
    }
    const withGuide = services.filter((s: Record<string, unknown>) => s['cpsv:hasInput']);
    expect(withGuide).toHaveLength(3);
    for (const s of withGuide) {
      for (const p of ['cv:hasCost', 'cv:hasChannel', 'cv:contactPoint', 'cpsv:produces']) expect(s, p).toHaveProperty([p]);
      expect(s['cv:processingTime']).toEqual({ '@value': 'P10D', '@type': 'xsd:duration' });
      expect(s['cpsv:hasInput'][0]['@type']).toBe('cv:Evidence');
      expect(s['cpsv:produces']['@type']).toBe('cv:Output');
    }
    const fee = withGuide.flatMap((s: Record<string, any>) => s['cv:hasCost']).find((c: Record<string, any>) => c['cv:value']['@value'] === 12.5);
    expect(fee['cv:currency']['@id']).toMatch(/currency\/CNY$/);
  });
});

describe('catalog import round trips', () => {
  let other: TestDatabase;
  beforeAll(async () => {
    other = await createTestDatabase();
    await cloneOrgs(t.db, other.db);
  });
  afterAll(async () => other?.dispose());

  const itemsOf = (body: string) => JSON.parse(body).items;

  it('re-importing the JSON export changes nothing', async () => {
    const before = await catalogState(t.db);
    const job = await importFile('catalog.json', (await exportAs('json')).body);
    expect(job).toMatchObject({ status: 'done', errorCount: 0, errors: [] });
    expect(job.counts).toMatchObject({ items: 3, itemsUnchanged: 3, itemsCreated: 0, implementationsCreated: 0, guideVersionsCreated: 0, guidesUnchanged: 3 });
    const after = await catalogState(t.db);
    expect(after.items).toEqual(before.items);
    expect(after.versions).toEqual(before.versions);
  });

  it('JSON export → import into an empty catalog → export gives the same catalog', async () => {
    const first = (await exportAs('json')).body;
    const report = await importCatalog({ db: other.db }, null, await readCatalogFile('c.json', Buffer.from(first)), { fileName: 'c.json' });
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({ itemsCreated: 3, implementationsCreated: 4, guideVersionsCreated: 3 });
    const second = await importCatalog({ db: other.db }, null, await readCatalogFile('c.json', Buffer.from(first)), { fileName: 'c.json' });
    expect(second.counts).toMatchObject({ itemsUnchanged: 3, guideVersionsCreated: 0 });
    const { exportCatalog } = await import('../../src/modules/catalog-io/service.js');
    const again = await exportCatalog({ db: other.db }, undefined, 'json', { publicUrl: 'http://x' });
    expect(itemsOf(again.body.toString())).toEqual(itemsOf(first));
  });

  it('xlsx export → import → export gives exactly the same catalog', async () => {
    const xlsx = (await exportAs('xlsx', w.users.admin)).rawPayload;
    const job = await importFile('catalog.xlsx', xlsx);
    expect(job).toMatchObject({ status: 'done', format: 'xlsx', errorCount: 0 });
    expect(job.counts).toMatchObject({ itemsUnchanged: 3, guideVersionsCreated: 0, guidesUnchanged: 3 });
    // And into a database that has none of it: the JSON of both catalogs is identical.
    const fresh = await createTestDatabase();
    try {
      await cloneOrgs(t.db, fresh.db);
      const report = await importCatalog({ db: fresh.db }, null, await readCatalogFile('c.xlsx', Buffer.from(xlsx)), { fileName: 'c.xlsx' });
      expect(report.errors).toEqual([]);
      const { exportCatalog } = await import('../../src/modules/catalog-io/service.js');
      const again = await exportCatalog({ db: fresh.db }, undefined, 'json', { publicUrl: 'http://x' });
      expect(itemsOf(again.body.toString())).toEqual(itemsOf((await exportAs('json')).body));
    } finally {
      await fresh.dispose();
    }
  });

  it('publishes a new version only for a changed guide and records one audit entry with counts', async () => {
    const doc = JSON.parse((await exportAs('json')).body);
    const impl = doc.items.find((i: { parentCode?: string }) => i.parentCode).implementations[0];
    impl.guide.promisedLimit.days = 12;
    delete impl.effectiveFrom;
    const job = await importFile('changed.json', JSON.stringify(doc));
    expect(job.counts).toMatchObject({ guideVersionsCreated: 1, guidesUnchanged: 2 });
    const versions = await t.db.selectFrom('guide_versions as v').innerJoin('implementations as im', 'im.id', 'v.implementation_id').select(['v.version_no', 'v.status', 'v.content']).where('im.code', '=', impl.code).orderBy('v.version_no').execute();
    expect(versions.map((v) => [v.version_no, v.status])).toEqual([[1, 'published'], [2, 'published']]);
    expect(versions[1].content.promisedLimit.days).toBe(12);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'catalog.import').where('object_id', '=', job.jobId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).toMatchObject({ fileName: 'changed.json', counts: { guideVersionsCreated: 1 } });
    const exported = JSON.parse((await exportAs('json')).body);
    expect(exported.items.find((i: { parentCode?: string }) => i.parentCode).implementations[0].guide.promisedLimit.days).toBe(12);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const doc = JSON.parse((await exportAs('json')).body);
    doc.items.push({ code: '0100900000', name: '新增测试事项', type: 'licensing', legalBasis: ['《行政许可法》'], implementations: [] });
    const before = await catalogState(t.db);
    const job = await importFile('dry.json', JSON.stringify(doc), '?dryRun=true');
    expect(job).toMatchObject({ status: 'done', dryRun: true });
    expect(job.counts).toMatchObject({ itemsCreated: 1, itemsUnchanged: 3 });
    expect(await catalogState(t.db)).toEqual(before);
  });
});

describe('catalog import errors', () => {
  it('reports every bad xlsx row by sheet, row and column and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportAs('xlsx', w.users.admin)).rawPayload as unknown as ArrayBuffer);
    const col = (sheet: string, key: string) => {
      const ws = wb.getWorksheet(sheet)!;
      let n = 0;
      ws.getRow(1).eachCell((c, i) => {
        if (String(c.value).endsWith(`(${key})`)) n = i;
      });
      return (row: number) => ws.getRow(row).getCell(n);
    };
    col('事项', 'name')(2).value = null; // required name missing
    col('事项', 'type')(3).value = '行政审批'; // not an Art. 6 type
    col('实施清单', 'orgCode')(2).value = 'NO-SUCH-ORG';
    col('实施清单', 'promisedLimit.days')(3).value = '十天';
    col('材料', 'legalBasis')(2).value = null; // lint: a material without legal basis
    col('流程', 'materialIds')(3).value = 'ghost';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await catalogState(t.db);
    const job = await importFile('bad.xlsx', bad);
    expect(job.status).toBe('failed');
    const at = job.errors.map((e: { sheet: string; row: number; column: string }) => `${e.sheet}!${e.row}!${e.column}`);
    expect(at).toEqual(
      expect.arrayContaining([
        '事项!2!事项名称(name)',
        '事项!3!事项类型(type)',
        '实施清单!2!实施机构代码(orgCode)',
        '实施清单!3!承诺办结时限(promisedLimit.days)',
        '材料!2!设定依据(legalBasis)',
        '流程!3!使用材料(materialIds)',
      ]),
    );
    expect(job.errors.every((e: { message: string }) => /[\u4e00-\u9fa5].*\(.+\)/s.test(e.message))).toBe(true);
    expect(job.counts).toBeNull();
    expect(await catalogState(t.db)).toEqual(before);
  });

  it('reports JSON problems by item index path and field path', async () => {
    const doc = JSON.parse((await exportAs('json')).body);
    doc.items[1].type = 'public-service'; // the code says licensing (01)
    doc.items.push({ ...structuredClone(doc.items[2]), implementations: [] });
    const impl = doc.items[2].implementations[0];
    impl.guide.materials[0].name = '其他相关材料';
    impl.code = `${impl.code.slice(0, 10)}9${impl.code.slice(11)}`;
    const before = await catalogState(t.db);
    const job = await importFile('bad.json', JSON.stringify(doc));
    expect(job.status).toBe('failed');
    const find = (row: string, column: string) => job.errors.find((e: { row: string; column: string }) => e.row === row && e.column === column);
    expect(find('items[1]', 'code')?.code).toBe('item-code-type-mismatch');
    expect(find('items[3]', 'code')?.code).toBe('duplicate-item-code');
    expect(find('items[2].implementations[0]', 'guide.materials.0.name')?.code).toBe('catch-all-material-wording');
    expect(find('items[2].implementations[0]', 'code')).toBeTruthy();
    expect(await catalogState(t.db)).toEqual(before);
  });

  it('refuses an organization outside the importer’s scope', async () => {
    const doc = JSON.parse((await exportAs('json')).body);
    const res = await upload(w.users.countyAdmin, 'scope.json', JSON.stringify(doc));
    const job = await finished(w.users.countyAdmin, res.json().jobId);
    expect(job.errors.map((e: { code: string }) => e.code)).toContain('org-out-of-scope');
  });

  it('refuses malformed files with problem+json naming the field "file"', async () => {
    const cases: [string, Buffer | string, number, string][] = [
      ['broken.json', '{"format": "tongban-catalog", ', 400, 'malformed-file'],
      ['other.json', JSON.stringify({ format: 'something-else', items: [] }), 400, 'unsupported-format'],
      ['v2.json', JSON.stringify({ format: 'tongban-catalog', version: 2, items: [] }), 400, 'unsupported-version'],
      ['fake.xlsx', 'this is not a workbook', 400, 'malformed-file'],
      ['notes.txt', 'hello', 415, 'unsupported-file-type'],
      ['big.json', Buffer.alloc(20 * 1024 * 1024 + 10, 0x20), 413, 'file-too-large'],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await upload(w.users.admin, name, body);
      expect(res.statusCode, name).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code, invalidParams: [{ name: 'file' }] });
    }
    const wrongField = await t.injectAs(w.users.admin, { method: 'POST', url: '/api/catalog/import', ...multipart('a.json', '{}', 'upload') });
    expect(wrongField.json()).toMatchObject({ status: 400, invalidParams: [{ name: 'file' }] });
    const notMultipart = await t.injectAs(w.users.admin, { method: 'POST', url: '/api/catalog/import', payload: { items: [] } });
    expect(notMultipart.statusCode).toBe(415);
    expect(notMultipart.json().invalidParams[0].name).toBe('file');
    const noWorkbookSheet = new ExcelJS.Workbook();
    noWorkbookSheet.addWorksheet('Sheet1');
    const res = await upload(w.users.admin, 'empty.xlsx', Buffer.from(await noWorkbookSheet.xlsx.writeBuffer()));
    expect(res.json()).toMatchObject({ code: 'unsupported-format', invalidParams: [{ name: 'file' }] });
  });

  it('lets only catalog staff import and see jobs', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/catalog/import', ...multipart('a.json', '{}') })).statusCode).toBe(401);
    expect((await upload(w.users.clerk, 'a.json', '{}')).statusCode).toBe(403);
    const missing = await t.injectAs(w.users.admin, { method: 'GET', url: '/api/catalog/import/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
  });
});
