import { describe, expect, it } from 'vitest';
import { documentFileName, isPdf, referencedDocumentIds } from './rules.js';

describe('referencedDocumentIds: which document an uploaded file names', () => {
  const a = '0b7a3f6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
  const b = '1c8b4f7f-2d3e-4f60-9bac-1d2e3f4a5b6c';
  it('finds every verification address in the raw bytes, first seen first, without duplicates', () => {
    const bytes = Buffer.from(`%PDF-1.7 junk <dc:identifier>https://x.gov.cn/verify/${a}</dc:identifier> /verify/${b} again /verify/${a}`, 'latin1');
    expect(referencedDocumentIds(bytes)).toEqual([a, b]);
  });
  it('ignores malformed ids and other paths', () => {
    expect(referencedDocumentIds(Buffer.from(`/verify/${a.slice(0, 30)} /guides/${a} /verify/${a.toUpperCase()}`))).toEqual([]);
  });
  it('looks at a subarray of a larger buffer only', () => {
    const whole = Buffer.from(`/verify/${a} | /verify/${b}`);
    expect(referencedDocumentIds(whole.subarray(0, 8 + 36))).toEqual([a]);
  });
});

describe('file helpers', () => {
  it('recognises a PDF by its header and makes a safe file name', () => {
    expect(isPdf(Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(isPdf(Buffer.from('PK\u0003\u0004'))).toBe(false);
    expect(documentFileName('受理通知书', '兴市监受〔2026〕第1号 / A')).toBe('受理通知书-兴市监受〔2026〕第1号_A.pdf');
  });
});
