/**
 * The tables of migration `004-connections`, as Kysely sees them. Kept here rather than in
 * `store/schema.ts` so that multi-tenant mode stays one folder; `connectionsDb()` gives a view of
 * the store's Kysely instance that knows them.
 */
import type { Kysely } from 'kysely';
import type { GongStore } from '../store/gong-store.js';
import type { Database, DbTime } from '../store/schema/index.js';

export interface ConnectionsTable {
  /** The connection's name: also the `connection_id` of every row it syncs. */
  id: string;
  /** API host; for OAuth, the `api_base_url_for_customer` of the last token response. */
  base_url: string;
  auth_kind: 'basic' | 'bearer' | 'oauth';
  /** AES-256-GCM envelope of the secrets (`credential-box.ts`), never plain text. */
  credentials: string;
  /** Fingerprint of the key that sealed `credentials`. */
  key_id: string;
  oauth_token_url: string | null;
  /** Start of the history the first sync backfills. */
  since: DbTime | null;
  /** Scheduled syncs: seconds between the end of one and the start of the next; null = on demand only. */
  every_seconds: number | null;
  /** Requests per UTC day; null = Gong's default 10,000. */
  daily_budget: number | null;
  /** Rate spec (`3/s`, `3/s,100/min`) or `off`. */
  rate: string;
  /** Whose rate limit and daily budget this connection spends (the name, unless shared). */
  limit_key: string;
  last_error: string | null;
  last_error_at: DbTime | null;
  created_at: DbTime;
  updated_at: DbTime;
}

export interface WorkerRateLimitsTable {
  limit_key: string;
  /** GCRA's theoretical arrival time: the earliest start of the next request. */
  next_at: DbTime;
}

export interface ConnectionsDatabase extends Database {
  connections: ConnectionsTable;
  worker_rate_limits: WorkerRateLimitsTable;
}

/**
 * The store's Kysely instance typed with the multi-tenant tables.
 *
 * @example const row = await connectionsDb(store).selectFrom('connections').selectAll().execute();
 */
export function connectionsDb(store: GongStore): Kysely<ConnectionsDatabase> {
  return store.db as unknown as Kysely<ConnectionsDatabase>;
}
