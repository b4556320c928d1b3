/**
 * Typed access to the CRM tables, `crm_deal_contacts` included, on the store's Kysely instance.
 * The store is typed with the tables of `001-initial`; these helpers widen it once, here.
 */
import type { Kysely } from 'kysely';
import type { GongStore } from '../store/gong-store.js';
import { upsertRows } from '../store/upsert-rows.js';
import type { CrmDatabase } from './crm-tables.js';
import type { UntypedKysely } from '../store/untyped-kysely.js';

/**
 * The store's database, seen with the CRM tables.
 *
 * @example await crmDb(store).selectFrom('crm_deal_contacts').selectAll().where('connection_id', '=', store.connectionId).execute();
 */
export function crmDb(store: GongStore): Kysely<CrmDatabase> {
  return store.db as unknown as Kysely<CrmDatabase>;
}

/**
 * A write transaction's Kysely, seen with the CRM tables.
 *
 * @example await store.write((w) => crmTx(w.tx).deleteFrom('crm_deal_contacts').where('connection_id', '=', store.connectionId).execute());
 */
export function crmTx(tx: UntypedKysely): Kysely<CrmDatabase> {
  return tx as Kysely<CrmDatabase>;
}

/**
 * `upsertRows` (chunked multi-row upsert) for any table of `CrmDatabase`.
 *
 * @example await upsertCrmRows(tx, 'crm_deal_contacts', rows, ['connection_id', 'deal_id', 'contact_id'], store.engine.maxParameters);
 */
export function upsertCrmRows<T extends keyof CrmDatabase & string>(
  tx: Kysely<CrmDatabase>,
  table: T,
  rows: readonly CrmDatabase[T][],
  key: readonly (keyof CrmDatabase[T] & string)[],
  maxParameters: number,
): Promise<void> {
  const upsert = upsertRows as unknown as (
    tx: Kysely<CrmDatabase>,
    table: T,
    rows: readonly CrmDatabase[T][],
    key: readonly (keyof CrmDatabase[T] & string)[],
    maxParameters: number,
  ) => Promise<void>;
  return upsert(tx, table, rows, key, maxParameters);
}
