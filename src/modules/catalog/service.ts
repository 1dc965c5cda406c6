// The catalog's service: the basic catalog (基本目录, Art. 7) and the implementation lists
// (实施清单). Guide versions live in guide-service.ts and the reports in report-service.ts; other
// modules import all of them from here.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { conflict, unprocessable } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import type { Actor } from '../identity/permissions.js';
import { basicCode, implementationCode, ITEM_TYPE_CODES } from './codes.js';
import { runItemChangedHooks } from './hooks.js';
import { actorOrgLevel, isUniqueViolation, requireImplementation, requireItem, requireOrg } from './lookups.js';
import * as q from './queries.js';
import * as rules from './rules.js';
import type { CreateItemInput, PatchItemInput } from './schema.js';

export * from './guide-service.js';
export * from './report-service.js';
export { onGuidePublished, onItemChanged, type GuidePublishedEvent, type GuidePublishedHook, type ItemChangedEvent, type ItemChangedHook } from './hooks.js';

export interface CatalogDeps {
  db: Database;
}
// ——— basic catalog items ———

export async function listCatalogItems(deps: CatalogDeps, filter: q.ItemFilter): Promise<q.ItemRow[]> {
  return q.listItems(deps.db, filter);
}

/** One item with its sub-items (子项) and its implementation entries with the version in force today. */
export async function getCatalogItem(deps: CatalogDeps, id: string) {
  const item = await requireItem(deps.db, id);
  const subItems = item.parent_id ? [] : await q.listItems(deps.db, { parentId: id });
  const implementations = await q.listImplementations(deps.db, { itemId: id });
  const inForce = await q.versionsInForce(deps.db, implementations.map((i) => i.id), shanghaiDate());
  return { item, subItems, implementations: implementations.map((row) => ({ row, inForce: inForce.get(row.id) })) };
}

/** The basic code of a new item: given numbers, else the next free main / sub number. */
async function allocateCode(trx: Database, input: CreateItemInput): Promise<string> {
  rules.assertNoSubNumberWithoutParent(input);
  if (!input.parentId) {
    const main = input.mainNumber ?? (await q.highestMainNumber(trx, ITEM_TYPE_CODES[input.type])) + 1;
    rules.assertNumberAvailable(main, 99999, 'mainNumber');
    return basicCode(input.type, main);
  }
  const parent = await q.findItem(trx, input.parentId);
  if (!parent) throw unprocessable('unknown-parent-item', '上级事项不存在 (parent item not found)', [{ name: 'body.parentId', reason: 'not found' }]);
  rules.assertSubItemFits(parent, input);
  const sub = input.subNumber ?? (await q.highestSubNumber(trx, parent.code.slice(0, 7))) + 1;
  rules.assertNumberAvailable(sub, 999, 'subNumber');
  return basicCode(input.type, Number(parent.code.slice(2, 7)), sub);
}

const duplicateCode = (code: string) => conflict('duplicate-item-code', `事项编码 ${code} 已存在 (item code ${code} already exists)`, { itemCode: code });

export async function createCatalogItem(deps: CatalogDeps, actor: Actor, input: CreateItemInput): Promise<q.ItemRow> {
  let code = '';
  try {
    return await deps.db.transaction().execute(async (trx) => {
      rules.assertLeagueCompiler(await actorOrgLevel(trx, actor));
      code = await allocateCode(trx, input);
      if (await q.itemCodeExists(trx, code)) throw duplicateCode(code);
      const id = randomUUID();
      await trx
        .insertInto('catalog_items')
        .values({
          id,
          code,
          name: input.name.trim(),
          type: input.type,
          parent_id: input.parentId ?? null,
          legal_basis: JSON.stringify(input.legalBasis),
          legal_limit_days: input.legalLimitDays ?? null,
          description: input.description ?? '',
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
      await recordAudit(trx, actor, { action: 'catalog.item.create', objectType: 'catalog_item', objectId: id, changes: { code, name: input.name, type: input.type, parentId: input.parentId ?? null } });
      return (await q.findItem(trx, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode(code);
    throw error;
  }
}

const PATCH_COLUMNS = { name: 'name', legalBasis: 'legal_basis', legalLimitDays: 'legal_limit_days', description: 'description', status: 'status' } as const;

export async function updateCatalogItem(deps: CatalogDeps, actor: Actor, id: string, patch: PatchItemInput): Promise<q.ItemRow> {
  return deps.db.transaction().execute(async (trx) => {
    rules.assertLeagueCompiler(await actorOrgLevel(trx, actor));
    const item = await requireItem(trx, id);
    rules.assertItemEditable(item.status, patch);
    const values: Record<string, unknown> = { updated_at: new Date() };
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [field, column] of Object.entries(PATCH_COLUMNS) as [keyof PatchItemInput, keyof q.ItemRow][]) {
      if (patch[field] === undefined) continue;
      const after = field === 'name' ? String(patch.name).trim() : patch[field];
      values[column] = field === 'legalBasis' ? JSON.stringify(after) : after;
      changes[field] = { before: item[column], after };
    }
    await trx.updateTable('catalog_items').set(values).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'catalog.item.update', objectType: 'catalog_item', objectId: id, changes });
    await runItemChangedHooks(trx, { itemId: id, fields: Object.keys(changes) });
    return (await q.findItem(trx, id))!;
  });
}

// ——— implementation entries (实施清单) ———

const implementationExists = () => conflict('implementation-exists', '该机构已有此事项的实施清单 (the organization already implements this item)');

export async function addImplementation(deps: CatalogDeps, actor: Actor, itemId: string, orgId: string): Promise<q.ImplementationRow> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const item = await requireItem(trx, itemId);
      const org = await q.findOrg(trx, orgId);
      if (!org) throw unprocessable('unknown-org', '机构不存在 (organization not found)', [{ name: 'body.orgId', reason: 'not found' }]);
      rules.assertOrgInScope(actor, org.path);
      rules.assertItemInCatalog(item, item.parent_id ? await q.findItem(trx, item.parent_id) : undefined);
      rules.assertOrgCanImplement(org);
      if (await q.implementationExists(trx, itemId, orgId)) throw implementationExists();
      const id = randomUUID();
      const code = implementationCode(item.code, org.level, org.credit_code);
      await trx.insertInto('implementations').values({ id, item_id: itemId, org_id: orgId, code, level: org.level, created_at: new Date() }).execute();
      await recordAudit(trx, actor, { action: 'catalog.implementation.create', objectType: 'implementation', objectId: id, orgId, changes: { itemId, orgId, code } });
      return (await q.findImplementation(trx, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw implementationExists();
    throw error;
  }
}

/** Implementation entries within the actor's scope, each with its latest version and the one in force. */
export async function listImplementationsInScope(deps: CatalogDeps, actor: Actor, filter: { orgId?: string; itemId?: string }) {
  if (filter.orgId) rules.assertOrgInScope(actor, (await requireOrg(deps.db, filter.orgId)).path);
  if (filter.itemId) await requireItem(deps.db, filter.itemId);
  const rows = await q.listImplementations(deps.db, { ...filter, scopePath: actor.scopePath });
  const ids = rows.map((r) => r.id);
  const [latest, inForce] = await Promise.all([q.latestVersions(deps.db, ids), q.versionsInForce(deps.db, ids, shanghaiDate())]);
  return rows.map((row) => ({ row, latest: latest.get(row.id), inForce: inForce.get(row.id) }));
}

export async function getImplementationInScope(deps: CatalogDeps, actor: Actor, id: string) {
  const row = await requireImplementation(deps.db, id);
  rules.assertOrgInScope(actor, row.org_path);
  const versions = await q.versionsOf(deps.db, id);
  const inForce = (await q.versionsInForce(deps.db, [id], shanghaiDate())).get(id);
  return { row, latest: versions[0], inForce, versions };
}
