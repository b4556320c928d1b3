import type { GongStore } from '../store/gong-store.js';
import { searchDialectOf } from './search-dialect.js';

export interface SearchIndexStats {
  /** Transcripts indexed for the store's connection. */
  documents: number;
  /** Sentences indexed for the store's connection. */
  sentences: number;
  /**
   * Bytes the whole index takes on disk, all connections (tables and their indexes), or null
   * when the database cannot tell (an SQLite build without the `dbstat` table).
   */
  bytes: number | null;
}

/**
 * @example
 * await searchIndexStats(store) // { documents: 3943, sentences: 1090253, bytes: 79691776 }
 */
export function searchIndexStats(store: GongStore): Promise<SearchIndexStats> {
  return searchDialectOf(store).indexStats(store);
}
