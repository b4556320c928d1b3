/** Everything a stream sees during one run. */
import type { SyncSink } from '../sink/sync-sink.js';
import type { SyncClient } from '../sync-client.js';
import type { SyncEvent } from '../sync-events.js';
import type { ResolvedSyncOptions } from '../sync-options.js';
import type { RunStats } from '../../store/records.js';
import type { ErasedPeople } from '../../privacy/erasure-subject.js';

export interface StreamContext {
  client: SyncClient;
  sink: SyncSink;
  runId: string;
  options: ResolvedSyncOptions;
  /** Gong's clock: local time corrected by the offset measured from Gong's `Date` headers. */
  now(): number;
  emit(event: SyncEvent): void;
  /**
   * Passed with every request of the run and aborted when the run ends, so that a request still in
   * flight then (a page read ahead that nothing will commit) stops instead of outliving the run.
   * Not the caller's stop signal: a stop is taken between pages (`checkpoint`).
   */
  signal: AbortSignal;
  /** Throws the abort reason when the caller asked the sync to stop (checked between pages). */
  checkpoint(): void;
  /** Adds to a counter of the run's statistics. */
  count(counter: string, n: number): void;
  stats: RunStats;
  /** Whether the run resumes one that did not complete. */
  resuming: boolean;
  /** When the last completed run finished, if any. */
  lastCompletedAt: string | undefined;
  /** People erased with `pandora-gong erase`: their calls and Gong user are not stored again. */
  erased?: ErasedPeople;
}
