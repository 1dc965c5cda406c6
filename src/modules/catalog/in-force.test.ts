// The version in force (现行版本): the admin catalog, the portal a citizen reads, search and the
// export must all name the same version of an entry on the same day, ties and boundaries included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { guideContent, makeGuide, makeImplementation, makeItem } from '../../../test/factories.js';
import { loadExportData } from '../catalog-io/export-data.js';
import { findGuideInForce, listGuidesOfItem } from '../portal/queries.js';
import { documentSources, implementationIdsInForce } from '../search/queries.js';
import { versionsInForce } from './queries.js';

let t: TestDatabase;
let item: { id: string; code: string };
let entry: { id: string; code: string };
let futureOnly: { id: string; code: string };
const version = {} as Record<'first' | 'june' | 'juneLater' | 'future' | 'draft', string>;

/** Each version's content carries its own name in the acceptance conditions, to tell them apart. */
const guide = async (implementationId: string, name: keyof typeof version, effectiveFrom: string, status: 'published' | 'draft' = 'published') => {
  version[name] = (await makeGuide(t.db, { implementationId, effectiveFrom, status, content: guideContent({ acceptanceConditions: [name] }) })).id;
};

beforeAll(async () => {
  t = await createTestDatabase();
  item = await makeItem(t.db, { name: '食品经营许可' });
  entry = await makeImplementation(t.db, { itemId: item.id });
  futureOnly = await makeImplementation(t.db, { itemId: item.id });
  await guide(entry.id, 'first', '2024-01-01');
  await guide(entry.id, 'june', '2025-06-01');
  await guide(entry.id, 'juneLater', '2025-06-01');
  await guide(entry.id, 'future', '2099-01-01');
  await guide(entry.id, 'draft', '2025-01-01', 'draft');
  await makeGuide(t.db, { implementationId: futureOnly.id, effectiveFrom: '2099-01-01' });
});

afterAll(() => t.dispose());

/** The version each reader names for `entry` on `day`, reader by reader. */
async function namedOn(day: string) {
  const exported = await loadExportData(t.db, day, new Date());
  const exportedGuide = exported.doc.items.flatMap((i) => i.implementations).find((i) => i.code === entry.code)?.guide;
  return {
    catalog: (await versionsInForce(t.db, [entry.id], day)).get(entry.id)?.id,
    portal: (await findGuideInForce(t.db, entry.code, day))?.versionId,
    portalList: (await listGuidesOfItem(t.db, item.code, day)).find((g) => g.implementation.id === entry.id)?.versionId,
    search: (await documentSources(t.db, day, [entry.id]))[0]?.guideVersionId,
    export: exportedGuide ? version[exportedGuide.acceptanceConditions[0] as keyof typeof version] : undefined,
  };
}

const everywhere = (id: string | undefined) => ({ catalog: id, portal: id, portalList: id, search: id, export: id });

describe('the version in force on a day', () => {
  it('is the latest published version that has taken effect, never a draft', async () => {
    expect(await namedOn('2025-05-31')).toEqual(everywhere(version.first));
  });

  it('takes effect on its effective date itself, and of two effective the same day the higher number wins', async () => {
    expect(await namedOn('2025-06-01')).toEqual(everywhere(version.juneLater));
  });

  it('is none before the first version takes effect, and an entry whose only version is in the future is not searchable', async () => {
    expect(await namedOn('2023-12-31')).toEqual(everywhere(undefined));
    expect(await implementationIdsInForce(t.db, '2030-01-01')).toEqual([entry.id]);
    expect((await versionsInForce(t.db, [entry.id, futureOnly.id], '2030-01-01')).has(futureOnly.id)).toBe(false);
  });
});
