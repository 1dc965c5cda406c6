import { describe, expect, it } from 'vitest';
import { identityCheckCharacter, isKnownRegionCode, maskIdentityNumber, validateIdentityNumber } from './identity-number.js';

const TODAY = '2025-06-01';
/** A number with a correct check character: region + birth date + sequence. */
const make = (first17: string) => `${first17}${identityCheckCharacter(first17)}`;
const codes = (value: string) => validateIdentityNumber(value, TODAY).errors.map((e) => e.code);

describe('validateIdentityNumber (GB 11643-1999)', () => {
  it('accepts the example of the standard and numbers of 兴安盟', () => {
    // The worked example of GB 11643-1999: check character X.
    expect(validateIdentityNumber('11010519491231002X', TODAY)).toMatchObject({ valid: true, kind: 'resident', birthDate: '1949-12-31', sex: 'female' });
    const ulanhot = make('15220119900101123');
    expect(validateIdentityNumber(ulanhot, TODAY)).toMatchObject({ valid: true, errors: [], sex: 'male' });
    expect(validateIdentityNumber(make('15222419851130004'), TODAY).valid).toBe(true);
  });

  it('normalizes spaces, full-width characters and a lower-case x', () => {
    const r = validateIdentityNumber(' 1101 0519 4912 3100 2x ', TODAY);
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('11010519491231002X');
    expect(validateIdentityNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY).valid).toBe(true);
  });

  it('refuses a wrong check character', () => {
    expect(codes('110105194912310021')).toEqual(['id-check-character']);
    const good = make('15220119900101123');
    const typo = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good.slice(11)}`;
    expect(codes(typo)).toContain('id-check-character');
  });

  it('refuses an impossible birth date even with a right check character', () => {
    expect(codes(make('15220119900230123'))).toEqual(['id-birth-date-invalid']);
    expect(codes(make('15220120230229123'))).toEqual(['id-birth-date-invalid']);
    expect(codes(make('15220120240229123'))).toEqual([]);
  });

  it('refuses a birth date in the future or before 1900', () => {
    expect(codes(make('15220120250602123'))).toEqual(['id-birth-date-future']);
    expect(codes(make('15220118991231123'))).toEqual(['id-birth-date-too-early']);
  });

  it('refuses an unknown region even with a right check character', () => {
    expect(codes(make('99010119900101123'))).toEqual(['id-region-unknown']);
    // Province 15 exists but it has no prefecture 1599.
    expect(codes(make('15990119900101123'))).toEqual(['id-region-unknown']);
  });

  it('accepts a retired county under a known prefecture, and retired leagues of Inner Mongolia', () => {
    // 110103 崇文区 was merged into 东城区 in 2010; people born there keep their numbers.
    expect(isKnownRegionCode('110103')).toBe(true);
    // 152101 海拉尔市 of the former 呼伦贝尔盟 (1521, now 1507).
    expect(codes(make('15210119700101123'))).toEqual([]);
    expect(isKnownRegionCode('152201')).toBe(true);
    expect(isKnownRegionCode('810000')).toBe(true);
  });

  it('reports shape problems first, alone', () => {
    expect(codes('')).toEqual(['id-empty']);
    expect(codes('152201900101123')).toEqual(['id-first-generation']);
    expect(codes('1522011990010112')).toEqual(['id-length']);
    expect(codes('15220119900101123Y')).toEqual(['id-format']);
    expect(codes('1522011990010X1234')).toEqual(['id-format']);
  });

  it('reports every problem of a well-shaped number together', () => {
    expect(codes('990101199002301230')).toEqual(['id-region-unknown', 'id-birth-date-invalid', 'id-check-character']);
  });

  it('never repeats the number in its messages', () => {
    const value = '990101199002301230';
    for (const e of validateIdentityNumber(value, TODAY).errors) expect(e.message).not.toContain('19900230');
  });
});

describe('maskIdentityNumber', () => {
  it('shows the first 4 and last 4 characters', () => {
    expect(maskIdentityNumber('152201199001011234')).toBe('1522**********1234');
    expect(maskIdentityNumber('15220119900101123x')).toBe('1522**********123X');
    expect(maskIdentityNumber('1234567')).toBe('*******');
  });
});
