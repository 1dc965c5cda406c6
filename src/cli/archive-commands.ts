// `tongban archive verify FILE [--json]`: checks a case archive package (办件档案包) offline — every
// file's SM3 against the manifest, nothing missing or extra, each document's seal signature, the
// manifest's signature, and the audit records' hashes (docs/archive.md). Needs no database.
// Exit 0 intact, 1 problems found, 2 the file cannot be read or is not a zip.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ArchiveUnreadable, verifyArchive, type ArchiveVerdict } from '../modules/archive/verify.js';
import { CliError, runCommand, type CommandOutput } from './run.js';

export function archiveVerdictText(verdict: ArchiveVerdict): string {
  const lines = [
    verdict.ok
      ? `档案包完好 intact: ${verdict.files} 个文件 files${verdict.case ? `，办件 case ${verdict.case.caseNumber}（${verdict.case.orgName}）` : ''}`
      : `档案包有问题 NOT intact: ${verdict.problems.length} 个问题 problems`,
  ];
  for (const p of verdict.problems) lines.push(`  - ${p.file}: ${p.problem} — ${p.detail}`);
  if (verdict.seals.length) {
    lines.push('印章公钥指纹（请与机构公布的指纹核对）seal key fingerprints — compare with the ones the organization publishes:');
    for (const s of verdict.seals) lines.push(`  ${s.orgName} ${s.name} ${s.kind}: ${s.fingerprint}`);
  }
  return lines.join('\n');
}

export async function verifyArchiveFile(file: string): Promise<CommandOutput> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError(`无法读取文件 ${file} (cannot read the file: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, 2);
  }
  let verdict: ArchiveVerdict;
  try {
    verdict = await verifyArchive(bytes);
  } catch (error) {
    if (error instanceof ArchiveUnreadable) throw new CliError(`${file}: ${error.message}`, 2);
    throw error;
  }
  return { json: verdict, text: archiveVerdictText(verdict), exitCode: verdict.ok ? 0 : 1 };
}

export function registerArchiveCommands(program: Command): void {
  const archive = program.command('archive').description('办件档案包 case archive packages');
  archive
    .command('verify')
    .description('离线校验办件档案包 check a case archive offline: SM3 of every file, seal signatures, manifest signature, audit records')
    .argument('<file>', 'the archive (.zip) exported from GET /api/cases/:id/archive')
    .option('--json', 'machine-readable output: {ok, files, problems: [{file, problem, detail}], case, seals}')
    .action((file: string, opts: { json?: boolean }) => runCommand(opts, () => verifyArchiveFile(file)));
}
