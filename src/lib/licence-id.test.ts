import { describe, expect, it } from 'vitest';
import { buildLicenceId, computeCheckCharacter, LICENCE_ID_ALPHABET, parseLicenceId } from './licence-id.js';

// A licence of type 食品经营许可证 (the catalog's invented 市场监管 code + 002), issued by an office
// with the credit code 11152200152200116T (GB 32100 check computed), number JY11522010000123.
const TYPE = '111000000001321340002';
const ISSUER = '11152200152200116T';
const NUMBER = 'JY11522010000123';
const id = (version: string, check: string) => `1.2.156.3005.2.${TYPE}.${ISSUER}.${NUMBER}.${version}.${check}`;

/**
 * The verification rule of a hybrid MOD (M+1),M system, written independently of the library:
 * running the recursion over the string WITH its check character must leave S ≡ 1 (mod M).
 */
function satisfiesMod3736(withCheck: string): boolean {
  let p = 36;
  let s = 0;
  for (const c of withCheck) {
    s = (p + LICENCE_ID_ALPHABET.indexOf(c)) % 36 || 36;
    p = (s * 2) % 37;
  }
  return s % 36 === 1;
}

describe('ISO/IEC 7064 MOD 37,36 check character', () => {
  it('matches worked examples derived by hand', () => {
    // "0": P=36; S=(36+0) mod 36=0→36; P=72 mod 37=35; check=(37−35) mod 36=2 → "2".
    expect(computeCheckCharacter('0')).toBe('2');
    // "Z"(35): S=(36+35) mod 36=35; P=70 mod 37=33; check=37−33=4 → "4".
    expect(computeCheckCharacter('Z')).toBe('4');
    // "123AB": 1→S=1,P=2; 2→S=4,P=8; 3→S=11,P=22; A(10)→S=32,P=64 mod 37=27; B(11)→S=38 mod 36=2,P=4;
    // check=(37−4) mod 36=33 → "X".
    expect(computeCheckCharacter('123AB')).toBe('X');
  });

  it('matches check characters published for other MOD 37,36 identifiers', () => {
    expect(computeCheckCharacter('DADPIDA3897722461')).toBe('J');
    expect(computeCheckCharacter('A12425GABC1234002')).toBe('M');
  });

  it('yields a string that passes the standard’s verification rule, and a wrong one that fails', () => {
    const body = `${TYPE}${ISSUER}${NUMBER}001`;
    const check = computeCheckCharacter(body);
    expect(satisfiesMod3736(body + check)).toBe(true);
    const wrong = LICENCE_ID_ALPHABET[(LICENCE_ID_ALPHABET.indexOf(check) + 1) % 36];
    expect(satisfiesMod3736(body + wrong)).toBe(false);
  });

  it('detects every single substitution in the body', () => {
    const body = `${TYPE}${ISSUER}${NUMBER}001`;
    const check = computeCheckCharacter(body);
    for (let i = 0; i < body.length; i++) {
      const other = body[i] === '7' ? '8' : '7';
      expect(computeCheckCharacter(body.slice(0, i) + other + body.slice(i + 1)), `position ${i + 1}`).not.toBe(check);
    }
  });

  it('refuses characters outside 0-9A-Z', () => {
    expect(() => computeCheckCharacter('12.3')).toThrow(RangeError);
    expect(() => computeCheckCharacter('ab')).toThrow(RangeError);
    expect(() => computeCheckCharacter('')).toThrow(RangeError);
  });
});

describe('buildLicenceId', () => {
  it('writes prefix, the four parts and the check character, dot-separated', () => {
    expect(buildLicenceId({ licenceTypeCode: TYPE, issuerCreditCode: ISSUER, licenceNumber: NUMBER, version: 1 })).toBe(id('001', '2'));
  });

  it('gives each version its own check character', () => {
    const versions = [1, 2, 3].map((version) => buildLicenceId({ licenceTypeCode: TYPE, issuerCreditCode: ISSUER, licenceNumber: NUMBER, version }));
    expect(versions).toEqual([id('001', '2'), id('002', 'Z'), id('003', 'X')]);
    expect(new Set(versions.map((v) => v.slice(-1))).size).toBe(3);
  });

  it('refuses parts that cannot make an identifier, naming them', () => {
    expect(() => buildLicenceId({ licenceTypeCode: TYPE, issuerCreditCode: ISSUER, licenceNumber: 'JY-1', version: 1 })).toThrow(/证照编号/);
    expect(() => buildLicenceId({ licenceTypeCode: TYPE, issuerCreditCode: ISSUER, licenceNumber: NUMBER, version: 1000 })).toThrow(/版本号/);
    expect(() => buildLicenceId({ licenceTypeCode: TYPE.slice(1), issuerCreditCode: ISSUER, licenceNumber: NUMBER, version: 1 })).toThrow(/证照类型代码/);
  });
});

describe('parseLicenceId', () => {
  const errorParts = (value: string) => parseLicenceId(value).errors.map((e) => e.part);

  it('splits a valid identifier into its parts', () => {
    expect(parseLicenceId(id('002', 'Z'))).toEqual({
      valid: true,
      normalized: id('002', 'Z'),
      parts: { prefix: '1.2.156.3005.2', licenceTypeCode: TYPE, issuerCreditCode: ISSUER, licenceNumber: NUMBER, version: '002', checkCharacter: 'Z' },
      errors: [],
    });
  });

  it('accepts lower case, full-width characters and spaces around', () => {
    expect(parseLicenceId(` ${id('001', '2').toLowerCase()} `).valid).toBe(true);
    expect(parseLicenceId(id('001', '2').replace('JY', 'ＪＹ')).valid).toBe(true);
  });

  it('names a mistyped check character and the expected one', () => {
    const r = parseLicenceId(id('002', '2'));
    expect(r.valid).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'check-character', part: 'checkCharacter' });
    expect(r.errors[0].message).toContain('“Z”');
  });

  it('catches a mistyped character in the middle through the check character', () => {
    expect(errorParts(id('001', '2').replace('JY1152', 'JY1153'))).toEqual(['checkCharacter']);
  });

  it('names the wrong prefix', () => {
    expect(parseLicenceId(`1.2.156.3005.3.${TYPE}.${ISSUER}.${NUMBER}.001.2`).errors).toEqual([expect.objectContaining({ code: 'prefix', part: 'prefix' })]);
  });

  it('says how many parts are missing', () => {
    const r = parseLicenceId(`1.2.156.3005.2.${TYPE}.${ISSUER}.001.2`);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'structure', part: 'identifier' })]);
    expect(r.errors[0].message).toContain('实际为4段');
  });

  it('names each wrong part: type code, issuer code, number, version', () => {
    expect(errorParts(`1.2.156.3005.2.${TYPE.slice(0, 20)}.${ISSUER}.${NUMBER}.001.2`)).toContain('licenceTypeCode');
    expect(errorParts(`1.2.156.3005.2.${TYPE}.11152200152200117T.${NUMBER}.001.2`)).toContain('issuerCreditCode');
    expect(errorParts(`1.2.156.3005.2.${TYPE}.${ISSUER}.${'9'.repeat(41)}.001.2`)).toContain('licenceNumber');
    expect(errorParts(`1.2.156.3005.2.${TYPE}.${ISSUER}.${NUMBER}.01.2`)).toContain('version');
    expect(errorParts(`1.2.156.3005.2.${TYPE}.${ISSUER}.${NUMBER}.000.2`)).toContain('version');
  });

  it('recognises a licence number with a dot in it (the parts around it have fixed places)', () => {
    const r = parseLicenceId(`1.2.156.3005.2.${TYPE}.${ISSUER}.JY1152.2010000123.001.2`);
    expect(r.parts.licenceNumber).toBe('JY1152.2010000123');
    expect(r.errors.map((e) => e.part)).toEqual(['licenceNumber']);
  });

  it('reports every broken part at once, each message in Chinese and English', () => {
    const r = parseLicenceId(`1.2.156.3005.2.X.${ISSUER.slice(0, 17)}.${NUMBER}.1.22`);
    expect(r.errors.map((e) => e.part)).toEqual(['licenceTypeCode', 'issuerCreditCode', 'version', 'checkCharacter']);
    for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fff].*\([A-Za-z]/);
  });

  it('an empty value is one structure error', () => {
    expect(parseLicenceId('   ').errors).toEqual([expect.objectContaining({ code: 'structure' })]);
  });
});
