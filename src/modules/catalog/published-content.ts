// The content of a published guide version, by id, from a small in-process cache. A published
// version never changes (Art. 12: a change is a new version), so its parsed content can be kept:
// every action on a case needs its guide, and reading and parsing the whole guide each time was a
// large part of an action's cost. Drafts are never cached.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { GuideContent } from './guide-content.js';

const MAX_ENTRIES = 1000;
const cache = new Map<string, GuideContent>();

/** The content of guide version `id`; throws when there is no such version. */
export async function guideContentOf(db: Kysely<DB> | Transaction<DB>, id: string): Promise<GuideContent> {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await db.selectFrom('guide_versions').select(['content', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  if (row.status === 'published') {
    // Oldest first out: a Map iterates in insertion order.
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(id, row.content);
  }
  return row.content;
}

/**
 * Forgets a cached version. The platform never rewrites a published version; a test that does so
 * in the database (to give an existing guide another result kind, say) calls this afterwards.
 */
export function forgetGuideContent(id: string): void {
  cache.delete(id);
}
