// The frame every issued document shares (A4, src/lib/pdf.ts PdfComposer):
//   first page, top: the organization's name in red over a red rule (红头), the number, the title;
//   the body: drawn by the caller's render(composer);
//   last page, bottom: the QR code of the verification page with its address spelled out, and the
//   organization's name and the date (Asia/Shanghai) under the drawn seal (落款 + 盖章).
// The verification address is also written as plain ASCII into the file (XMP metadata, twice, and
// a link on the QR code), so an uploaded copy can be matched to the document it claims to be.
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { PDFName, PDFString, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4, PdfComposer } from '../../lib/pdf.js';
import { drawForm, drawSealOnPage, type SealDrawing } from '../seals/drawing.js';

export interface DocumentFrame {
  id: string;
  orgName: string;
  title: string;
  number: string;
  /** YYYY-MM-DD, the date in Asia/Shanghai. */
  issuedOn: string;
  verifyUrl: string;
  seal: SealDrawing;
  render: (composer: PdfComposer) => void | Promise<void>;
}

const RED = rgb(0.8, 0.02, 0.05);
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.35, 0.35, 0.35);
const MARGIN = 56;
const TOP = A4.height - MARGIN;
/** Height of the header block drawn above the body on the first page. */
const HEADER = 104;
/** Height of the closing block (QR, address, 落款 and seal) at the bottom of the last page. */
const CLOSING = 150;
/** Seal diameter: 42 mm, the size of an official round seal. */
const SEAL_DIAMETER = (42 / 25.4) * 72;

export const zhDate = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

function centred(page: PDFPage, font: PDFFont, text: string, size: number, y: number, color = INK): void {
  const w = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (A4.width - w) / 2, y, size, font, color });
}

/**
 * The QR code as a form XObject: one rectangle per run of dark modules in a row, in a box of
 * `size` modules (y up), filled black. Built per document (each has its own address); deflated.
 */
function qrForm(url: string): { content: Uint8Array; box: number } {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const rects: string[] = [];
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!qr.modules.data[y * n + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && qr.modules.data[y * n + x]) x++;
      rects.push(`${start} ${n - 1 - y} ${x - start} 1 re`);
    }
  }
  return { content: new Uint8Array(deflateSync(Buffer.from(`0 g\n${rects.join('\n')}\nf\n`, 'latin1'))), box: n };
}

function xmpPacket(frame: DocumentFrame): Uint8Array {
  const url = frame.verifyUrl.replace(/[&<>"']/g, '');
  const xml = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:tongban="urn:tongban:document:1">
   <dc:format>application/pdf</dc:format>
   <dc:identifier>${url}</dc:identifier>
   <tongban:documentId>${frame.id}</tongban:documentId>
   <tongban:verificationUrl>${url}</tongban:verificationUrl>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
  return new Uint8Array(Buffer.from(xml, 'utf8'));
}

function header(composer: PdfComposer, frame: DocumentFrame): void {
  const page = composer.doc.getPages()[0]!;
  const font = composer.font;
  let size = 22;
  while (size > 14 && font.widthOfTextAtSize(frame.orgName, size) > composer.width) size -= 1;
  centred(page, font, frame.orgName, size, TOP - 24, RED);
  centred(page, font, frame.number, 11, TOP - 48, GREY);
  page.drawLine({ start: { x: MARGIN, y: TOP - 58 }, end: { x: A4.width - MARGIN, y: TOP - 58 }, thickness: 1.6, color: RED });
  let titleSize = 18;
  while (titleSize > 12 && font.widthOfTextAtSize(frame.title, titleSize) > composer.width) titleSize -= 1;
  centred(page, font, frame.title, titleSize, TOP - 90);
  composer.gap(HEADER);
}

/**
 * The closing block at the bottom of the last page. composer.ensureSpace(CLOSING) guarantees the
 * body ends above it (else a new page begins), so it never covers the caller's text.
 */
function closing(composer: PdfComposer, frame: DocumentFrame): void {
  composer.ensureSpace(CLOSING);
  const page = composer.doc.getPages().at(-1)!;
  const font = composer.font;
  const bottom = MARGIN + 20;
  const right = A4.width - MARGIN;

  // 落款: the organization and the date, right-aligned; the seal over them.
  const date = zhDate(frame.issuedOn);
  const nameSize = 12;
  const nameWidth = font.widthOfTextAtSize(frame.orgName, nameSize);
  const dateWidth = font.widthOfTextAtSize(date, nameSize);
  const blockWidth = Math.max(nameWidth, dateWidth, SEAL_DIAMETER * 0.8);
  const blockCentre = right - blockWidth / 2;
  page.drawText(frame.orgName, { x: blockCentre - nameWidth / 2, y: bottom + 78, size: nameSize, font, color: INK });
  page.drawText(date, { x: blockCentre - dateWidth / 2, y: bottom + 56, size: nameSize, font, color: INK });

  // The QR code of the verification page, with what it is for and its address in plain text.
  const qr = qrForm(frame.verifyUrl);
  const side = 84;
  const qrTop = bottom + 128;
  // A quiet zone of white around the modules, so a scanner finds the code on any background.
  const quiet = 3 * (side / qr.box);
  page.drawRectangle({ x: MARGIN - quiet, y: qrTop - side - quiet, width: side + 2 * quiet, height: side + 2 * quiet, color: rgb(1, 1, 1) });
  drawForm(page, qr, { x: MARGIN, y: qrTop - side, scale: side / qr.box }, 'QR');
  const textX = MARGIN + side + 10;
  const lines = ['扫描二维码或访问下方网址核验真伪', '本文书已加盖电子印章（SM2 签名，', 'SM3 摘要），任何改动都将导致核验失败。'];
  lines.forEach((line, i) => page.drawText(line, { x: textX, y: qrTop - 16 - i * 15, size: 9, font, color: GREY }));
  const urlSize = 8.5;
  page.drawText(`核验网址：${frame.verifyUrl}`, { x: MARGIN, y: bottom + 22, size: urlSize, font, color: INK });

  // The QR code is a link too (a PDF reader opens the verification page on a click).
  const link = composer.doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [MARGIN, qrTop - side, MARGIN + side, qrTop],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(frame.verifyUrl) },
  });
  page.node.addAnnot(composer.doc.context.register(link));

  drawSealOnPage(page, frame.seal, { cx: blockCentre, cy: bottom + 76, diameter: SEAL_DIAMETER });
}

/** Lays out the whole document and returns the PDF's bytes (what is digested and signed). */
export async function composeDocument(frame: DocumentFrame): Promise<Uint8Array> {
  const composer = await PdfComposer.create({ title: `${frame.title} ${frame.number}`, subject: `${frame.orgName} ${frame.number}` });
  composer.doc.setKeywords([frame.number, frame.verifyUrl]);
  const metadata = composer.doc.context.stream(xmpPacket(frame), { Type: 'Metadata', Subtype: 'XML' });
  composer.doc.catalog.set(PDFName.of('Metadata'), composer.doc.context.register(metadata));
  header(composer, frame);
  await frame.render(composer);
  closing(composer, frame);
  return composer.finish(frame.number);
}
