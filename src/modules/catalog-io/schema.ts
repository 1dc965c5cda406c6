// HTTP schemas of catalog import/export.
import { Type, type Static } from '@sinclair/typebox';

export const ImportQuerySchema = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: '只校验不写入 validate only' })),
});

export const ImportAcceptedSchema = Type.Object({
  jobId: Type.String(),
  status: Type.Literal('validating'),
  dryRun: Type.Boolean(),
});

export const ImportIssueSchema = Type.Object({
  sheet: Type.String({ description: '工作表（事项/实施清单/材料/流程），JSON 为 items' }),
  row: Type.Union([Type.Integer(), Type.String()], { description: 'Excel 行号（从 1 起）；JSON 为 items[i].implementations[j]' }),
  column: Type.String({ description: '列标题，如“事项名称(name)”；JSON 为字段路径' }),
  code: Type.String(),
  message: Type.String({ description: '中文在前，英文在后' }),
});

export const JobParamsSchema = Type.Object({ jobId: Type.String({ format: 'uuid' }) });

export const ImportJobSchema = Type.Object({
  jobId: Type.String(),
  status: Type.Union([Type.Literal('validating'), Type.Literal('writing'), Type.Literal('done'), Type.Literal('failed')]),
  dryRun: Type.Boolean(),
  fileName: Type.String(),
  format: Type.Union([Type.Literal('json'), Type.Literal('xlsx')]),
  total: Type.Integer({ description: 'validating: items to check; writing: rows to write' }),
  processed: Type.Integer(),
  errors: Type.Array(ImportIssueSchema, { description: 'the first 200 problems' }),
  errorCount: Type.Integer(),
  counts: Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ImportJobBody = Static<typeof ImportJobSchema>;

export const ExportQuerySchema = Type.Object({
  format: Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('jsonld')], { default: 'json' }),
});
