// The only place an import job becomes JSON.
import type { ImportJobView } from './import-jobs.js';
import type { ImportJobBody } from './schema.js';

export function presentImportJob(job: ImportJobView): ImportJobBody {
  return {
    jobId: job.id,
    status: job.status,
    dryRun: job.dryRun,
    fileName: job.fileName,
    format: job.format,
    total: job.total,
    processed: job.processed,
    errors: job.errors as ImportJobBody['errors'],
    errorCount: job.errorCount,
    counts: job.counts,
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
  };
}
