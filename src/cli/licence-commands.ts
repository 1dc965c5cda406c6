// `tongban licence-id check VALUE`: checks a national e-licence identifier (电子证照标识) — prefix,
// licence type code, issuer credit code, licence number, version and the MOD 37,36 check character.
// Exit 0 valid, 1 invalid. Needs no database.
import type { Command } from 'commander';
import { parseLicenceId, type LicenceIdError, type LicenceIdParts } from '../lib/licence-id.js';
import { runCommand } from './run.js';

export interface LicenceIdCheckResult {
  valid: boolean;
  parts: LicenceIdParts;
  errors: LicenceIdError[];
}

const PART_NAMES: Record<keyof LicenceIdParts, string> = {
  prefix: '前缀 prefix',
  licenceTypeCode: '证照类型代码 licence type code',
  issuerCreditCode: '发证机构代码 issuer credit code',
  licenceNumber: '证照编号 licence number',
  version: '版本号 version',
  checkCharacter: '校验位 check character',
};

export function checkLicenceId(value: string): LicenceIdCheckResult {
  const { valid, parts, errors } = parseLicenceId(value);
  return { valid, parts, errors };
}

function describe(result: LicenceIdCheckResult): string {
  const lines = [result.valid ? '有效 valid: 电子证照标识 e-licence identifier' : '无效 invalid: 电子证照标识 e-licence identifier'];
  for (const [key, name] of Object.entries(PART_NAMES) as [keyof LicenceIdParts, string][]) {
    if (result.parts[key] !== null) lines.push(`  ${name}: ${result.parts[key]}`);
  }
  for (const e of result.errors) lines.push(`  - ${e.message}`);
  return lines.join('\n');
}

export function registerLicenceCommands(program: Command): void {
  const licenceId = program.command('licence-id').description('电子证照标识 e-licence identifiers');
  licenceId
    .command('check')
    .description('校验电子证照标识 check an e-licence identifier (1.2.156.3005.2.…, check character ISO/IEC 7064 MOD 37,36)')
    .argument('<value>', 'the identifier')
    .option('--json', 'machine-readable output')
    .action((value: string, opts: { json?: boolean }) =>
      runCommand(opts, async () => {
        const result = checkLicenceId(value);
        return { json: result, text: describe(result), exitCode: result.valid ? 0 : 1 };
      }),
    );
}
