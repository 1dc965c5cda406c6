// `tongban id check VALUE`: validates a resident identity number (GB 11643) or a unified social
// credit code (GB 32100), choosing by shape. Exit 0 valid, 1 invalid. The number itself is never
// printed whole: a resident number is shown masked.
import type { Command } from 'commander';
import { validateCreditCode } from '../lib/credit-code.js';
import { maskIdentityNumber, normalizeIdentityNumber, validateIdentityNumber } from '../lib/identity-number.js';
import { runCommand } from './run.js';

export interface IdCheckResult {
  valid: boolean;
  kind: 'resident' | 'credit-code';
  errors: { code: string; message: string }[];
  masked?: string;
}

/**
 * An 18-character value with letters other than a final X is a credit code. One of 17 digits and a
 * digit or X is a resident number, unless it fails as one and passes as a credit code (a credit
 * code may happen to be all digits).
 */
export function checkIdentifier(value: string): IdCheckResult {
  const normalized = normalizeIdentityNumber(value);
  const credit = () => {
    const r = validateCreditCode(normalized);
    return { valid: r.valid, kind: 'credit-code' as const, errors: r.errors.map((e) => ({ code: e.code, message: e.message })) };
  };
  const looksResident = normalized.length !== 18 || /^\d{17}[\dX]$/.test(normalized);
  if (!looksResident) return credit();
  const resident = validateIdentityNumber(normalized);
  if (!resident.valid && normalized.length === 18) {
    const asCredit = credit();
    if (asCredit.valid) return asCredit;
  }
  return { valid: resident.valid, kind: 'resident', errors: resident.errors, masked: maskIdentityNumber(normalized) };
}

export function registerIdCommands(program: Command): void {
  const id = program.command('id').description('证件号码 identity numbers and credit codes');
  id.command('check')
    .description('校验身份证号码或统一社会信用代码 check a resident ID number (GB 11643) or a credit code (GB 32100)')
    .argument('<value>', 'the number or code')
    .option('--json', 'machine-readable output')
    .action((value: string, opts: { json?: boolean }) =>
      runCommand(opts, async () => {
        const result = checkIdentifier(value);
        const kindName = result.kind === 'resident' ? '身份证号码 resident ID' : '统一社会信用代码 credit code';
        const text = result.valid
          ? `有效 valid: ${kindName}${result.masked ? ` ${result.masked}` : ''}`
          : [`无效 invalid: ${kindName}`, ...result.errors.map((e) => `  - ${e.message}`)].join('\n');
        return { json: result, text, exitCode: result.valid ? 0 : 1 };
      }),
    );
}
