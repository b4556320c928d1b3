import { ConfigError, GongQuotaExhaustedError, SyncLockedError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import type { RunStats } from '../store/records.js';
import { systemClock, type Clock } from '../util/clock.js';
import { DAY, toUtcIso } from '../util/time.js';
import { newRunId } from './run-id.js';
import { emptyStats, type ResolvedSyncOptions, type SyncContext } from './sync-context.js';
import type { SyncClient } from './sync-client.js';
import type { CallsPageHook } from './sync-context.js';
import type { StreamName, SyncEvent } from './sync-events.js';
import { syncCalls } from './streams/calls-stream.js';
import { syncTranscripts } from './streams/transcripts-stream.js';
import { syncUsers } from './streams/users-stream.js';
import { shouldSkipUsers } from './resume-rules.js';

export const ALL_STREAMS: readonly StreamName[] = ['users', 'calls', 'transcripts'];

export interface SyncOptions {
  client: SyncClient;
  store: GongStore;
  /** Streams to run, in this fixed order: users, calls, transcripts. Default: all. */
  streams?: readonly StreamName[];
  /** Start of the calls window (epoch ms). Default: watermark − lookback, or 90 days ago on the first run. */
  since?: number;
  /** End of the calls window (epoch ms). Default: Gong's now. */
  until?: number;
  /** How far before the watermark each run re-reads, for late-arriving calls. Default 3 days. */
  lookbackMs?: number;
  /**
   * Calls can turn private long after they are synced: once every `recheckEveryMs` (default
   * 24 h) the calls window reaches this far back (default 30 days; 0 turns it off), and calls
   * that turned private are removed.
   */
  recheckWindowMs?: number;
  recheckEveryMs?: number;
  /** How far back the first run reaches without `since`. Default 90 days. */
  initialBackfillMs?: number;
  /** Store private calls too (default: left out, and removed if they turn private). */
  includePrivate?: boolean;
  /** Stop asking for a call's transcript once the call is this old. Default 30 days. */
  transcriptGiveUpMs?: number;
  onProgress?: (event: SyncEvent) => void;
  /** Stops the sync between pages: what was committed stays, the run ends `stopped`. */
  signal?: AbortSignal;
  /**
   * Work that must commit with each page of calls (CRM linking): `prepare` runs once before the
   * calls stream, outside any transaction; `withinPage` inside the transaction that stores the
   * page, with the ids of the calls it stored, so a crash can never separate the two.
   */
  callsPageHook?: CallsPageHook;
  clock?: Clock;
}

export type { CallsPageHook } from './sync-context.js';

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
}

const CLOCK_OFFSET_KEY = 'gong-clock-offset-ms';

/**
 * Brings the store in step with a Gong account: users (full refresh), calls (incremental by
 * start time, with a lookback for late calls) and transcripts (until each arrives). Safe to
 * kill at any moment: every page commits with the state that points past it, and the next run
 * resumes from there. Two syncs on one connection never run at once (`SyncLockedError`).
 *
 * @example
 * const report = await syncGong({ client: gong, store, onProgress: (e) => console.error(e) });
 * if (report.status === 'stopped') console.log('resume after', report.resumeAfter);
 */
export async function syncGong(options: SyncOptions): Promise<SyncReport> {
  const resolved = resolveOptions(options);
  const { store, client } = options;
  const clock = options.clock ?? systemClock;
  const lock = await store.tryLockSync();
  if (!lock) {
    throw new SyncLockedError(`another sync is running on ${store.engine.location} (connection ${store.connectionId})`);
  }
  try {
    // Gong's clock decides windows and the budget's day; until this run's first response says
    // otherwise, the offset measured by the previous run is the best estimate.
    const saved = await store.getMeta(`${CLOCK_OFFSET_KEY}:${store.connectionId}`);
    const savedOffset = saved === undefined ? 0 : Number(saved);
    if (saved !== undefined) client.assumeServerClockOffset?.(savedOffset);
    const offset = () => client.serverClockOffsetMs() ?? savedOffset;
    const runId = newRunId(clock.now());
    const stats = emptyStats();
    const requestsAtStart = client.requestsSent ?? 0;
    const countRequests = () => (stats.requests = (client.requestsSent ?? 0) - requestsAtStart);
    const previousRuns = await store.recentRuns(1);
    const lastCompleted = await store.lastRunWithStatus('completed');
    const usersState = await store.getStreamState('users');
    const startedAt = toUtcIso(clock.now());
    await store.write(async (w) => {
      // We hold the lock, so a run still marked running was killed before it could finish.
      await w.failInterruptedRuns('interrupted: the process ended before the run finished', startedAt);
      await w.startRun(runId, startedAt);
    });

    const ctx: SyncContext = {
      client,
      store,
      runId,
      options: resolved,
      stats,
      now: () => clock.now() + offset(),
      emit: (event) => options.onProgress?.(event),
      checkpoint: () => options.signal?.throwIfAborted(),
      callsPageHook: options.callsPageHook,
    };
    const resuming = previousRuns[0] !== undefined && previousRuns[0].status !== 'completed';
    ctx.emit({ type: 'run-start', runId, streams: resolved.streams, resuming });

    const finish = async (status: 'completed' | 'stopped' | 'failed', error: string | null) => {
      countRequests();
      const now = toUtcIso(clock.now());
      await store.write((w) => w.finishRun(runId, status, stats, error, now));
      const measured = client.serverClockOffsetMs();
      if (measured !== undefined) await store.setMeta(`${CLOCK_OFFSET_KEY}:${store.connectionId}`, String(Math.round(measured)));
      ctx.emit({ type: 'run-end', runId, status, stats });
    };

    try {
      for (const stream of resolved.streams) {
        if (stream === 'users' && shouldSkipUsers({ resuming, usersState, lastCompleted })) {
          ctx.emit({ type: 'stream-skip', stream, reason: 'users were refreshed by the interrupted run this one resumes' });
          continue;
        }
        ctx.checkpoint();
        if (stream === 'users') await syncUsers(ctx);
        else if (stream === 'calls') await syncCalls(ctx);
        else await syncTranscripts(ctx);
      }
    } catch (error) {
      if (error instanceof GongQuotaExhaustedError) {
        await finish('stopped', error.message);
        return {
          runId,
          status: 'stopped',
          stopReason: error.reason,
          resumeAfter: error.resumeAfter.toISOString(),
          message: error.message,
          stats,
        };
      }
      if (options.signal?.aborted && error === options.signal.reason) {
        await finish('stopped', 'stopped on request');
        return { runId, status: 'stopped', stopReason: 'signal', message: 'stopped on request', stats };
      }
      await finish('failed', error instanceof Error ? error.message : String(error)).catch(() => {});
      throw error;
    }
    await finish('completed', null);
    return { runId, status: 'completed', stats };
  } finally {
    await lock.release();
  }
}

function resolveOptions(options: SyncOptions): ResolvedSyncOptions {
  const streams = options.streams ?? ALL_STREAMS;
  for (const s of streams) {
    if (!ALL_STREAMS.includes(s)) throw new ConfigError(`unknown stream "${s}": expected users, calls or transcripts`);
  }
  if (options.since !== undefined && options.until !== undefined && options.since >= options.until) {
    throw new ConfigError('--since must be before --until');
  }
  const lookbackMs = options.lookbackMs ?? 3 * DAY;
  if (!(lookbackMs >= 0)) throw new ConfigError('--lookback must be a duration of zero or more, such as 3d');
  return {
    // Fixed order: transcripts need the calls (and their parties) that the calls stream stores.
    streams: ALL_STREAMS.filter((s) => streams.includes(s)),
    since: options.since,
    until: options.until,
    initialBackfillMs: options.initialBackfillMs ?? 90 * DAY,
    lookbackMs,
    recheckWindowMs: options.recheckWindowMs ?? 30 * DAY,
    recheckEveryMs: options.recheckEveryMs ?? DAY,
    includePrivate: options.includePrivate ?? false,
    transcriptGiveUpMs: options.transcriptGiveUpMs ?? 30 * DAY,
    maxWindowRestarts: 5,
  };
}
