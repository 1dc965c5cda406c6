import { describe, expect, it } from 'vitest';
import { computeCreditCodeCheck } from '../lib/credit-code.js';
import { identityCheckCharacter } from '../lib/identity-number.js';
import { checkIdentifier } from './id-commands.js';

/** A credit code made only of digits (its check character happens to be a digit). */
function allDigitCreditCode(): string {
  for (let n = 10000000; ; n++) {
    const first17 = `911522017${n}`.slice(0, 17);
    const check = computeCreditCodeCheck(first17);
    if (/\d/.test(check)) return first17 + check;
  }
}

describe('checkIdentifier chooses the kind by shape', () => {
  it('a resident number', () => {
    const id = `15220119900101123${identityCheckCharacter('15220119900101123')}`;
    expect(checkIdentifier(id)).toMatchObject({ valid: true, kind: 'resident' });
  });

  it('letters other than a final X mean a credit code', () => {
    expect(checkIdentifier('91152201MA0N1234XA').kind).toBe('credit-code');
  });

  it('an all-digit credit code is recognised when it fails as a resident number', () => {
    expect(checkIdentifier(allDigitCreditCode())).toEqual({ valid: true, kind: 'credit-code', errors: [] });
  });

  it('an invalid all-digit value is reported as a resident number', () => {
    const r = checkIdentifier('152201199001011230');
    expect(r.kind).toBe('resident');
    expect(r.valid).toBe(false);
  });
});
