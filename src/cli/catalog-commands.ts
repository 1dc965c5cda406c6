// `tongban catalog import FILE` and `tongban catalog export`: the catalog exchange of
// docs/catalog-exchange.md from the operator's shell. Exit codes: 0 ok, 1 the file has errors
// (nothing written), 2 the file cannot be read at all.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { DomainError } from '../http/errors.js';
import { exportCatalog, importCatalog, readCatalogFile, type ExportFormat, type ImportProgress, type ImportReport } from '../modules/catalog-io/service.js';
import { CliError, runCommand, withDatabase } from './run.js';

/** The CLI reads larger files than the 20 MB upload limit: it runs on the server itself. */
const CLI_MAX_BYTES = 200 * 1024 * 1024;
const PHASES = { validating: '校验 validating', writing: '写入 writing' } as const;

/** A dependency-free progress bar on stderr, drawn only for a person at a terminal. */
export function progressBar(enabled: boolean, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  let drawn = false;
  const draw = (p: ImportProgress) => {
    const ratio = p.total ? Math.min(1, p.processed / p.total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    stream.write(`\r${PHASES[p.status]} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${p.processed}/${p.total}`);
    drawn = true;
  };
  return {
    update(p: ImportProgress) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 80 && p.processed < p.total) return;
      last = now;
      draw(p);
    },
    done() {
      if (enabled && drawn) stream.write('\n');
    },
  };
}

function reportText(report: ImportReport): string {
  if (report.ok) {
    const c = report.counts!;
    const head = report.dryRun ? '校验通过，未写入 (valid; dry run, nothing written)' : '导入完成 (imported)';
    return `${head}: 事项 items ${c.items} (新增 created ${c.itemsCreated}, 更新 updated ${c.itemsUpdated}, 未变 unchanged ${c.itemsUnchanged}); 实施清单 implementations ${c.implementations} (新增 created ${c.implementationsCreated}); 指南新版本 new guide versions ${c.guideVersionsCreated}, 未变 unchanged ${c.guidesUnchanged}`;
  }
  const lines = report.errors.slice(0, 100).map((e) => `${e.sheet}\t${typeof e.row === 'number' ? `第 ${e.row} 行 row ${e.row}` : e.row}\t${e.column}\t${e.message} [${e.code}]`);
  if (report.errorCount > lines.length) lines.push(`… 另有 ${report.errorCount - lines.length} 个问题 (${report.errorCount - lines.length} more)`);
  lines.push(`共 ${report.errorCount} 个问题，未写入任何数据 (${report.errorCount} problems; nothing was written)`);
  return lines.join('\n');
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CliError(`无法读取文件 cannot read file ${file}: ${(error as Error).message}`, 2);
  }
}

export function registerCatalogCommands(program: Command): void {
  const catalog = program.commands.find((c) => c.name() === 'catalog') ?? program.command('catalog').description('事项目录 catalog');

  catalog
    .command('import <file>')
    .description('导入事项目录与办事指南（JSON 或 xlsx）import the catalog with guides')
    .option('--dry-run', '只校验，不写入 validate only, write nothing')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { json?: boolean; dryRun?: boolean }) =>
      runCommand(opts, async () => {
        const bytes = await readInput(file);
        const parsed = await readCatalogFile(path.basename(file), bytes, CLI_MAX_BYTES).catch((error: unknown) => {
          throw error instanceof DomainError ? new CliError(error.detail, 2, { code: error.code }) : error;
        });
        return withDatabase(async ({ db }) => {
          const bar = progressBar(!opts.json && process.stderr.isTTY === true);
          const report = await importCatalog({ db }, null, parsed, { dryRun: opts.dryRun ?? false, fileName: path.basename(file), onProgress: (p) => bar.update(p) });
          bar.done();
          return { json: report, text: reportText(report), exitCode: report.ok ? 0 : 1 };
        });
      }),
    );

  catalog
    .command('export')
    .description('导出现行事项目录与办事指南 export the published catalog')
    .option('--format <format>', 'json | xlsx | jsonld', 'json')
    .option('--out <file>', '写入文件 write to this file (default: stdout for json/jsonld)')
    .option('--json', 'machine-readable summary (needs --out)')
    .action((opts: { format: string; out?: string; json?: boolean }) =>
      runCommand(opts, async () => {
        if (!['json', 'xlsx', 'jsonld'].includes(opts.format)) throw new CliError(`--format 应为 json、xlsx 或 jsonld (got "${opts.format}")`, 2);
        if (!opts.out && (opts.json || opts.format === 'xlsx')) throw new CliError('请用 --out 指定输出文件 (give --out FILE)', 2);
        return withDatabase(async ({ db }) => {
          const file = await exportCatalog({ db }, undefined, opts.format as ExportFormat, { publicUrl: loadConfig().publicUrl });
          if (!opts.out) return { json: null, text: file.body.toString('utf8').replace(/\n$/, '') };
          await writeFile(opts.out, file.body);
          const summary = { format: opts.format, out: path.resolve(opts.out), bytes: file.body.length, counts: file.counts };
          return { json: summary, text: `已导出 exported ${file.counts.items} 个事项 items, ${file.counts.implementations} 个实施清单 implementations → ${summary.out}` };
        });
      }),
    );
}
