import { sql } from 'kysely';
import type { GongStore } from '../../store/gong-store.js';
import { countRows } from '../count-rows.js';
import type { SearchIndexStats } from '../search-index-stats.js';

/** The PostgreSQL index: documents and sentences of the connection, and the two tables' size on disk. */
export async function searchIndexStatsPostgres(store: GongStore): Promise<SearchIndexStats> {
  const documents = await countRows(store, sql`SELECT count(*) AS n FROM gong_search_documents WHERE connection_id = ${store.connectionId}`);
  const sentences = await countRows(store, sql`SELECT count(*) AS n FROM gong_search_sentences WHERE connection_id = ${store.connectionId}`);
  // A database-wide figure (all connections), so it runs unscoped.
  const { rows } = await sql<{ n: string | number }>`
    SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class AS c
    WHERE c.relname IN ('gong_search_documents', 'gong_search_sentences') AND c.relnamespace = current_schema()::regnamespace`.execute(store.allTenants);
  return { documents, sentences, bytes: Number(rows[0]?.n ?? 0) };
}
