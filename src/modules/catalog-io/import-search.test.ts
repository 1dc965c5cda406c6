// An import is findable the moment it is reported done: the search documents of every entry it
// touched are written in the import's own transaction (decision 0007), in bulk for a large file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { guideContent, makeGuide, makeImplementation, makeImplementingOrg, makeItem } from '../../../test/factories.js';
import { basicCode } from '../catalog/codes.js';
import { refreshSearchIndex, searchGuides } from '../search/service.js';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeDocument } from './exchange.js';
import { importCatalog, readCatalogFile } from './service.js';

let t: TestDatabase;
let org: { creditCode: string; name: string };

beforeAll(async () => {
  t = await createTestDatabase();
  const made = await makeImplementingOrg(t.db, { name: '兴安盟林业和草原局' });
  org = { creditCode: made.creditCode!, name: made.name };
});
afterAll(async () => t?.dispose());

interface FileItem {
  number: number;
  name: string;
  effectiveFrom?: string;
}

async function importItems(items: FileItem[]) {
  const doc: ExchangeDocument = {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    items: items.map((item) => ({
      code: basicCode('licensing', item.number),
      name: item.name,
      type: 'licensing',
      legalBasis: ['《中华人民共和国行政许可法》第二十九条'],
      legalLimitDays: 20,
      implementations: [{ orgCreditCode: org.creditCode, effectiveFrom: item.effectiveFrom ?? '2025-01-01', guide: guideContent({ itemName: item.name, implementingBody: org.name }) }],
    })),
  };
  const report = await importCatalog({ db: t.db }, null, await readCatalogFile('catalog.json', Buffer.from(JSON.stringify(doc))), { fileName: 'catalog.json' });
  expect(report.ok, JSON.stringify(report.errors.slice(0, 3))).toBe(true);
  return report;
}

const namesFound = async (q: string) => (await searchGuides(t.db, { q, limit: 50 })).rows.map((r) => r.item_name);

describe('search after a catalog import', () => {
  it('finds the imported items by name and by pinyin initials as soon as the import returns', async () => {
    const report = await importItems([{ number: 101, name: '林草种子生产经营许可' }]);
    expect(report.searchDocuments).toBe(1);
    expect(await namesFound('种子生产')).toEqual(['林草种子生产经营许可']);
    expect(await namesFound('lczzscjyxk')).toEqual(['林草种子生产经营许可']);
  });

  it('follows a renamed guide in the next import, keeping one document per entry', async () => {
    await importItems([{ number: 102, name: '野生植物采集许可' }]);
    await importItems([{ number: 102, name: '重点保护野生植物采集许可' }]);
    // One entry, one document: the old name is gone, not listed beside the new one.
    expect(await namesFound('野生植物采集许可')).toEqual(['重点保护野生植物采集许可']);
    expect(await namesFound('zdbhyszw')).toEqual(['重点保护野生植物采集许可']);
  });

  it('does not list a guide that takes effect after today', async () => {
    const report = await importItems([{ number: 103, name: '草原征占用审核', effectiveFrom: '2999-01-01' }]);
    expect(report.counts?.guideVersionsCreated).toBe(1);
    expect(report.searchDocuments).toBe(0);
    expect(await namesFound('草原征占用')).toEqual([]);
  });

  it('a large import (indexes rebuilt in bulk) leaves earlier guides findable and adds every new one', async () => {
    const item = await makeItem(t.db, { name: '森林植物检疫证书核发' });
    const impl = await makeImplementation(t.db, { itemId: item.id });
    await makeGuide(t.db, { implementationId: impl.id, content: guideContent({ itemName: item.name }) });
    await refreshSearchIndex(t.db, impl.id);
    const items = Array.from({ length: 2100 }, (_, i) => ({ number: 1000 + i, name: `林地使用审批${i + 1}号` }));
    const report = await importItems(items);
    expect(report.searchDocuments).toBe(2100);
    expect(await namesFound('森林植物检疫')).toEqual(['森林植物检疫证书核发']);
    expect((await namesFound('林地使用审批1234号'))[0]).toBe('林地使用审批1234号');
    expect((await searchGuides(t.db, { q: 'ldsysp' })).total).toBe(2100);
  });
});
