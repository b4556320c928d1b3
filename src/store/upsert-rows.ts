import type { Kysely } from 'kysely';
import type { Database } from './schema/index.js';
import type { UntypedKysely } from './untyped-kysely.js';

/**
 * Multi-row `INSERT … ON CONFLICT (key) DO UPDATE SET col = excluded.col`, chunked so a
 * statement never carries more bound parameters than the engine allows. The same SQL works on
 * SQLite and PostgreSQL.
 */
export async function upsertRows<T extends keyof Database & string>(
  tx: Kysely<Database>,
  table: T,
  rows: readonly Database[T][],
  key: readonly (keyof Database[T] & string)[],
  maxParameters: number,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!) as (keyof Database[T] & string)[];
  const updates = columns.filter((c) => !key.includes(c));
  const perStatement = Math.max(1, Math.floor(maxParameters / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    // Untyped: one statement shape for every table (the signature above keeps callers typed).
    await (tx as UntypedKysely)
      .insertInto(table as string)
      .values([...chunk])
      .onConflict((oc) => {
        const target = oc.columns([...key]);
        if (updates.length === 0) return target.doNothing();
        return target.doUpdateSet((eb) => Object.fromEntries(updates.map((c) => [c, eb.ref(`excluded.${c}`)])));
      })
      .execute();
  }
}

/** Splits ids for `WHERE id IN (…)` so each statement stays within the parameter ceiling. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
