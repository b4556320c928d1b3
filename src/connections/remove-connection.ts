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

/**
 * Tables with a `connection_id` column, from the database's own catalog.
 *
 * @example await tablesWithConnectionId(store) // ['crm_accounts', 'gong_calls', …]
 */
export function tablesWithConnectionId(store: GongStore): Promise<string[]> {
  return store.dialect.tablesWithColumn(store.allTenants, 'connection_id');
}

/**
 * Rows a connection owns, per table (for the confirmation prompt and for tests).
 *
 * @example await connectionRowCounts(store, 'acme') // { gong_calls: 1200, gong_transcripts: 1100, … }
 */
export async function connectionRowCounts(store: GongStore, name: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tablesWithConnectionId(store)) {
    const { rows } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE connection_id = ${name}`.execute(store.allTenants);
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
  // Removing a connection is admin work on another tenant's rows: explicitly across tenants.
  const db = store.allTenants;
  const connection = await db.selectFrom('connections').select(['id', 'limit_key']).where('id', '=', name).executeTakeFirst();
  if (!connection) throw new UnknownConnectionError(name);
  const lock = await store.forConnection(name).tryLockSync();
  if (!lock) throw new SyncLockedError(`a sync of connection "${name}" is running: stop it (or wait for it to finish) and remove again`);
  try {
    const tables = await tablesWithConnectionId(store);
    return await store.engine.write(async (raw) => {
      await options.inTransaction?.(raw);
      const tx = raw;
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
