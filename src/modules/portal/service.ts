// The portal's services (办事大厅): every view of a guide comes from findGuideInForce, the one
// loader of the published record (同源发布, Art. 11). Public: no actor, no writes.
import QRCode from 'qrcode';
import type { AppDeps } from '../../app.js';
import { badRequest, DomainError, notFound } from '../../http/errors.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { searchGuides } from '../search/service.js';
import { renderGuidePdf } from './guide-pdf.js';
import { escapeHtml } from './html.js';
import type { SearchPageQuery } from './schema.js';
import type { SearchHitView } from './views/search.js';
import { findGuideInForce, listCounties, listGuidesOfItem, type PublishedGuide } from './queries.js';

export type { PublishedGuide };

/** The league whose counties the portal lists (兴安盟). */
export const LEAGUE_DIVISION = '1522';

/** Today's date in China (Asia/Shanghai): a guide takes effect on a Chinese calendar day. */
export const todayInChina = shanghaiDate;

/** A YYYY-MM-DD query value that is a real calendar date, or today when absent. */
export function dateOrToday(date: string | undefined, field = 'querystring.date'): string {
  if (date === undefined || date === '') return todayInChina();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== date) {
    throw badRequest('invalid-date', `日期格式应为 YYYY-MM-DD 且为有效日期 (date must be a valid YYYY-MM-DD): ${field}`, [{ name: field, reason: '不是有效日期 (not a valid date)' }]);
  }
  return date;
}

/** The guide of an implementation code (实施编码) in force on the date (default today). */
export async function getGuideInForce(deps: AppDeps, code: string, date?: string): Promise<PublishedGuide> {
  const onDate = dateOrToday(date);
  const guide = await findGuideInForce(deps.db, code, onDate);
  // Today's views show only active entries; a date query may look up a retired one's history.
  if (!guide || (date === undefined && !guide.implementation.active)) {
    throw notFound('guide-not-found', `没有找到该事项在 ${onDate} 施行的办事指南 (no published guide for ${code} in force on ${onDate})`);
  }
  return guide;
}

/** Every organization's guide for a basic item (基本编码), as in force on the date. */
export async function listItemGuides(deps: AppDeps, itemCode: string, date?: string): Promise<PublishedGuide[]> {
  return listGuidesOfItem(deps.db, itemCode, dateOrToday(date));
}

export async function counties(deps: AppDeps) {
  return listCounties(deps.db, LEAGUE_DIVISION);
}

/** The address a guide's QR code opens: the public page, under PUBLIC_URL. */
export function guideUrl(deps: AppDeps, code: string): string {
  return `${deps.config.publicUrl}/guides/${encodeURIComponent(code)}`;
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A standalone SVG QR code; `label` becomes its accessible name. */
export async function qrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" `);
}

export async function qrPng(url: string, width = 240): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width });
}

/** What the guide page and kiosk view render: the record, its address and its QR code. */
export async function guideView(deps: AppDeps, code: string) {
  const guide = await getGuideInForce(deps, code);
  const url = guideUrl(deps, guide.implementation.code);
  return { guide, url, qrSvg: await qrSvg(url, `二维码：在手机上打开 ${guide.content.itemName} 办事指南`) };
}

// Rendered PDFs by version id: a published version never changes, and subsetting the font is
// the slow part. Bounded so a crawl over every guide cannot hold them all.
const pdfCache = new Map<string, Uint8Array>();
const PDF_CACHE_SIZE = 32;

/** The A4 PDF of the guide with its download name (事项名称-办事指南.pdf). */
export async function guidePdf(deps: AppDeps, guide: PublishedGuide): Promise<{ bytes: Uint8Array; filename: string }> {
  const url = guideUrl(deps, guide.implementation.code);
  const key = `${guide.versionId}|${url}`;
  let bytes = pdfCache.get(key);
  if (!bytes) {
    bytes = await renderGuidePdf(guide, url, await qrPng(url, 300));
    if (pdfCache.size >= PDF_CACHE_SIZE) pdfCache.delete(pdfCache.keys().next().value!);
    pdfCache.set(key, bytes);
  }
  return { bytes, filename: `${guide.content.itemName}-办事指南-第${guide.versionNo}版.pdf` };
}

export interface PortalSearchResult {
  hits: SearchHitView[] | null;
  total: number;
  nextCursor?: string | null;
  notice?: string;
}

/**
 * The search page's results from the search module (searchGuides); an empty query with no
 * filter shows only the form. Text with nothing searchable gets a hint, not an error page.
 */
export async function portalSearch(deps: AppDeps, query: SearchPageQuery): Promise<PortalSearchResult> {
  const q = query.q?.trim() ?? '';
  const type = query.type || undefined;
  if (!q && !query.division && !type && !query.orgId) return { hits: null, total: 0 };
  try {
    const found = await searchGuides(deps.db, { q, division: query.division || undefined, orgId: query.orgId || undefined, type, limit: 20, cursor: query.cursor });
    const hits = found.rows.map((r) => ({ implementationCode: r.implementation_code, itemName: r.item_name, subItemName: r.sub_item_name, orgName: r.org_name, divisionName: r.division_name, itemType: r.item_type }));
    return { hits, total: found.total, nextCursor: found.nextCursor };
  } catch (error) {
    if (error instanceof DomainError && error.status === 400) return { hits: [], total: 0, notice: '请输入要查找的事项名称、拼音或编码。' };
    throw error;
  }
}
