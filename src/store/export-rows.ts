import { sql } from 'kysely';
import type { GongStore } from './gong-store.js';
import type { UntypedKysely } from './untyped-kysely.js';

interface ExportSpec {
  table: string;
  key: readonly string[];
  /** The product columns (README.md, "Storage and schema"), in order; internal bookkeeping columns are left out. */
  columns: readonly string[];
  booleans?: readonly string[];
  json?: readonly string[];
}

/** What `pandora-gong export` can stream, and from which table. */
export const EXPORT_STREAMS = {
  users: {
    table: 'gong_users',
    key: ['id'],
    columns: ['id', 'email', 'first_name', 'last_name', 'title', 'manager_id', 'active', 'created_at', 'deleted_at', 'raw'],
    booleans: ['active'],
    json: ['raw'],
  },
  calls: {
    table: 'gong_calls',
    key: ['id'],
    columns: ['id', 'title', 'scheduled_at', 'started_at', 'duration_seconds', 'primary_user_id', 'direction', 'scope', 'media', 'system', 'language', 'workspace_id', 'url', 'is_private', 'raw'],
    booleans: ['is_private'],
    json: ['raw'],
  },
  call_parties: {
    table: 'gong_call_parties',
    key: ['call_id', 'party_id'],
    columns: ['call_id', 'party_id', 'speaker_id', 'user_id', 'email', 'name', 'title', 'affiliation', 'phone'],
  },
  transcripts: {
    table: 'gong_transcripts',
    key: ['call_id'],
    columns: ['call_id', 'segments', 'text', 'fetched_at'],
    json: ['segments'],
  },
  call_links: {
    table: 'gong_call_links',
    key: ['call_id', 'crm_object_type', 'crm_object_id'],
    columns: ['call_id', 'crm_object_type', 'crm_object_id', 'method', 'confidence', 'linked_at'],
  },
  crm_accounts: { table: 'crm_accounts', key: ['id'], columns: ['id', 'name', 'domain', 'website', 'source'] },
  crm_contacts: { table: 'crm_contacts', key: ['id'], columns: ['id', 'email', 'account_id', 'first_name', 'last_name', 'source'] },
  crm_deals: {
    table: 'crm_deals',
    key: ['id'],
    columns: ['id', 'name', 'account_id', 'stage', 'amount', 'created_at', 'close_date', 'is_closed', 'is_won', 'source'],
    booleans: ['is_closed', 'is_won'],
  },
} as const satisfies Record<string, ExportSpec>;

export type ExportStream = keyof typeof EXPORT_STREAMS;

const PAGE = 1000;

/**
 * A table's rows in key order, read a page at a time by keyset (never all in memory, never a
 * growing OFFSET), with booleans as booleans and JSON columns as values, identically from both
 * engines.
 */
export async function* exportRows(store: GongStore, stream: ExportStream): AsyncGenerator<Record<string, unknown>> {
  const spec: ExportSpec = EXPORT_STREAMS[stream];
  const db = store.db as UntypedKysely;
  const keyList = sql.join(spec.key.map((k) => sql.ref(k)));
  let after: unknown[] | undefined;
  for (;;) {
    let query = db
      .selectFrom(spec.table)
      .select([...new Set([...spec.columns, ...spec.key])])
      .where('connection_id', '=', store.connectionId);
    if (after) {
      const values = sql.join(after.map((v) => sql`${v}`));
      query = query.where(sql<boolean>`(${keyList}) > (${values})`);
    }
    for (const key of spec.key) query = query.orderBy(key);
    const rows = await query.limit(PAGE).execute();
    for (const row of rows) yield shape(row, spec);
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = spec.key.map((k) => last[k]);
  }
}

function shape(row: Record<string, unknown>, spec: ExportSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of spec.columns) {
    const value = row[column];
    if (spec.booleans?.includes(column)) out[column] = value === null ? null : Boolean(value);
    else if (spec.json?.includes(column)) out[column] = typeof value === 'string' ? JSON.parse(value) : value;
    else out[column] = value;
  }
  return out;
}
