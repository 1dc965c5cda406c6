// The organization tree: league → counties → townships, with departments and centers at each level.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Level, OrgKind } from '../../db/schema.js';
import { badRequest, notFound } from '../../http/errors.js';

export interface NewOrg {
  id?: string;
  code: string;
  name: string;
  shortName?: string;
  kind: OrgKind;
  level: Level;
  divisionCode: string;
  parentId?: string | null;
  creditCode?: string;
  phone?: string;
  address?: string;
}

/** Inserts an organization under its parent, computing its materialized path. */
export async function createOrg(db: Kysely<DB>, input: NewOrg): Promise<{ id: string; path: string }> {
  const id = input.id ?? randomUUID();
  let parentPath = '/';
  if (input.parentId) {
    const parent = await db.selectFrom('orgs').select('path').where('id', '=', input.parentId).executeTakeFirst();
    if (!parent) throw badRequest('unknown-parent-org', '上级机构不存在 (unknown parent organization)', [{ name: 'parentId', reason: 'not found' }]);
    parentPath = parent.path;
  }
  const path = `${parentPath}${id}/`;
  await db
    .insertInto('orgs')
    .values({
      id,
      code: input.code,
      name: input.name,
      short_name: input.shortName ?? null,
      kind: input.kind,
      level: input.level,
      division_code: input.divisionCode,
      parent_id: input.parentId ?? null,
      path,
      credit_code: input.creditCode ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
    })
    .execute();
  return { id, path };
}

export async function getOrg(db: Kysely<DB>, id: string) {
  const org = await db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('org-not-found', `机构不存在 (organization ${id} not found)`);
  return org;
}

export async function listOrgs(db: Kysely<DB>) {
  return db.selectFrom('orgs').selectAll().orderBy('path').execute();
}

export async function upsertDivisions(
  db: Kysely<DB>,
  rows: { code: string; name: string; level: 'province' | 'prefecture' | 'county' | 'township' | 'village'; parentCode: string | null }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode }));
    await db.insertInto('divisions').values(chunk).onConflict((oc) => oc.column('code').doNothing()).execute();
  }
}
