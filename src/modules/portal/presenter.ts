// The only place a published guide becomes JSON for the open API. A guide holds no personal data:
// phones in it are the offices' public consultation and complaint numbers.
import { ITEM_TYPE_NAMES } from './labels.js';
import type { PublishedGuide } from './queries.js';
import type { PublicGuide, PublicGuideSummary } from './schema.js';

function links(base: string, code: string) {
  const c = encodeURIComponent(code);
  return { html: `${base}/guides/${c}`, pdf: `${base}/guides/${c}.pdf`, qr: `${base}/guides/${c}/qr.svg`, kiosk: `${base}/kiosk/guides/${c}` };
}

export function presentGuideSummary(g: PublishedGuide, publicUrl: string): PublicGuideSummary {
  return {
    itemCode: g.item.code,
    itemName: g.content.itemName,
    itemType: g.item.type,
    itemTypeName: ITEM_TYPE_NAMES[g.item.type],
    implementationCode: g.implementation.code,
    level: g.implementation.level,
    org: { id: g.org.id, name: g.org.name },
    division: { code: g.division.code, name: g.division.name },
    versionId: g.versionId,
    versionNo: g.versionNo,
    effectiveFrom: g.effectiveFrom,
    links: links(publicUrl, g.implementation.code),
  };
}

export function presentGuide(g: PublishedGuide, publicUrl: string): PublicGuide {
  return { ...presentGuideSummary(g, publicUrl), content: g.content, totals: g.totals };
}
