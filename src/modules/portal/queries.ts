// The one loader of the portal (同源发布, Art. 11): the published guide version in force on a
// date, with its implementation, item, organization and division. The HTML page, the kiosk view,
// the PDF, the QR code and the open JSON API all read this same row.
import type { Kysely } from 'kysely';
import type { DB, ItemType, Level } from '../../db/schema.js';
import type { GuideContent, GuideTotals } from '../catalog/guide-content.js';
import { inForceFirst } from '../catalog/queries.js';

export interface PublishedGuide {
  versionId: string;
  versionNo: number;
  effectiveFrom: string;
  publishedAt: Date | null;
  changeReason: string;
  content: GuideContent;
  totals: GuideTotals;
  implementation: { id: string; code: string; level: Level; active: boolean };
  item: { id: string; code: string; name: string; type: ItemType };
  org: { id: string; name: string; phone: string | null; address: string | null };
  division: { code: string; name: string };
}

/** Guide versions joined with what a citizen needs to see around them; callers keep the one in force. */
function versionsWithContext(db: Kysely<DB>) {
  return db
    .selectFrom('guide_versions as gv')
    .innerJoin('implementations as i', 'i.id', 'gv.implementation_id')
    .innerJoin('catalog_items as ci', 'ci.id', 'i.item_id')
    .innerJoin('orgs as o', 'o.id', 'i.org_id')
    .leftJoin('divisions as d', 'd.code', 'o.division_code')
    .select([
      'gv.id as version_id',
      'gv.version_no',
      'gv.effective_from',
      'gv.published_at',
      'gv.change_reason',
      'gv.content',
      'gv.totals',
      'i.id as implementation_id',
      'i.code as implementation_code',
      'i.level',
      'i.status as implementation_status',
      'ci.id as item_id',
      'ci.code as item_code',
      'ci.name as item_name',
      'ci.type as item_type',
      'o.id as org_id',
      'o.name as org_name',
      'o.phone as org_phone',
      'o.address as org_address',
      'o.division_code',
      'd.name as division_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof versionsWithContext>['executeTakeFirstOrThrow']>>;

function toPublishedGuide(r: Row): PublishedGuide {
  return {
    versionId: r.version_id,
    versionNo: r.version_no,
    effectiveFrom: r.effective_from!,
    publishedAt: r.published_at,
    changeReason: r.change_reason,
    content: r.content,
    totals: r.totals,
    implementation: { id: r.implementation_id, code: r.implementation_code, level: r.level, active: r.implementation_status === 'active' },
    item: { id: r.item_id, code: r.item_code, name: r.item_name, type: r.item_type },
    org: { id: r.org_id, name: r.org_name, phone: r.org_phone, address: r.org_address },
    division: { code: r.division_code, name: r.division_name ?? r.division_code },
  };
}

/** The version of one implementation (实施编码) in force on `onDate` (YYYY-MM-DD), if any. */
export async function findGuideInForce(db: Kysely<DB>, implementationCode: string, onDate: string): Promise<PublishedGuide | undefined> {
  const row = await versionsWithContext(db)
    .where('i.code', '=', implementationCode)
    .$call(inForceFirst(onDate))
    .limit(1)
    .executeTakeFirst();
  return row ? toPublishedGuide(row) : undefined;
}

/** Every active implementation of a basic item (基本编码) with its version in force on `onDate`. */
export async function listGuidesOfItem(db: Kysely<DB>, itemCode: string, onDate: string): Promise<PublishedGuide[]> {
  const rows = await versionsWithContext(db)
    .where('ci.code', '=', itemCode)
    .where('i.status', '=', 'active')
    .distinctOn('i.id')
    .orderBy('i.id')
    .$call(inForceFirst(onDate))
    .execute();
  return rows.map(toPublishedGuide).sort((a, b) => a.implementation.code.localeCompare(b.implementation.code));
}

/** The league's counties (旗县市), the region filters of the portal home. */
export async function listCounties(db: Kysely<DB>, parentCode: string): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('divisions').select(['code', 'name']).where('level', '=', 'county').where('parent_code', '=', parentCode).orderBy('code').execute();
}
