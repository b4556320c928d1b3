import { sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import { LOCK_NAMESPACE } from './lock-namespace.js';

/** PostgreSQL's side of `StoreDialect`: JSON stored as `jsonb`, read with `->`. */
export const postgresDialect: StoreDialect = {
  jsonText: (column, key) => sql<string | null>`(${sql.ref(column)} -> ${key}::text)::text`,
  async tablesWithColumn(db, column) {
    const { rows } = await sql<{ table_name: string }>`
      SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.column_name = ${column} AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name`.execute(db);
    return rows.map((r) => r.table_name);
  },
  multiTenant: true,
  async lockLinks(tx, connectionId) {
    // The connection id is bound on its own, as the tenant scope demands of raw SQL.
    await sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext('links:' || ${connectionId}))`.execute(tx);
  },
};
