/**
 * The few pieces of SQL that differ between SQLite and PostgreSQL and that feature code needs,
 * behind one interface chosen once with the engine (`sqlite/sqlite-dialect.ts`,
 * `postgres/postgres-dialect.ts`), so feature code never branches on the engine.
 * Search has its own, larger seam (`src/search/search-dialect.ts`).
 */
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema/index.js';

export interface StoreDialect {
  /**
   * The text of one top-level key of a JSON column (`null` when absent), taken out by the
   * database so the rest of a large document never reaches JavaScript.
   *
   * @example store.scoped.selectFrom('gong_calls').select(store.dialect.jsonText('raw', 'context').as('context'))
   */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /** Tables of the database (the dialects' own search tables included) that have this column, from its catalog. */
  tablesWithColumn(db: Kysely<Database>, column: string): Promise<string[]>;
  /**
   * Whether this engine runs multi-tenant mode (connections, workers, the fleet's status):
   * PostgreSQL does; a SQLite file serves one company.
   */
  readonly multiTenant: boolean;
  /**
   * Makes the writers of one connection's call links take turns, inside a write transaction
   * until it ends: a standalone `link` and a sync linking its pages each read calls and write
   * links in one transaction, and must not interleave. SQLite's write lock does it already.
   */
  lockLinks(tx: Kysely<Database>, connectionId: string): Promise<void>;
}
