// `tongban search …`: rebuild the search index (after a bulk change, or daily so that versions
// published ahead of their effective date become findable on that day) and try a query.
import type { Command } from 'commander';
import { rebuildSearchIndex, searchGuides } from '../modules/search/service.js';
import { runCommand, withDatabase } from './run.js';

export function registerSearchCommands(program: Command): void {
  const search = program.command('search').description('事项搜索 catalog search index');

  search
    .command('rebuild')
    .description('按今日施行的办事指南重建搜索索引 rebuild the index from the guides in force today')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) =>
      runCommand(opts, () =>
        withDatabase(async ({ db }) => {
          const started = Date.now();
          const { documents } = await rebuildSearchIndex(db);
          const ms = Date.now() - started;
          return { json: { documents, ms }, text: `已重建搜索索引 index rebuilt: ${documents} 条 documents in ${ms} ms` };
        }),
      ),
    );

  search
    .command('query')
    .description('试查 try a search as the portal runs it')
    .argument('<text>', '检索词：名称、拼音、首字母或编码')
    .option('--division <code>', '行政区划代码 (含下级)')
    .option('--limit <n>', '条数 (≤ 50)', '10')
    .option('--json', 'machine-readable output')
    .action((text: string, opts: { json?: boolean; division?: string; limit: string }) =>
      runCommand(opts, () =>
        withDatabase(async ({ db }) => {
          const result = await searchGuides(db, { q: text, division: opts.division, limit: Number(opts.limit) || 10 });
          const lines = result.rows.map((r) => `  ${r.item_name}${r.sub_item_name ? `（${r.sub_item_name}）` : ''} · ${r.org_name} · ${r.implementation_code}`);
          return { json: { total: result.total, fuzzy: result.fuzzy, items: result.rows }, text: [`共 ${result.total} 项 (total)${result.fuzzy ? '，含错别字匹配 (with typo matching)' : ''}`, ...lines].join('\n') };
        }),
      ),
    );
}
