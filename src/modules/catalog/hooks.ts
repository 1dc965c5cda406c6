// Extension points of the guide workflow. Other modules react to a publication (发布) inside the
// publishing transaction, so what they derive (e.g. the search index) never disagrees with the
// published record (同源发布, Art. 11): if a hook throws, the publication rolls back.
//
// SEARCH: src/modules/search registers here, at import time, e.g.
//   onGuidePublished((trx, e) => refreshSearchIndex(trx, e.implementationId));
// This is the single call site: runGuidePublishedHooks is called only from publishVersion
// (guide-service.ts). Likewise runItemChangedHooks is called only from updateCatalogItem, so a
// renamed or retired item (Art. 7) can be re-indexed or withdrawn in the same transaction.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface GuidePublishedEvent {
  implementationId: string;
  versionId: string;
  versionNo: number;
  effectiveFrom: string;
}

export type GuidePublishedHook = (trx: Transaction<DB>, event: GuidePublishedEvent) => Promise<void>;

// A Set: registering the same function twice (e.g. one per test app) runs it once.
const guidePublishedHooks = new Set<GuidePublishedHook>();

/** Registers a hook run inside the transaction that publishes a guide version. Returns an unregister function. */
export function onGuidePublished(hook: GuidePublishedHook): () => void {
  guidePublishedHooks.add(hook);
  return () => guidePublishedHooks.delete(hook);
}

export async function runGuidePublishedHooks(trx: Transaction<DB>, event: GuidePublishedEvent): Promise<void> {
  for (const hook of guidePublishedHooks) await hook(trx, event);
}

export interface ItemChangedEvent {
  itemId: string;
  /** The fields that changed, e.g. ['name', 'status']. */
  fields: string[];
}

export type ItemChangedHook = (trx: Transaction<DB>, event: ItemChangedEvent) => Promise<void>;

const itemChangedHooks = new Set<ItemChangedHook>();

/** Registers a hook run inside the transaction that updates (renames, retires) a catalog item. */
export function onItemChanged(hook: ItemChangedHook): () => void {
  itemChangedHooks.add(hook);
  return () => itemChangedHooks.delete(hook);
}

export async function runItemChangedHooks(trx: Transaction<DB>, event: ItemChangedEvent): Promise<void> {
  for (const hook of itemChangedHooks) await hook(trx, event);
}
