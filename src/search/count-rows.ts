import type { RawBuilder } from 'kysely';
import type { GongStore } from '../store/gong-store.js';

/** The `n` of a one-row count query, on the store's connection-scoped handle. */
export async function countRows(store: GongStore, query: RawBuilder<{ n: number | string }>): Promise<number> {
  const { rows } = await query.execute(store.scoped);
  return Number(rows[0]?.n ?? 0);
}
