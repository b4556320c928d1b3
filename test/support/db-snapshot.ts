import type { GongStore } from '../../src/store/gong-store.js';
import { openStore } from '../../src/store/open-store.js';
import type { UntypedKysely } from '../../src/store/untyped-kysely.js';

/** Columns that record *when* we wrote, not *what* Gong said: left out of comparisons. */
const VOLATILE = new Set(['synced_at', 'fetched_at', 'seen_run_id', 'seen_pass_id', 'linked_at', 'imported_at', 'connection_id']);

const TABLES: Record<string, string[]> = {
  gong_users: ['id'],
  gong_calls: ['id'],
  gong_call_parties: ['call_id', 'party_id'],
  gong_transcripts: ['call_id'],
  gong_call_links: ['call_id', 'crm_object_type', 'crm_object_id'],
};

/**
 * The product tables of one connection as sorted plain rows, for "same data as a clean run"
 * assertions: JSON columns parsed, booleans as booleans, bookkeeping timestamps dropped.
 */
export async function snapshot(store: GongStore, tables: string[] = Object.keys(TABLES)): Promise<Record<string, Record<string, unknown>[]>> {
  const db = store.allTenants as UntypedKysely;
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables) {
    let query = db.selectFrom(table).selectAll().where('connection_id', '=', store.connectionId);
    for (const key of TABLES[table]!) query = query.orderBy(key);
    const rows = await query.execute();
    out[table] = rows.map((row) => {
      const clean: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) {
        if (VOLATILE.has(k)) continue;
        if (k === 'raw' || k === 'segments') clean[k] = typeof v === 'string' ? JSON.parse(v) : v;
        else if (k === 'active' || k === 'is_private') clean[k] = v === null ? null : Boolean(v);
        else if (k === 'deleted_at') clean[k] = v === null ? null : 'deleted';
        else clean[k] = v;
      }
      return clean;
    });
  }
  return out;
}

/** `snapshot()` of a database given by its location (a file another process wrote, or a URL). */
export async function snapshotOf(location: string, tables?: string[]): Promise<Record<string, Record<string, unknown>[]>> {
  const store = await openStore(location);
  try {
    return await snapshot(store, tables);
  } finally {
    await store.close();
  }
}
