/**
 * Removing a connection removes everything it owns, in one transaction: its rows in every table
 * that has a `connection_id` column (found in the catalog, so tables added by later migrations
 * are covered without a list to maintain), its `store_meta` entries, its rate-limit cell and
 * request counts (unless another connection shares them), and the connection row itself.
 * Nothing of any other connection is touched.
 */
import { sql, type Kysely } from 'kysely';
import { SyncLockedError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import type { Database } from '../store/schema/index.js';
import { UnknownConnectionError } from './connection-errors.js';
import type { ConnectionsDatabase } from './connection-tables.js';

/**
 * Tables with a `connection_id` column, from the database's own catalog.
 *
 * @example await tablesWithConnectionId(store) // ['crm_accounts', 'gong_calls', …]
 */
export async function tablesWithConnectionId(store: GongStore): Promise<string[]> {
  if (store.kind === 'postgres') {
    const { rows } = await sql<{ table_name: string }>`
      SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.column_name = 'connection_id' AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name`.execute(store.db);
    return rows.map((r) => r.table_name);
  }
  const { rows } = await sql<{ name: string }>`
    SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
    WHERE m.type = 'table' AND p.name = 'connection_id' ORDER BY m.name`.execute(store.db);
  return rows.map((r) => r.name);
}

/**
 * Rows a connection owns, per table (for the confirmation prompt and for tests).
 *
 * @example await connectionRowCounts(store, 'acme') // { gong_calls: 1200, gong_transcripts: 1100, … }
 */
export async function connectionRowCounts(store: GongStore, name: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tablesWithConnectionId(store)) {
    const { rows } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE connection_id = ${name}`.execute(store.db);
    out[table] = Number(rows[0]?.n ?? 0);
  }
  return out;
}

export interface RemoveConnectionOptions {
  /** Runs first inside the deleting transaction (the job queue cancels the connection's jobs there). */
  inTransaction?: (tx: Kysely<Database>) => Promise<void>;
}

/**
 * Deletes a connection and all its rows. Refuses while a sync of it runs (its lock is held, or
 * `inTransaction` finds its job active), so no page can be committed after the delete.
 *
 * @example const deleted = await removeConnection(store, 'acme'); // { gong_calls: 1200, … }
 * @throws UnknownConnectionError, SyncLockedError (exit 5)
 */
export async function removeConnection(store: GongStore, name: string, options: RemoveConnectionOptions = {}): Promise<Record<string, number>> {
  const db = store.db as unknown as Kysely<ConnectionsDatabase>;
  const connection = await db.selectFrom('connections').select(['id', 'limit_key']).where('id', '=', name).executeTakeFirst();
  if (!connection) throw new UnknownConnectionError(name);
  const lock = await store.forConnection(name).tryLockSync();
  if (!lock) throw new SyncLockedError(`a sync of connection "${name}" is running: stop it (or wait for it to finish) and remove again`);
  try {
    const tables = await tablesWithConnectionId(store);
    return await store.engine.write(async (raw) => {
      await options.inTransaction?.(raw);
      const tx = raw as unknown as Kysely<ConnectionsDatabase>;
      const deleted: Record<string, number> = {};
      for (const table of tables) {
        const result = await sql`DELETE FROM ${sql.table(table)} WHERE connection_id = ${name}`.execute(tx);
        deleted[table] = Number(result.numAffectedRows ?? 0);
      }
      // Keys such as `gong-clock-offset-ms:<connection>` (the sync's per-connection metadata).
      const meta = await tx.selectFrom('store_meta').select('key').execute();
      const mine = meta.map((m) => m.key).filter((key) => key.endsWith(`:${name}`));
      if (mine.length > 0) await tx.deleteFrom('store_meta').where('key', 'in', mine).execute();
      const sharers = await tx
        .selectFrom('connections')
        .select('id')
        .where('limit_key', '=', connection.limit_key)
        .where('id', '!=', name)
        .executeTakeFirst();
      if (!sharers) {
        await tx.deleteFrom('request_budget').where('account_key', '=', connection.limit_key).execute();
        await tx.deleteFrom('worker_rate_limits').where('limit_key', '=', connection.limit_key).execute();
      }
      await tx.deleteFrom('connections').where('id', '=', name).execute();
      return deleted;
    });
  } finally {
    await lock.release();
  }
}
