// Background imports (导入任务): the HTTP request returns 202 with a job id, the import runs in
// this process, and its status lives in import_jobs so the admin page can show it after a
// reload. Live progress is kept in memory (while the import holds the embedded database's one
// connection in its transaction, a progress write could not get through) and merged on read.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { conflict } from '../../http/errors.js';
import type { Actor } from '../identity/permissions.js';
import { importCatalog, readCatalogFile, type CatalogIoDeps, type ImportProgress, type ImportReport, type ParsedCatalog } from './service.js';

/** How many problems a job keeps; error_count has them all. */
export const JOB_ERROR_LIMIT = 200;

export type JobStatus = 'validating' | 'writing' | 'done' | 'failed';

export interface ImportJobView {
  id: string;
  status: JobStatus;
  dryRun: boolean;
  fileName: string;
  format: 'json' | 'xlsx';
  total: number;
  processed: number;
  errors: unknown[];
  errorCount: number;
  counts: Record<string, number> | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export class ImportJobRunner {
  private readonly live = new Map<string, ImportJobView>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly deps: CatalogIoDeps,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Reads the file (a malformed one is refused here, before any job exists) and starts the import. */
  async startFile(actor: Actor, input: { fileName: string; bytes: Buffer; dryRun: boolean; ip: string | null }): Promise<string> {
    const parsed = await readCatalogFile(input.fileName, input.bytes);
    return this.start(actor, parsed, { fileName: input.fileName, dryRun: input.dryRun, ip: input.ip });
  }

  /** Records the job and starts it; one writing import at a time, dry runs may overlap. */
  async start(actor: Actor, parsed: ParsedCatalog, options: { fileName: string; dryRun: boolean; ip: string | null }): Promise<string> {
    if (!options.dryRun && [...this.live.values()].some((j) => !j.dryRun)) {
      throw conflict('import-already-running', '已有导入任务正在进行，请稍后再试 (another import is running)');
    }
    const id = randomUUID();
    const total = parsed.items.length;
    await this.deps.db
      .insertInto('import_jobs')
      .values({ id, status: 'validating', dry_run: options.dryRun, file_name: options.fileName, file_format: parsed.kind, total, created_by: actor.userId })
      .execute();
    this.live.set(id, {
      id,
      status: 'validating',
      dryRun: options.dryRun,
      fileName: options.fileName,
      format: parsed.kind,
      total,
      processed: 0,
      errors: [],
      errorCount: 0,
      counts: null,
      createdAt: new Date(),
      finishedAt: null,
    });
    const run = this.run(id, actor, parsed, options).finally(() => this.running.delete(run));
    this.running.add(run);
    return id;
  }

  private async run(id: string, actor: Actor, parsed: ParsedCatalog, options: { fileName: string; dryRun: boolean; ip: string | null }): Promise<void> {
    const onProgress = (p: ImportProgress) => {
      const job = this.live.get(id);
      if (job) Object.assign(job, p);
    };
    let report: ImportReport | null = null;
    let failure: { code: string; message: string } | null = null;
    try {
      report = await importCatalog(this.deps, actor, parsed, { ...options, jobId: id, onProgress, log: this.log });
    } catch (error) {
      this.log.error({ err: error, jobId: id }, 'catalog import failed');
      failure = { code: 'import-failed', message: '导入失败，未写入任何数据；请重试 (the import failed and wrote nothing; try again)' };
    }
    const errors = report?.errors ?? (failure ? [{ sheet: 'file', row: 0, column: '', ...failure }] : []);
    try {
      await this.deps.db
        .updateTable('import_jobs')
        .set({
          status: report?.ok ? 'done' : 'failed',
          processed: report?.ok ? parsed.items.length : 0,
          errors: JSON.stringify(errors.slice(0, JOB_ERROR_LIMIT)),
          error_count: report ? report.errorCount : errors.length,
          counts: report?.counts ? JSON.stringify(report.counts) : null,
          updated_at: new Date(),
          finished_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    } finally {
      this.live.delete(id);
    }
  }

  async get(id: string): Promise<ImportJobView | null> {
    const live = this.live.get(id);
    if (live) return { ...live };
    const row = await this.deps.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const view: ImportJobView = {
      id: row.id,
      status: row.status,
      dryRun: row.dry_run,
      fileName: row.file_name,
      format: row.file_format,
      total: row.total,
      processed: row.processed,
      errors: row.errors,
      errorCount: row.error_count,
      counts: row.counts,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    };
    if (view.status === 'validating' || view.status === 'writing') {
      // Not running here yet not finished: the process stopped mid-import; the transaction rolled back.
      return { ...view, status: 'failed', errorCount: 1, errors: [{ sheet: 'file', row: 0, column: '', code: 'import-interrupted', message: '导入因服务重启而中断，未写入任何数据 (interrupted by a restart; nothing was written)' }] };
    }
    return view;
  }

  /** Waits for running imports (app shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
