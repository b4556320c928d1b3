import type { Migration } from './column-types.js';

/**
 * Multi-tenant mode (docs/workers.md): the Gong connections a fleet of workers syncs, and the shared
 * per-company rate limit. Runs on both engines so the schema stays one, but only PostgreSQL
 * deployments use these tables (`connections` and `worker` commands refuse SQLite).
 *
 * - `connections.credentials` holds an AES-256-GCM envelope (never a secret in clear); the key's
 *   fingerprint is inside it, so a wrong `PANDORA_GONG_SECRET_KEY` is detected before decrypting.
 * - `limit_key` names whose rate limit and daily budget a connection spends: by default its own
 *   name; two connections to one Gong company share one key (docs/gong-api.md §2.5: limits are per
 *   company).
 * - `worker_rate_limits` is a GCRA cell per limit key: `next_at` is the earliest start of the next
 *   request, moved forward atomically by every worker that takes a slot.
 */
export const connections: Migration = {
  id: '004-connections',
  statements: (_engine, t) => [
    `CREATE TABLE connections (
      id ${t.text} PRIMARY KEY,
      base_url ${t.text} NOT NULL,
      auth_kind ${t.text} NOT NULL CHECK (auth_kind IN ('basic', 'bearer', 'oauth')),
      credentials ${t.text} NOT NULL,
      key_id ${t.text} NOT NULL,
      oauth_token_url ${t.text},
      since ${t.time},
      every_seconds ${t.int},
      daily_budget ${t.int},
      rate ${t.text} NOT NULL,
      limit_key ${t.text} NOT NULL,
      last_error ${t.text},
      last_error_at ${t.time},
      created_at ${t.time} NOT NULL,
      updated_at ${t.time} NOT NULL
    )`,
    `CREATE TABLE worker_rate_limits (
      limit_key ${t.text} PRIMARY KEY,
      next_at ${t.time} NOT NULL
    )`,
  ],
};
