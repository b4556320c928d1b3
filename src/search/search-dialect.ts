/**
 * Search's engine seam: what full-text search does differently on SQLite (FTS5, `search/sqlite/`)
 * and PostgreSQL (`tsvector` + GIN, `search/postgres/`), behind one small interface chosen once
 * from the store's engine. The rest of search (parsing, filters, hits, snippets) is shared and
 * has no engine branch. The index itself is created by migration `003-search`.
 */
import type { Engine } from '../store/migrations/index.js';
import type { GongStore } from '../store/gong-store.js';
import type { StoreWriter } from '../store/store-writer.js';
import { sqliteSearchDialect } from './sqlite/sqlite-search-dialect.js';
import { postgresSearchDialect } from './postgres/postgres-search-dialect.js';
import type { QueryNode } from './query-ast.js';
import type { PagedSentence, RankedSentence } from './ranked-sentence.js';
import type { StoredSentence } from './stored-sentence.js';
import type { SearchIndexStats } from './search-index-stats.js';
import type { ResolvedSearchOptions } from './search-options.js';
import type { Contains } from './search-filters.js';

export interface SearchDialect {
  /** `needle` (already lower-cased) occurs in `haystack`, ignoring case, as the filters compare. */
  contains: Contains;
  /** The best sentences of the store's connection for `query`, ranked (`documentId`: one call's transcript only). */
  rank(store: GongStore, query: QueryNode, options: ResolvedSearchOptions, documentId: number | undefined): Promise<RankedSentence[]>;
  /**
   * One transcript's matches in transcript order after sentence id `after`, at most `limit`
   * (with `perCall`, its best one): the pages of `searchAllTranscripts`.
   */
  documentMatches(
    store: GongStore,
    query: QueryNode,
    options: ResolvedSearchOptions,
    documentId: number,
    after: number | undefined,
    limit: number,
  ): Promise<PagedSentence[]>;
  /** The stored sentence of each ranked row, by the row's index. */
  readSentences(store: GongStore, ranked: readonly RankedSentence[]): Promise<Map<number, StoredSentence>>;
  /** Re-indexes the writer's connection inside its transaction. */
  rebuild(writer: StoreWriter): Promise<void>;
  indexStats(store: GongStore): Promise<SearchIndexStats>;
}

const DIALECTS: Record<Engine, SearchDialect> = { sqlite: sqliteSearchDialect, postgres: postgresSearchDialect };

/** @example const ranked = await searchDialectOf(store).rank(store, ast, options, undefined); */
export function searchDialectOf(store: GongStore): SearchDialect {
  return DIALECTS[store.kind];
}
