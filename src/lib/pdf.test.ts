import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, embedCjkFont, wrapText } from './pdf.js';

describe('wrapText (Chinese line breaking)', async () => {
  const font = await embedCjkFont(await PDFDocument.create());
  const text = '申请人应当提交营业执照、法定代表人身份证明，以及经营场所平面布局图。网址 https://zwfw.example.gov.cn/guides 可查看。';

  it('keeps every line within the width and loses no character', () => {
    const lines = wrapText(text, font, 10, 120);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(120 + 10); // + one closing mark
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('never starts a line with closing punctuation (禁则)', () => {
    for (const width of [60, 75, 90, 105, 120, 150]) {
      for (const line of wrapText(text, font, 10, width).slice(1)) expect('，。、；：？！）》'.includes(line[0]!), `${width}: ${line}`).toBe(false);
    }
  });

  it('keeps explicit line breaks', () => {
    expect(wrapText('第一行\n第二行', font, 10, 500)).toEqual(['第一行', '第二行']);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    const value = attachmentDisposition('食品经营许可-办事指南.pdf');
    expect(value).toMatch(/^attachment; filename="_+-_+\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(value.split("UTF-8''")[1]!)).toBe('食品经营许可-办事指南.pdf');
  });
});
