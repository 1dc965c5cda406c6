// Loading what a request names, or answering 404 with a stable code. Shared by the catalog's
// services (items, guide versions, reports).
import type { Database } from '../../db/database.js';
import type { Level } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { Actor } from '../identity/permissions.js';
import * as q from './queries.js';

export async function requireItem(db: Database, id: string): Promise<q.ItemRow> {
  const item = await q.findItem(db, id);
  if (!item) throw notFound('item-not-found', `事项不存在 (catalog item ${id} not found)`);
  return item;
}

export async function requireImplementation(db: Database, id: string): Promise<q.ImplementationRow> {
  const row = await q.findImplementation(db, id);
  if (!row) throw notFound('implementation-not-found', `实施清单不存在 (implementation ${id} not found)`);
  return row;
}

export async function requireVersion(db: Database, id: string): Promise<q.VersionRow> {
  const row = await q.findVersion(db, id);
  if (!row) throw notFound('guide-version-not-found', `办事指南版本不存在 (guide version ${id} not found)`);
  return row;
}

export async function requireOrg(db: Database, id: string) {
  const org = await q.findOrg(db, id);
  if (!org) throw notFound('org-not-found', `机构不存在 (organization ${id} not found)`);
  return org;
}

export async function actorOrgLevel(db: Database, actor: Actor): Promise<Level | undefined> {
  return (await q.findOrg(db, actor.orgId))?.level;
}

/** PostgreSQL's unique_violation: a concurrent writer took the code or the open-version slot first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
