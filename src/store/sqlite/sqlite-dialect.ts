import { sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';

/** SQLite's side of `StoreDialect`: JSON stored as text, read with `json_extract`. */
export const sqliteDialect: StoreDialect = {
  // `json_extract` of an object or array returns its JSON text; of a string, the string.
  jsonText: (column, key) => sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`,
  async tablesWithColumn(db, column) {
    const { rows } = await sql<{ name: string }>`
      SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
      WHERE m.type = 'table' AND p.name = ${column} ORDER BY m.name`.execute(db);
    return rows.map((r) => r.name);
  },
  multiTenant: false,
  // Every write transaction starts with BEGIN IMMEDIATE: writers of the file already take turns.
  lockLinks: async () => {},
};
