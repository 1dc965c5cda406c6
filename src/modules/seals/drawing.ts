// The seal's image, drawn by the platform (not a stored picture): a round red seal with the
// organization's name around the top, a five-pointed star in the middle and the seal's kind
// underneath, the way a Chinese official seal (公章) is cut.
//
// Geometry lives in a 200 × 200 box (SVG coordinates, y down, centre 100,100). The characters are
// the outlines of the platform's CJK font (assets/fonts/wqy-microhei.ttf) turned into vector paths,
// so the SVG looks the same in every browser and the PDF carries the seal as paths — not as text
// (a seal's characters must not mix into the document's extracted text).
// One drawing per (name, kind) is computed once and cached: sealing a document only replays it.
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFPage } from 'pdf-lib';
import { cjkFontBytes } from '../../lib/pdf.js';
import type { SealKind } from './rules.js';

export const SEAL_BOX = 200;
const CENTER = SEAL_BOX / 2;
/** Outer ring: radius and stroke width in box units (a 42 mm seal has a ~1.2 mm rim). */
const RING_RADIUS = 94;
const RING_WIDTH = 6;
const STAR_RADIUS = 30;
/** The font is a light sans; a thin outline in the same red gives the strokes a seal's weight. */
const TEXT_WEIGHT = 1.1;
export const SEAL_RED = { r: 0.84, g: 0.04, b: 0.06 };
const SEAL_RED_HEX = '#d60a0f';

export interface SealDrawing {
  /** The five-pointed star, SVG path data in box units. */
  star: string;
  /** The name around the top and the kind underneath, as glyph outlines (SVG path data). */
  text: string;
  /** The whole seal as a PDF form XObject's content (PDF operators, box units, y up), deflated. */
  pdfForm: Uint8Array;
}

/** One path in both notations: SVG path data (y down) and PDF path operators (same coordinates). */
interface DualPath {
  svg: string;
  pdf: string;
}

type Font = ReturnType<typeof fontkit.create>;
interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

let font: Font | null = null;
let glyphMiddle = 0;

/** The CJK font, parsed once per process (its outlines give the seal's characters). */
function sealFont(): Font {
  if (!font) {
    font = fontkit.create(cjkFontBytes());
    // The vertical middle of an ideograph in font units: the characters sit on the arc by it.
    const ref = font.glyphForCodePoint('国'.codePointAt(0)!).bbox;
    glyphMiddle = (ref.minY + ref.maxY) / 2;
  }
  return font;
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/**
 * One character's outline, `em` box units per em, horizontally squeezed by `squeeze`, its centre
 * placed at (cx, cy) and turned by `angle` radians (clockwise, 0 = upright). PDF has no quadratic
 * curves: those (TrueType outlines) become the equivalent cubic ones.
 */
function glyphPath(ch: string, em: number, squeeze: number, cx: number, cy: number, angle: number): DualPath {
  const f = sealFont();
  const glyph = f.glyphForCodePoint(ch.codePointAt(0)!);
  const s = em / f.unitsPerEm;
  const midX = glyph.advanceWidth / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const map = (x: number, y: number): [number, number] => {
    // Font units are y-up; the box is y-down.
    const u = (x - midX) * s * squeeze;
    const v = -(y - glyphMiddle) * s;
    return [cx + u * cos - v * sin, cy + u * sin + v * cos];
  };
  const pt = (p: [number, number]) => `${fmt(p[0])} ${fmt(p[1])}`;
  let svg = '';
  let pdf = '';
  let current: [number, number] = [0, 0];
  let start: [number, number] = [0, 0];
  for (const c of (glyph.path as unknown as { commands: PathCommand[] }).commands) {
    const a = c.args;
    switch (c.command) {
      case 'moveTo':
        current = start = map(a[0]!, a[1]!);
        svg += `M${pt(current)}`;
        pdf += `${pt(current)} m\n`;
        break;
      case 'lineTo':
        current = map(a[0]!, a[1]!);
        svg += `L${pt(current)}`;
        pdf += `${pt(current)} l\n`;
        break;
      case 'quadraticCurveTo': {
        const q = map(a[0]!, a[1]!);
        const end = map(a[2]!, a[3]!);
        const c1: [number, number] = [current[0] + (2 / 3) * (q[0] - current[0]), current[1] + (2 / 3) * (q[1] - current[1])];
        const c2: [number, number] = [end[0] + (2 / 3) * (q[0] - end[0]), end[1] + (2 / 3) * (q[1] - end[1])];
        svg += `Q${pt(q)} ${pt(end)}`;
        pdf += `${pt(c1)} ${pt(c2)} ${pt(end)} c\n`;
        current = end;
        break;
      }
      case 'bezierCurveTo': {
        const c1 = map(a[0]!, a[1]!);
        const c2 = map(a[2]!, a[3]!);
        current = map(a[4]!, a[5]!);
        svg += `C${pt(c1)} ${pt(c2)} ${pt(current)}`;
        pdf += `${pt(c1)} ${pt(c2)} ${pt(current)} c\n`;
        break;
      }
      case 'closePath':
        svg += 'Z';
        pdf += 'h\n';
        current = start;
        break;
    }
  }
  return { svg, pdf };
}

const joinPaths = (paths: DualPath[]): DualPath => ({ svg: paths.map((p) => p.svg).join(''), pdf: paths.map((p) => p.pdf).join('') });

function advance(ch: string, em: number): number {
  const f = sealFont();
  return (f.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / f.unitsPerEm) * em;
}

/** The five-pointed star, point up, centred in the box. */
function starPath(cx: number, cy: number, outer: number): DualPath {
  const inner = outer * 0.381966; // the regular pentagram's ratio
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${fmt(cx + r * Math.cos(a))} ${fmt(cy + r * Math.sin(a))}`);
  }
  return { svg: `M${points.join('L')}Z`, pdf: `${points[0]} m\n${points.slice(1).map((p) => `${p} l\n`).join('')}h\n` };
}

/** A circle as four cubic arcs (PDF has no circle operator). */
function circlePdf(cx: number, cy: number, r: number): string {
  const k = 0.5522847498 * r;
  const p = (x: number, y: number) => `${fmt(x)} ${fmt(y)}`;
  return [
    `${p(cx + r, cy)} m`,
    `${p(cx + r, cy + k)} ${p(cx + k, cy + r)} ${p(cx, cy + r)} c`,
    `${p(cx - k, cy + r)} ${p(cx - r, cy + k)} ${p(cx - r, cy)} c`,
    `${p(cx - r, cy - k)} ${p(cx - k, cy - r)} ${p(cx, cy - r)} c`,
    `${p(cx + k, cy - r)} ${p(cx + r, cy - k)} ${p(cx + r, cy)} c`,
    'h',
  ].join('\n');
}

/** The name around the top: upright characters facing outward, spread over at most 250°. */
function arcText(name: string): DualPath {
  const chars = [...name];
  const n = chars.length;
  const em = n <= 10 ? 30 : Math.max(22, 30 - (n - 10) * 0.9);
  const radius = RING_RADIUS - RING_WIDTH / 2 - 3 - em / 2;
  const naturalStep = (em * 1.02) / radius; // radians between neighbouring characters
  // A short name is spaced out over a wider arc, as seals are cut; a long one is squeezed into 250°.
  const degrees = Math.PI / 180;
  const minSpan = Math.min(150 * degrees, (n - 1) * 45 * degrees);
  const span = Math.min(250 * degrees, Math.max(minSpan, (n - 1) * naturalStep));
  const step = n > 1 ? span / (n - 1) : 0;
  const squeeze = Math.min(1, (step * radius) / (em * 0.98)) || 1;
  const start = -((n - 1) * step) / 2;
  return joinPaths(
    chars.map((ch, i) => {
      const angle = start + i * step;
      return glyphPath(ch, em, n > 1 ? squeeze : 1, CENTER + radius * Math.sin(angle), CENTER - radius * Math.cos(angle), angle);
    }),
  );
}

/** The kind underneath the star, on one horizontal line, squeezed to fit inside the ring. */
function bottomText(label: string, cy: number): DualPath {
  const chars = [...label];
  const em = 17;
  const natural = chars.reduce((w, ch) => w + advance(ch, em), 0);
  const squeeze = Math.min(1, 104 / natural);
  let x = CENTER - (natural * squeeze) / 2;
  return joinPaths(
    chars.map((ch) => {
      const w = advance(ch, em) * squeeze;
      const d = glyphPath(ch, em, squeeze, x + w / 2, cy, 0);
      x += w;
      return d;
    }),
  );
}

const RED_PDF = `${SEAL_RED.r} ${SEAL_RED.g} ${SEAL_RED.b}`;

/**
 * The seal as the content of a form XObject over the 200 × 200 box: flipped to the box's y-down
 * geometry, translucent ink (/GS0: opacity 0.9, multiply) so the text under it shows through.
 */
function pdfForm(star: DualPath, text: DualPath): Uint8Array {
  const content = [
    'q',
    '/GS0 gs',
    `1 0 0 -1 0 ${SEAL_BOX} cm`,
    `${RED_PDF} rg ${RED_PDF} RG`,
    `${RING_WIDTH} w`,
    circlePdf(CENTER, CENTER, RING_RADIUS),
    'S',
    star.pdf + 'f',
    `${TEXT_WEIGHT} w 1 j`,
    text.pdf + 'B',
    'Q',
  ].join('\n');
  return new Uint8Array(deflateSync(Buffer.from(content, 'latin1')));
}

const drawings = new Map<string, SealDrawing>();

/** The drawing of a seal with this name (印文) and kind, computed once per process. */
export function sealDrawing(name: string, kind: SealKind): SealDrawing {
  const key = `${kind}\u0000${name}`;
  let drawing = drawings.get(key);
  if (!drawing) {
    const star = starPath(CENTER, CENTER - 4, STAR_RADIUS);
    const text = joinPaths([arcText(name), bottomText(kind, CENTER + 46)]);
    drawing = { star: star.svg, text: text.svg, pdfForm: pdfForm(star, text) };
    if (drawings.size < 500) drawings.set(key, drawing);
  }
  return drawing;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A standalone SVG of the seal; `label` is its accessible name (e.g. “兴安盟市场监督管理局 行政审批专用章”). */
export function sealSvg(drawing: SealDrawing, label: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SEAL_BOX} ${SEAL_BOX}" width="${SEAL_BOX}" height="${SEAL_BOX}" role="img" aria-label="${escapeXml(label)}">`,
    `<title>${escapeXml(label)}</title>`,
    `<circle cx="${CENTER}" cy="${CENTER}" r="${RING_RADIUS}" fill="none" stroke="${SEAL_RED_HEX}" stroke-width="${RING_WIDTH}"/>`,
    `<path fill="${SEAL_RED_HEX}" d="${drawing.star}"/>`,
    `<path fill="${SEAL_RED_HEX}" stroke="${SEAL_RED_HEX}" stroke-width="${TEXT_WEIGHT}" stroke-linejoin="round" d="${drawing.text}"/>`,
    '</svg>',
  ].join('');
}

/**
 * Draws a form XObject (PDF content in its own box, already deflated) onto the page: the box's
 * origin at (x, y) in points, scaled by `scale`. Each document gets its own copy of the stream;
 * the content bytes are shared, so nothing is parsed or compressed again.
 */
export function drawForm(
  page: PDFPage,
  form: { content: Uint8Array; box: number; resources?: Record<string, unknown> },
  at: { x: number; y: number; scale: number },
  tag = 'Fm',
): void {
  const context = page.doc.context;
  const stream = context.stream(form.content, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, form.box, form.box],
    Filter: 'FlateDecode',
    ...(form.resources ? { Resources: form.resources } : {}),
  } as never);
  const name = page.node.newXObject(tag, context.register(stream));
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(at.scale, 0, 0, at.scale, at.x, at.y), drawObject(name), popGraphicsState());
}

/** Stamps the seal onto a PDF page as vector paths, centred at (cx, cy) in points with the given diameter. */
export function drawSealOnPage(page: PDFPage, drawing: SealDrawing, at: { cx: number; cy: number; diameter: number }): void {
  const scale = at.diameter / SEAL_BOX;
  drawForm(
    page,
    { content: drawing.pdfForm, box: SEAL_BOX, resources: { ExtGState: { GS0: { Type: 'ExtGState', ca: 0.9, CA: 0.9, BM: 'Multiply' } } } },
    { x: at.cx - at.diameter / 2, y: at.cy - at.diameter / 2, scale },
    'Seal',
  );
}
