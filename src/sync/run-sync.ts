/**
 * The one place a sync is run from settings — by `sync`, `demo`, `connections sync` and the
 * worker alike: it builds the Gong client (credentials, host, throttle, the day's budget and
 * Gong's clock offset, both kept in the store), links each page of calls to the CRM whenever the
 * store holds CRM records, runs the engine, and reports what happened.
 */
import { GongClient } from '../client/gong-client.js';
import type { GongClientOptions } from '../client/client-options.js';
import type { ClientEventListener } from '../client/client-events.js';
import { createCallLinker } from '../crm/link/call-linker.js';
import type { LinkReport } from '../crm/link/link-calls.js';
import type { GongStore } from '../store/gong-store.js';
import type { Clock } from '../util/clock.js';
import { syncGong, type SyncReport } from './sync-gong.js';
import type { SyncEvent } from './sync-events.js';
import type { SyncWindowOptions } from './sync-options.js';

export interface RunSyncOptions {
  store: GongStore;
  /**
   * How to reach Gong: credentials, host, rate, waits, `fetch` (what the CLI reads from flags and
   * the environment, the worker from a connection). The budget's counter and the clock offset
   * are the store's, whatever is given here.
   */
  client: Omit<GongClientOptions, 'clockOffsetStore' | 'onEvent'> & { dailyLimit?: number; budgetAccountKey?: string };
  /** Which streams, which windows (`--since`, `--until`, `--lookback`…). */
  sync?: SyncWindowOptions;
  onProgress?: (event: SyncEvent) => void;
  onClientEvent?: ClientEventListener;
  /** Stops between pages; what was committed stays and the next run resumes. */
  signal?: AbortSignal;
  /** Link calls to the CRM as they are stored, when the store holds CRM records (default true). */
  linkCrm?: boolean;
  clock?: Clock;
}

export interface RunSyncReport extends SyncReport {
  elapsedMs: number;
  /** Requests left in today's budget after the run. */
  budgetLeft: number | undefined;
  /** Whose daily budget the run spent (the Gong account's key, never a secret). */
  budgetAccountKey: string | undefined;
  /** What CRM linking did, when the store held CRM records (from the first stream that found them). */
  links?: LinkReport;
}

/**
 * @example
 * const report = await runSync({ store, client: { apiKey: process.env.GONG_API_KEY, baseUrl }, sync: { since: Date.parse('2026-09-01') } });
 */
export async function runSync(options: RunSyncOptions): Promise<RunSyncReport> {
  const started = Date.now();
  const { store } = options;
  const { dailyLimit, budgetAccountKey, budget, ...clientOptions } = options.client;
  const client = new GongClient({
    ...clientOptions,
    budget: budget ?? { dailyLimit, store: store.budgetStore(), ...(budgetAccountKey ? { accountKey: budgetAccountKey } : {}) },
    clockOffsetStore: store.clockOffsetStore(),
    onEvent: options.onClientEvent,
  });
  await client.restore();
  const linker = options.linkCrm !== false ? createCallLinker(store) : undefined;
  let report: SyncReport;
  try {
    report = await syncGong({
      ...options.sync,
      client,
      store,
      signal: options.signal,
      onProgress: options.onProgress,
      clock: options.clock,
      ...(linker ? { callsPageHook: { prepare: () => linker.prepare(), withinPage: (writer, ids) => linker.linkWithin(writer, ids) } } : {}),
    });
  } finally {
    await client.persist().catch(() => {});
  }
  return {
    ...report,
    elapsedMs: Date.now() - started,
    budgetLeft: client.budget?.remaining(),
    budgetAccountKey: client.budget?.accountKey,
    ...(linker?.active ? { links: linker.totals } : {}),
  };
}
