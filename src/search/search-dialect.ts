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
import type { RankedSentence } from './ranked-sentence.js';
import type { StoredSentence } from './stored-sentence.js';
import type { SearchIndexStats } from './search-index-stats.js';
import type { ResolvedSearchOptions } from './search-options.js';

export interface SearchDialect {
  /** The best sentences of the store's connection for `query`, ranked (`documentId`: one call's transcript only). */
  rank(store: GongStore, query: QueryNode, options: ResolvedSearchOptions, documentId: number | undefined): Promise<RankedSentence[]>;
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
