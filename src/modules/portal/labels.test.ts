// How a guide's free-text fields read on the page and in the PDF: phone fields become one tel: link
// per number, the fee basis says 依据 once, and moments read in the portal's Chinese style.
import { describe, expect, it } from 'vitest';
import { basisPhrase, feeBasisText, formatDateTimeZh } from './labels.js';
import { phoneLinks } from './views/guide.js';

const free = (basis: string) => ({ charged: false, items: [], basis });

describe('phoneLinks', () => {
  it('links each number of "0482-8693350、12345" on its own, keeping the separator as text', () => {
    expect(phoneLinks('0482-8693350、12345').value).toBe('<a href="tel:04828693350">0482-8693350</a>、<a href="tel:12345">12345</a>');
  });

  it('splits on every separator a guide uses: ，,;；/ and spaces', () => {
    for (const sep of ['，', ',', ';', '；', '/', ' ', ' / ']) {
      const links = [...phoneLinks(`0482-8218120${sep}12315`).value.matchAll(/href="tel:([^"]+)"/g)].map((m) => m[1]);
      expect(links, JSON.stringify(sep)).toEqual(['04828218120', '12315']);
    }
  });

  it('keeps a leading + and drops hyphens only in the href', () => {
    expect(phoneLinks('+86-482-8218120').value).toBe('<a href="tel:+864828218120">+86-482-8218120</a>');
  });

  it('leaves words, office hours and short numbers as text', () => {
    expect(phoneLinks('12345（工作日 8:30-12:00）').value).toBe('<a href="tel:12345">12345</a>（工作日 8:30-12:00）');
    expect(phoneLinks('转 12 分机').value).toBe('转 12 分机');
    expect(phoneLinks('').value).toBe('');
  });

  it('escapes the text around the numbers', () => {
    expect(phoneLinks('<b>12345</b>').value).toBe('&lt;b&gt;<a href="tel:12345">12345</a>&lt;/b&gt;');
  });
});

describe('fee basis (收费依据)', () => {
  it('does not repeat 不收费 or 依据 that the summary or the text already says', () => {
    expect(feeBasisText(free('不收费：依据《中华人民共和国行政许可法》第五十八条，行政机关实施行政许可不得收取任何费用。'))).toBe(
      '依据《中华人民共和国行政许可法》第五十八条，行政机关实施行政许可不得收取任何费用。',
    );
    expect(feeBasisText(free('依据《食品经营许可和备案管理办法》不收取费用'))).toBe('依据《食品经营许可和备案管理办法》不收取费用');
    expect(feeBasisText(free('不收费：本事项设定依据未规定收费项目。'))).toBe('本事项设定依据未规定收费项目。');
  });

  it('says 依据 before a bare citation, and nothing is left of a basis that only repeats the summary', () => {
    expect(feeBasisText({ charged: true, items: [], basis: '《国家发展改革委 财政部关于不动产登记收费标准的通知》（发改价格规〔2016〕2559号）' })).toBe(
      '依据《国家发展改革委 财政部关于不动产登记收费标准的通知》（发改价格规〔2016〕2559号）',
    );
    expect(feeBasisText(free('不收费。'))).toBe('');
    expect(basisPhrase('按规定收取证件工本费。')).toBe('按规定收取证件工本费。');
  });

  it('keeps a charged item’s basis that merely begins with 收费标准', () => {
    expect(feeBasisText({ charged: true, items: [], basis: '收费标准按《…》执行' })).toBe('收费标准按《…》执行');
  });
});

describe('formatDateTimeZh', () => {
  it('reads 2026年11月26日 11:58 in Beijing time, whatever the server’s zone', () => {
    expect(formatDateTimeZh('2026-11-26T03:58:00Z')).toBe('2026年11月26日 11:58');
    expect(formatDateTimeZh(new Date('2026-11-26T16:05:00Z'))).toBe('2026年11月27日 00:05');
  });
});
