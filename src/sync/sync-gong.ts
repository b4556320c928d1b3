import { SyncLockedError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import type { RunStats } from '../store/records.js';
import { systemClock, type Clock } from '../util/clock.js';
import { toUtcIso } from '../util/time.js';
import { RunEndedError } from './engine/read-ahead.js';
import { runStreams, orderStreams } from './engine/run-streams.js';
import type { StreamContext } from './engine/stream-context.js';
import { zeroCounters } from './engine/stream-counters.js';
import { newRunId } from './run-id.js';
import { storeSink, type PageHook } from './sink/store-sink.js';
import { STREAM_NAMES, STREAMS } from './streams/registry.js';
import type { SyncClient } from './sync-client.js';
import type { SyncEvent } from './sync-events.js';
import { resolveSyncOptions, type SyncWindowOptions } from './sync-options.js';
import { stopReasonOf } from './stop-reason.js';
import { loadErasedPeople } from '../privacy/erase-person.js';

/** Every stream `--streams` takes, in the order a run takes them. */
export const ALL_STREAMS: readonly string[] = STREAM_NAMES;

/** Work that must commit with each page of calls (CRM linking); see `SyncOptions.callsPageHook`. */
export type CallsPageHook = PageHook;

export interface SyncOptions extends SyncWindowOptions {
  client: SyncClient;
  store: GongStore;
  onProgress?: (event: SyncEvent) => void;
  /** Stops the sync between pages: what was committed stays, the run ends `stopped`. */
  signal?: AbortSignal;
  /**
   * Work that must commit with each page of calls, and of manual CRM associations (CRM linking):
   * `prepare` runs once before the first page, outside any transaction; `withinPage` inside the
   * transaction that stores the page, with the ids of the calls it stored or re-associated, so a
   * crash can never separate the two.
   */
  callsPageHook?: CallsPageHook;
  clock?: Clock;
}

export interface SyncReport {
  runId: string;
  /** `completed`, or `stopped` when the budget, a long Retry-After or the signal ended it early. */
  status: 'completed' | 'stopped';
  stopReason?: 'budget' | 'retry-after' | 'signal';
  /** When a run stopped by the budget can resume (ISO). */
  resumeAfter?: string;
  /** Why it stopped, in words. */
  message?: string;
  stats: RunStats;
  /** Streams this run did not read, and why (an empty window, a scope the token lacks…). */
  skipped: { stream: string; reason: string }[];
}

/**
 * Brings the store in step with a Gong account: every selected stream (users and settings as a
 * full refresh, calls and stats incrementally by windows with a lookback, transcripts until each
 * arrives). Safe to kill at any moment: every page commits with the state that points past it,
 * and the next run resumes from there. Two syncs on one connection never run at once
 * (`SyncLockedError`).
 *
 * @example
 * const report = await syncGong({ client: gong, store, onProgress: (e) => console.error(e) });
 * if (report.status === 'stopped') console.log('resume after', report.resumeAfter);
 */
export async function syncGong(options: SyncOptions): Promise<SyncReport> {
  const resolved = resolveSyncOptions(options, ALL_STREAMS);
  const { store, client } = options;
  const clock = options.clock ?? systemClock;
  const lock = await store.tryLockSync();
  if (!lock) {
    throw new SyncLockedError(`another sync is running on ${store.engine.location} (connection ${store.connectionId})`);
  }
  try {
    const streams = orderStreams(resolved.streams, STREAMS);
    const derived = STREAMS.filter((s) => s.source.replication === 'derived' && resolved.streams.includes(s.source.from));
    const runId = newRunId(clock.now());
    const stats: RunStats = { ...zeroCounters([...streams, ...derived]), requests: 0 };
    const requestsAtStart = client.requestsSent ?? 0;
    const countRequests = () => (stats.requests = (client.requestsSent ?? 0) - requestsAtStart);
    const previousRuns = await store.recentRuns(1);
    const lastCompleted = await store.lastRunWithStatus('completed');
    const startedAt = toUtcIso(clock.now());
    await store.write(async (w) => {
      // We hold the lock, so a run still marked running was killed before it could finish.
      await w.failInterruptedRuns('interrupted: the process ended before the run finished', startedAt);
      await w.startRun(runId, startedAt);
    });

    const resuming = previousRuns[0] !== undefined && previousRuns[0].status !== 'completed';
    const skipped: SyncReport['skipped'] = [];
    // Aborted when the streams end: a page read ahead that nothing will commit stops (read-ahead.ts).
    const requests = new AbortController();
    const ctx: StreamContext = {
      client,
      signal: requests.signal,
      sink: storeSink(store, { streams: STREAMS, pageHooks: options.callsPageHook ? { calls: options.callsPageHook, 'manual-associations': options.callsPageHook } : {} }),
      runId,
      options: resolved,
      // Gong's clock decides windows; the client knows its offset (measured, or a previous run's).
      now: () => clock.now() + (client.serverClockOffsetMs() ?? 0),
      emit: (event) => {
        if (event.type === 'stream-skip') skipped.push({ stream: event.stream, reason: event.reason });
        options.onProgress?.(event);
      },
      checkpoint: () => options.signal?.throwIfAborted(),
      count: (counter, n) => (stats[counter] = (stats[counter] ?? 0) + n),
      stats,
      resuming,
      lastCompletedAt: lastCompleted?.finishedAt ?? undefined,
      erased: await loadErasedPeople(store),
    };
    ctx.emit({ type: 'run-start', runId, streams: streams.map((s) => s.name), resuming });

    const finish = async (status: 'completed' | 'stopped' | 'failed', error: string | null) => {
      countRequests();
      await store.write((w) => w.finishRun(runId, status, stats, error, toUtcIso(clock.now())));
      ctx.emit({ type: 'run-end', runId, status, stats });
    };

    try {
      await runStreams(ctx, streams, STREAMS);
    } catch (error) {
      requests.abort(new RunEndedError());
      const stop = stopReasonOf(error, options.signal);
      if (stop) {
        await finish('stopped', stop.message);
        return { runId, status: 'stopped', ...stop, stats, skipped };
      }
      await finish('failed', error instanceof Error ? error.message : String(error)).catch(() => {});
      throw error;
    }
    requests.abort(new RunEndedError());
    await finish('completed', null);
    return { runId, status: 'completed', stats, skipped };
  } finally {
    await lock.release();
  }
}
