import { sql } from 'kysely';
import type { GongStore } from '../store/gong-store.js';

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
export async function searchIndexStats(store: GongStore): Promise<SearchIndexStats> {
  const documents = await one(store, sql`SELECT count(*) AS n FROM gong_search_documents WHERE connection_id = ${store.connectionId}`);
  if (store.kind === 'sqlite') {
    const sentences = await one(store, sql`
      SELECT count(*) AS n FROM gong_search_sentences AS f JOIN gong_search_documents AS d ON d.id = (f.rowid >> 32)
      WHERE d.connection_id = ${store.connectionId}`);
    let bytes: number | null;
    try {
      // The FTS5 table lives in its shadow tables; the documents' key has an automatic index.
      bytes = await one(store, sql`SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name IN (
        'gong_search_documents', 'sqlite_autoindex_gong_search_documents_1', 'gong_search_monologues',
        'gong_search_sentences_data', 'gong_search_sentences_idx', 'gong_search_sentences_docsize', 'gong_search_sentences_config')`);
    } catch (error) {
      // Only a build without the `dbstat` virtual table is an unknown size; anything else is a failure.
      if (!/dbstat/i.test((error as Error).message)) throw error;
      bytes = null;
    }
    return { documents, sentences, bytes };
  }
  const sentences = await one(store, sql`SELECT count(*) AS n FROM gong_search_sentences WHERE connection_id = ${store.connectionId}`);
  const bytes = await one(store, sql`
    SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class AS c
    WHERE c.relname IN ('gong_search_documents', 'gong_search_sentences') AND c.relnamespace = current_schema()::regnamespace`);
  return { documents, sentences, bytes };
}

async function one(store: GongStore, query: ReturnType<typeof sql<{ n: number | string }>>): Promise<number> {
  const { rows } = await query.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}
