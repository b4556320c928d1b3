/**
 * Multi-tenant mode (migration `004-connections`): the Gong connections a fleet of workers syncs,
 * and the shared per-company rate limit. Only PostgreSQL deployments use them.
 */
import { int, text, textOf, time } from '../column.js';
import { defineTable } from '../table.js';

export const connections = defineTable({
  name: 'connections',
  description: 'Gong connections of multi-tenant mode, with sealed credentials.',
  key: ['id'],
  tenant: false,
  columns: {
    /** The connection's name: also the `connection_id` of every row it syncs. */
    id: text(),
    /** API host; for OAuth, the `api_base_url_for_customer` of the last token response. */
    base_url: text(),
    auth_kind: textOf<'basic' | 'bearer' | 'oauth'>(),
    /** AES-256-GCM envelope of the secrets (`credential-box.ts`), never plain text. */
    credentials: text(),
    /** Fingerprint of the key that sealed `credentials`. */
    key_id: text(),
    oauth_token_url: text().nullable(),
    /** Start of the history the first sync backfills. */
    since: time().nullable(),
    /** Scheduled syncs: seconds between the end of one and the start of the next; null = on demand only. */
    every_seconds: int().nullable(),
    /** Requests per UTC day; null = Gong's default 10,000. */
    daily_budget: int().nullable(),
    /** Rate spec (`3/s`, `3/s,100/min`) or `off`. */
    rate: text(),
    /** Whose rate limit and daily budget this connection spends (the name, unless shared). */
    limit_key: text(),
    last_error: text().nullable(),
    last_error_at: time().nullable(),
    created_at: time(),
    updated_at: time(),
  },
});

export const workerRateLimits = defineTable({
  name: 'worker_rate_limits',
  description: 'The shared rate limit of each Gong company (a GCRA cell).',
  key: ['limit_key'],
  tenant: false,
  columns: {
    limit_key: text(),
    /** GCRA's theoretical arrival time: the earliest start of the next request. */
    next_at: time(),
  },
});
