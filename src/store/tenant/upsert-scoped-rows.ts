import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import { upsertRows } from '../upsert-rows.js';

/** A row of a tenant table as feature code writes it: the scope fills `connection_id`. */
export type ScopedRow<T extends keyof Database> = Omit<Database[T], 'connection_id'>;

/**
 * `upsertRows` on a connection-scoped handle (`store.scoped`, `writer.scoped`): rows and key
 * without `connection_id`, which the scope adds to every row and to the conflict target.
 *
 * @example await upsertScopedRows(writer.scoped, 'crm_accounts', rows, ['id'], store.engine.maxParameters);
 */
export function upsertScopedRows<T extends keyof Database & string>(
  scoped: Kysely<Database>,
  table: T,
  rows: readonly ScopedRow<T>[],
  key: readonly (keyof ScopedRow<T> & string)[],
  maxParameters: number,
): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  // The scope adds one bound parameter per row: leave room for it in each statement.
  const columns = Object.keys(rows[0]!).length;
  const budget = Math.floor(maxParameters / (columns + 1)) * columns;
  return upsertRows(scoped, table, rows as unknown as Database[T][], key as unknown as (keyof Database[T] & string)[], budget);
}
