// Kysely queries of staff administration: accounts with their organization, scoped and paged.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

const USER_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.org_id',
  'u.roles',
  'u.window_code',
  'u.active',
  'u.password_must_change',
  'u.created_at',
  'o.name as org_name',
  'o.path as org_path',
] as const;

const usersWithOrg = (db: Q) => db.selectFrom('users as u').innerJoin('orgs as o', 'o.id', 'u.org_id');

export type UserRow = Awaited<ReturnType<typeof findUser>> & {};

export async function findUser(db: Q, id: string) {
  return usersWithOrg(db).select(USER_COLUMNS).where('u.id', '=', id).executeTakeFirst();
}

export interface UserFilter {
  /** Only accounts of organizations under this path; null = everywhere. */
  scopePath: string | null;
  /** Only accounts of this organization's subtree (its path). */
  subtreePath?: string;
  q?: string;
  role?: string;
  active?: boolean;
  after?: string;
  limit: number;
}

/** One page ordered by username (unique): keyset pagination, so a page costs the same at any depth. */
export async function listUsers(db: Q, f: UserFilter) {
  let query = usersWithOrg(db).select(USER_COLUMNS);
  if (f.scopePath) query = query.where('o.path', 'like', `${f.scopePath}%`);
  if (f.subtreePath) query = query.where('o.path', 'like', `${f.subtreePath}%`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (f.role) query = query.where((eb) => eb(eb.val(f.role!), '=', eb.fn.any('u.roles')));
  if (f.active !== undefined) query = query.where('u.active', '=', f.active);
  if (f.after) query = query.where('u.username', '>', f.after);
  return query.orderBy('u.username').limit(f.limit + 1).execute();
}

export async function findOrgPath(db: Q, orgId: string) {
  return db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', orgId).executeTakeFirst();
}

export async function usernameTaken(db: Q, username: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}
