import type { GongStore } from '../store/gong-store.js';
import type { StoreWriter } from '../store/store-writer.js';
import type { RunStats } from '../store/records.js';
import type { SyncClient } from './sync-client.js';
import type { StreamName, SyncEvent } from './sync-events.js';

/** Options after defaults are applied: what every stream reads. */
export interface ResolvedSyncOptions {
  streams: StreamName[];
  /** Explicit start of the calls window (epoch ms); otherwise the watermark minus the lookback. */
  since: number | undefined;
  /** Explicit end of the calls window (epoch ms); otherwise Gong's now when the stream starts. */
  until: number | undefined;
  /** First backfill reaches this far back when no `since` is given. */
  initialBackfillMs: number;
  lookbackMs: number;
  /** Once per `recheckEveryMs` the window reaches this far back, to find calls turned private. */
  recheckWindowMs: number;
  recheckEveryMs: number;
  includePrivate: boolean;
  /** Calls older than this with no transcript yet are given up on after one more try. */
  transcriptGiveUpMs: number;
  /** How many times one window may restart after an expired or repeated cursor. */
  maxWindowRestarts: number;
}

/** Everything a stream needs during one run. */
export interface SyncContext {
  client: SyncClient;
  store: GongStore;
  runId: string;
  options: ResolvedSyncOptions;
  stats: RunStats;
  /** Gong's clock: local time corrected by the offset measured from Gong's `Date` headers. */
  now(): number;
  emit(event: SyncEvent): void;
  /** Throws the abort reason when the caller asked the sync to stop (checked between pages). */
  checkpoint(): void;
  callsPageHook: CallsPageHook | undefined;
}

/** Work that commits with each page of calls (see `SyncOptions.callsPageHook`). */
export interface CallsPageHook {
  prepare?(): Promise<void>;
  withinPage(writer: StoreWriter, storedCallIds: string[]): Promise<unknown>;
}

export function emptyStats(): RunStats {
  return {
    users: 0,
    deletedUsers: 0,
    calls: 0,
    parties: 0,
    privateSkipped: 0,
    deletedCalls: 0,
    transcripts: 0,
    transcriptsPending: 0,
    transcriptsGaveUp: 0,
    requests: 0,
  };
}
