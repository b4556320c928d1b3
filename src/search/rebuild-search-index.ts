import type { GongStore } from '../store/gong-store.js';
import { searchDialectOf } from './search-dialect.js';
import { searchIndexStats, type SearchIndexStats } from './search-index-stats.js';

/**
 * Re-indexes every stored transcript of the store's connection, in one transaction. The
 * triggers keep the index exact on their own; this is for a database whose index was dropped
 * or edited by hand, and for measuring a full build. Uses the same statements as migration
 * 003's backfill, so a rebuilt index is the one the triggers would have built.
 *
 * @example
 * const { sentences, bytes } = await rebuildSearchIndex(await openStore('./pandora-gong.db'));
 */
export async function rebuildSearchIndex(store: GongStore): Promise<SearchIndexStats> {
  await store.write((writer) => searchDialectOf(store).rebuild(writer));
  return searchIndexStats(store);
}
