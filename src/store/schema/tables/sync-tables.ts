/** The sync's own bookkeeping: state per stream, runs, the daily request budget, store metadata. */
import { int, json, text, time } from '../column.js';
import { defineTable } from '../table.js';

/** Per-stream sync state: the watermark moves only when a window completes. */
export const syncState = defineTable({
  name: 'sync_state',
  description: 'Watermarks and progress markers of each stream.',
  key: ['stream'],
  tenant: true,
  columns: {
    stream: text(),
    /** End of the last completed window (UTC ISO), or null before the first. */
    watermark: time().nullable(),
    /** Start of what completed windows cover: `[backfill_from, watermark)` is synced. */
    backfill_from: time().nullable(),
    /** JSON progress marker of a window in flight (`WindowProgress`), or null. */
    progress: json().nullable(),
    /** When this stream last finished a complete, error-free pass. */
    completed_at: time().nullable(),
    updated_at: time(),
  },
});

/** One row per `sync` run: what `status` reports as "last runs". */
export const syncRuns = defineTable({
  name: 'sync_runs',
  description: 'Sync runs: when, how they ended, what they did.',
  key: ['id'],
  tenant: true,
  columns: {
    id: text(),
    started_at: time(),
    finished_at: time().nullable(),
    /** `running`, `completed`, `stopped` (budget or rate limit: resumable), `failed`. */
    status: text(),
    error: text().nullable(),
    /** JSON counts: records per stream, deletions, requests. */
    stats: json().nullable(),
  },
});

/** Requests sent per Gong account per UTC day (Gong's 10,000/day is per company). */
export const requestBudget = defineTable({
  name: 'request_budget',
  description: 'Requests sent per Gong account and UTC day.',
  key: ['account_key', 'day'],
  tenant: false,
  columns: {
    account_key: text(),
    day: text(),
    used: int(),
    updated_at: time(),
  },
});

/** Small facts kept across runs, such as Gong's clock offset per connection. */
export const storeMeta = defineTable({
  name: 'store_meta',
  description: 'Store metadata.',
  key: ['key'],
  tenant: false,
  columns: {
    key: text(),
    value: text(),
  },
});
