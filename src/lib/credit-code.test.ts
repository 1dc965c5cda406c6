import { describe, expect, it } from 'vitest';
import { computeCreditCodeCheck, computeOrganizationCodeCheck, validateCreditCode } from './credit-code.js';

const codes = (value: string) => validateCreditCode(value).errors.map((e) => e.code);

describe('统一社会信用代码 GB 32100 check character (MOD 31)', () => {
  it('computes the check character of published codes', () => {
    // Codes printed on public business licences.
    expect(computeCreditCodeCheck('91350100M000100Y4')).toBe('3');
    expect(computeCreditCodeCheck('91440300708461136')).toBe('T');
    expect(computeCreditCodeCheck('91110108551385082')).toBe('Q');
  });

  it('maps a remainder of 0 to the character 0, not 31', () => {
    // Find a body whose weighted sum is a multiple of 31 and check it closes with 0.
    const body = '1115220000000000';
    const withCheck = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].map((c) => body + c).find((b) => computeCreditCodeCheck(b) === '0');
    expect(withCheck).toBeDefined();
    expect(validateCreditCode(`${withCheck}0`).valid).toBe(true);
  });

  it('refuses to compute over a character outside the alphabet', () => {
    expect(() => computeCreditCodeCheck('9135010OM000100Y4')).toThrow(RangeError);
    expect(() => computeCreditCodeCheck('123')).toThrow(RangeError);
  });
});

describe('validateCreditCode reports layered errors', () => {
  it('accepts valid codes, also in lower case with spaces around', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ valid: true, errors: [] });
    expect(validateCreditCode(' 91440300708461136t ').valid).toBe(true);
  });

  it('stops at a wrong length', () => {
    expect(codes('91350100M000100Y4')).toEqual(['length']);
    expect(validateCreditCode('').errors[0].message).toContain('18');
  });

  it('names every character outside the alphabet (I O S V Z) and its position', () => {
    const result = validateCreditCode('91350100MO0010OY43');
    expect(result.errors.map((e) => [e.code, e.position])).toEqual([
      ['alphabet', 9],
      ['alphabet', 14],
    ]);
  });

  it('rejects an unknown registration authority and a type the authority does not issue', () => {
    const unknownAuthority = 'B1152200MA0N5X9K0'; // B is in the alphabet but is no authority
    expect(codes(unknownAuthority + computeCreditCodeCheck(unknownAuthority))).toEqual(['registration-authority']);
    const badType = '94152200MA0N5X9K0'; // 工商 has no type 4
    expect(codes(badType + computeCreditCodeCheck(badType))).toEqual(['organization-type']);
  });

  it('rejects a division code that is not a province-prefixed GB/T 2260 code', () => {
    const body = '91992200MA0N5X9K0';
    expect(codes(body + computeCreditCodeCheck(body))).toEqual(['division-code']);
  });

  it('rejects a wrong check character and says which one is expected', () => {
    const result = validateCreditCode('91350100M000100Y44');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'check-character', position: 17 });
    expect(result.errors[0].message).toContain('“3”');
  });
});

describe('GB 11714 organization code check', () => {
  it('computes the 9th character of a published organization code', () => {
    expect(computeOrganizationCodeCheck('70846113')).toBe('6');
    expect(computeOrganizationCodeCheck('71092883')).toBe('1');
  });
});
