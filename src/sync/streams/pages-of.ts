import type { SourcePage } from '../engine/stream-definition.js';
import type { SyncPaginated } from '../sync-client.js';

/** A client list's pages as the engine reads them, with Gong's announced total. */
export async function* pagesOf<T>(list: SyncPaginated<T>): AsyncIterable<SourcePage<T>> {
  for await (const page of list.pages()) yield { items: page.items, total: page.records?.totalRecords };
}
