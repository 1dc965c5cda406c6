// `tongban guide lint FILE [--json]`: lints a guide (办事指南) from a JSON file without a database,
// against the built-in list of shareable licence types. Exit 0 clean (warnings allowed),
// 1 lint errors, 2 the file cannot be read or is not a guide.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { GuideDraftSchema, type GuideDraft } from '../modules/catalog/guide-content.js';
import { hasLintErrors, lintGuide, type LintMessage } from '../modules/catalog/lint.js';
import { computeTotals } from '../modules/catalog/totals.js';
import { defaultLicenceTypeDepartments, defaultShareableLicenceTypes } from '../modules/catalog/licence-types.js';
import { CliError, runCommand, type CommandOutput } from './run.js';

/** A file holds either the guide content itself or {content, legalLimitDays?}. */
const WrappedGuideSchema = Type.Object(
  {
    content: GuideDraftSchema,
    legalLimitDays: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 3650 }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** Chinese beside TypeBox's most common messages. */
const REASONS_ZH: Record<string, string> = {
  'Expected required property': '缺少必填项',
  'Unexpected property': '不允许的字段',
  'Expected union value': '取值不在允许范围内',
  'Expected string': '应为文本',
  'Expected number': '应为数字',
  'Expected integer': '应为整数',
  'Expected boolean': '应为 true/false',
  'Expected array': '应为数组',
  'Expected object': '应为对象',
};

export function registerGuideCommands(program: Command): void {
  const guide = program.command('guide').description('办事指南 service guides');
  guide
    .command('lint')
    .description('校验办事指南 lint a guide JSON file (Art. 9–11)')
    .argument('<file>', 'guide content JSON, or {"content": …, "legalLimitDays": n}')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { json?: boolean }) => runCommand(opts, () => lintGuideFile(file)));
}

export async function lintGuideFile(file: string): Promise<CommandOutput> {
  const { content, legalLimitDays } = parseGuideFile(await readText(file), file);
  const messages = lintGuide(content, {
    legalLimitDays,
    shareableLicenceTypes: defaultShareableLicenceTypes(),
    licenceTypeDepartments: defaultLicenceTypeDepartments(),
  });
  const totals = computeTotals(content);
  const ok = !hasLintErrors(messages);
  return { json: { ok, messages, totals }, text: humanReport(messages, totals), exitCode: ok ? 0 : 1 };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CliError(`无法读取文件 ${file} (cannot read the file: ${reason})`, 2);
  }
}

export function parseGuideFile(raw: string, file = 'input'): { content: GuideDraft; legalLimitDays: number | null } {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new CliError(`${file} 不是有效的 JSON (${file} is not valid JSON: ${(error as Error).message})`, 2);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new CliError(`${file} 应为 JSON 对象 (${file} must hold a JSON object)`, 2);
  }
  const wrapped = 'content' in data;
  const schema = wrapped ? WrappedGuideSchema : GuideDraftSchema;
  // One problem per field (a missing property is also "not a string"), at most twenty.
  const byField = new Map<string, string>();
  for (const e of Value.Errors(schema, data)) {
    const field = e.path.replace(/^\//, '').replace(/\//g, '.') || '(root)';
    if (!byField.has(field)) byField.set(field, REASONS_ZH[e.message] ? `${REASONS_ZH[e.message]} (${e.message})` : e.message);
    if (byField.size >= 20) break;
  }
  const problems = [...byField].map(([field, reason]) => ({ field, reason }));
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n');
    throw new CliError(`${file} 不符合办事指南格式 (${file} is not a guide):\n${lines}`, 2, problems);
  }
  if (!wrapped) return { content: data as GuideDraft, legalLimitDays: null };
  const w = data as { content: GuideDraft; legalLimitDays?: number | null };
  return { content: w.content, legalLimitDays: w.legalLimitDays ?? null };
}

function humanReport(messages: LintMessage[], totals: ReturnType<typeof computeTotals>): string {
  const lines = messages.map((m) => `${m.severity === 'error' ? '错误 error  ' : '警告 warning'}  ${m.article}  ${m.field}  ${m.message}  [${m.rule}]`);
  const errors = messages.filter((m) => m.severity === 'error').length;
  const warnings = messages.length - errors;
  lines.push(
    errors === 0 && warnings === 0 ? '校验通过 lint clean' : `共 ${errors} 个错误、${warnings} 个警告 (${errors} errors, ${warnings} warnings)`,
    `环节 steps ${totals.steps} · 材料 materials ${totals.materials}（申请人提交 ${totals.applicantMaterials}）· 承诺 ${totals.promisedWorkingDays}/法定 ${totals.legalWorkingDays} 工作日 · 收费 ${totals.feesYuan} 元 · 到现场 ${totals.visits} 次`,
  );
  return lines.join('\n');
}
