import { sql } from 'kysely';
import type { GongStore } from '../../store/gong-store.js';
import { countRows } from '../count-rows.js';
import type { SearchIndexStats } from '../search-index-stats.js';

/** The SQLite index: documents, FTS5 sentences (keyed under their document), and its pages from `dbstat`. */
export async function searchIndexStatsSqlite(store: GongStore): Promise<SearchIndexStats> {
  const documents = await countRows(store, sql`SELECT count(*) AS n FROM gong_search_documents WHERE connection_id = ${store.connectionId}`);
  const sentences = await countRows(store, sql`
    SELECT count(*) AS n FROM gong_search_sentences AS f JOIN gong_search_documents AS d ON d.id = (f.rowid >> 32)
    WHERE d.connection_id = ${store.connectionId}`);
  let bytes: number | null;
  try {
    // The FTS5 table lives in its shadow tables; the documents' key has an automatic index.
    // A database-wide figure (all connections), so it runs unscoped.
    const { rows } = await sql<{ n: number }>`SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name IN (
      'gong_search_documents', 'sqlite_autoindex_gong_search_documents_1', 'gong_search_monologues',
      'gong_search_sentences_data', 'gong_search_sentences_idx', 'gong_search_sentences_docsize', 'gong_search_sentences_config')`.execute(store.allTenants);
    bytes = Number(rows[0]?.n ?? 0);
  } catch (error) {
    // Only a build without the `dbstat` virtual table is an unknown size; anything else is a failure.
    if (!/dbstat/i.test((error as Error).message)) throw error;
    bytes = null;
  }
  return { documents, sentences, bytes };
}
