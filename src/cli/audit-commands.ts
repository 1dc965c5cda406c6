// `tongban audit verify`: walks the audit chain (审计日志完整性校验) and names the first record that
// was altered, removed or reordered. Exit 0 on an intact trail, 1 otherwise.
import type { Command } from 'commander';
import { chainAndVerify, type ChainVerdict } from '../modules/audit/service.js';
import { runCommand, withDatabase } from './run.js';

/** The machine-readable verdict: {ok, records} or {ok, firstBadSeq, id, problem}. */
export function verdictJson(verdict: ChainVerdict) {
  if (verdict.ok) return { ok: true, records: verdict.records };
  return { ok: false, firstBadSeq: verdict.firstBadSeq, id: verdict.id, problem: verdict.problem };
}

export function verdictText(verdict: ChainVerdict): string {
  if (verdict.ok) return `审计日志完整 intact: ${verdict.records} 条记录 records`;
  return [
    `审计日志被篡改 NOT intact: ${verdict.problem} at seq ${verdict.firstBadSeq ?? '?'}${verdict.id !== null ? `, id ${verdict.id}` : ''}`,
    `  ${verdict.detail}`,
    `  此前 ${verdict.records} 条记录完好 (${verdict.records} records before it are intact)`,
  ].join('\n');
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志 audit trail');
  audit
    .command('verify')
    .description('校验审计日志哈希链 verify the hash chain; names the first altered, removed or reordered record')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) =>
      runCommand(opts, () =>
        withDatabase(async ({ db }) => {
          const verdict = await chainAndVerify(db);
          return { json: verdictJson(verdict), text: verdictText(verdict), exitCode: verdict.ok ? 0 : 1 };
        }),
      ),
    );
}
