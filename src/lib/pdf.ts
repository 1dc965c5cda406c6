// Shared PDF helpers (pdf-lib + @pdf-lib/fontkit): the embedded CJK font, text wrapping for
// Chinese, and a small top-to-bottom composer for A4 documents with page numbers.
// No domain here: guides, receipts and notices lay out their own content with these.
import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';

/** WenQuanYi Micro Hei, extracted from Debian's .ttc (pdf-lib cannot subset a collection). */
export const CJK_FONT_PATH = path.resolve('assets/fonts/wqy-microhei.ttf');

/** A4 in PDF points (1/72 in). */
export const A4 = { width: 595.28, height: 841.89 } as const;

let fontBytes: Uint8Array | null = null;

/** The font file, read once per process (4.6 MB; only the glyphs used are embedded). */
export function cjkFontBytes(): Uint8Array {
  fontBytes ??= fs.readFileSync(CJK_FONT_PATH);
  return fontBytes;
}

// pdf-lib asks fontkit to parse the font for every document; parsing the 4.6 MB font (its cmap
// and tables) is most of the time a PDF takes. The parsed font is read-only for pdf-lib (each
// document makes its own subset), so one parse is shared by every document of the process.
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
const parsedFonts = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();
const sharedFontkit: Fontkit = {
  create(data, postscriptName) {
    if (postscriptName !== undefined || !(data instanceof Uint8Array)) return fontkit.create(data, postscriptName);
    let font = parsedFonts.get(data);
    if (!font) {
      font = fontkit.create(data);
      parsedFonts.set(data, font);
    }
    return font;
  },
};

/** Embeds the CJK font, subsetted to the glyphs the document uses. */
export async function embedCjkFont(doc: PDFDocument): Promise<PDFFont> {
  doc.registerFontkit(sharedFontkit);
  return doc.embedFont(cjkFontBytes(), { subset: true });
}

// Chinese line-breaking (禁则): these never start a line, so they stay with the previous character.
const NO_LINE_START = new Set('，。、；：？！）》」』】〕…—,.;:?!)]}%'.split(''));
// Runs of Latin letters and digits are kept whole like words; everything else breaks per character.
const TOKEN = /[A-Za-z0-9@#&_\-./:+]+ ?|[\s\S]/gu;

/** Removes what a PDF text run cannot show (tabs, control characters). */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, '  ').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

// Widths at size 1 per font and token: laying text out through fontkit for every candidate line
// made wrapping quadratic. Widths add up (no kerning across CJK characters), so each token is
// measured once per process.
const unitWidths = new Map<string, Map<string, number>>();

function widthOf(font: PDFFont, token: string, size: number): number {
  let widths = unitWidths.get(font.name);
  if (!widths) unitWidths.set(font.name, (widths = new Map()));
  let w = widths.get(token);
  if (w === undefined) {
    w = font.widthOfTextAtSize(token, 1);
    if (widths.size < 20000) widths.set(token, w);
  }
  return w * size;
}

/** Splits a token wider than the line into pieces that fit. */
function splitLong(token: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let width = 0;
  for (const ch of token) {
    const w = widthOf(font, ch, size);
    if (piece && width + w > maxWidth) {
      pieces.push(piece);
      piece = '';
      width = 0;
    }
    piece += ch;
    width += w;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Wraps text into lines no wider than maxWidth; explicit newlines are kept. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(text).split(/\r?\n/)) {
    let line = '';
    let width = 0;
    for (const raw of paragraph.match(TOKEN) ?? []) {
      const tokens = widthOf(font, raw, size) > maxWidth ? splitLong(raw, font, size, maxWidth) : [raw];
      for (const token of tokens) {
        const w = widthOf(font, token, size);
        const visible = width + widthOf(font, token.trimEnd(), size);
        if (visible <= maxWidth || !line || NO_LINE_START.has(token[0]!)) {
          line += token;
          width += w;
        } else {
          lines.push(line.trimEnd());
          line = token.trimStart();
          width = widthOf(font, line, size);
        }
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export interface TextStyle {
  size?: number;
  color?: RGB;
  indent?: number;
  /** Extra space before the block, in points. */
  spaceBefore?: number;
  lineHeight?: number;
}

/**
 * Lays out blocks from the top of an A4 page downwards, starting a new page when one is full,
 * and numbers the pages (第 n 页 共 N 页) when finished.
 */
export class PdfComposer {
  readonly margin = 56;
  readonly width = A4.width - 2 * 56;
  private page!: PDFPage;
  private y = 0;

  private constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.newPage();
  }

  static async create(meta: { title: string; subject?: string; lang?: string }): Promise<PdfComposer> {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    if (meta.subject) doc.setSubject(meta.subject);
    doc.setLanguage(meta.lang ?? 'zh-CN');
    doc.setProducer('Tongban 通办');
    doc.setCreator('Tongban 通办');
    return new PdfComposer(doc, await embedCjkFont(doc));
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - this.margin;
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  ensureSpace(height: number): void {
    if (this.y - height < this.margin + 20) this.newPage();
  }

  text(content: string, style: TextStyle = {}): void {
    const size = style.size ?? 10.5;
    const lineHeight = style.lineHeight ?? size * 1.55;
    const indent = style.indent ?? 0;
    if (style.spaceBefore) this.y -= style.spaceBefore;
    for (const line of wrapText(content, this.font, size, this.width - indent)) {
      this.ensureSpace(lineHeight);
      this.y -= lineHeight;
      if (line) {
        this.page.drawText(line, { x: this.margin + indent, y: this.y + (lineHeight - size) / 2, size, font: this.font, color: style.color ?? rgb(0.1, 0.1, 0.1) });
      }
    }
  }

  /** A section heading with a rule under it, kept on the page with at least two lines after it. */
  heading(content: string, size = 13): void {
    this.ensureSpace(size * 1.6 + 12 + 36);
    this.y -= 12;
    this.text(content, { size, color: rgb(0.05, 0.2, 0.45) });
    this.page.drawLine({ start: { x: this.margin, y: this.y - 2 }, end: { x: this.margin + this.width, y: this.y - 2 }, thickness: 0.6, color: rgb(0.6, 0.68, 0.8) });
    this.y -= 6;
  }

  /** An image at the left with lines of text beside it (e.g. a QR code and what it opens). */
  imageWithCaption(image: PDFImage, side: number, caption: string[], size = 10): void {
    this.ensureSpace(side + 8);
    this.y -= 8;
    const top = this.y;
    this.page.drawImage(image, { x: this.margin, y: top - side, width: side, height: side });
    const saved = this.y;
    let lineY = top - 4;
    for (const line of caption.flatMap((c) => wrapText(c, this.font, size, this.width - side - 16))) {
      lineY -= size * 1.6;
      if (lineY < top - side) break;
      this.page.drawText(line, { x: this.margin + side + 16, y: lineY, size, font: this.font, color: rgb(0.2, 0.2, 0.2) });
    }
    this.y = saved - side;
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Numbers every page at the bottom centre and returns the file. */
  async finish(footer?: string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const label = `${footer ? `${footer}    ` : ''}第 ${i + 1} 页 共 ${pages.length} 页`;
      const size = 9;
      const w = this.font.widthOfTextAtSize(label, size);
      page.drawText(label, { x: (A4.width - w) / 2, y: this.margin / 2, size, font: this.font, color: rgb(0.35, 0.35, 0.35) });
    });
    return this.doc.save();
  }
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 + RFC 5987 filename*). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
