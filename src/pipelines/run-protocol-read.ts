/**
 * One protocol read: the engine `sync` runs (same streams, throttle, daily budget, retries,
 * lookback, windows, pending transcripts), writing to the protocol sink instead of the store.
 * Only the bookkeeping a database would keep moves: the engine's state, the budget's count and
 * the transcripts still awaited come in with the platform's state and go out in the emitted one.
 *
 * A full-refresh stream is read whole on every read, resumed or not: a platform replaces its
 * table with what a full refresh emits, so a read that skipped it would empty the table.
 */
import type { ClientEventListener } from '../client/client-events.js';
import { GongQuotaExhaustedError } from '../errors.js';
import { systemClock, type Clock } from '../util/clock.js';
import { DAY } from '../util/time.js';
import { RunEndedError } from '../sync/engine/read-ahead.js';
import { orderStreams, runStreams } from '../sync/engine/run-streams.js';
import type { StreamContext } from '../sync/engine/stream-context.js';
import { zeroCounters } from '../sync/engine/stream-counters.js';
import { newRunId } from '../sync/run-id.js';
import { stopReasonOf, type StopReason } from '../sync/stop-reason.js';
import { STREAM_NAMES, STREAMS } from '../sync/streams/registry.js';
import type { SyncEvent } from '../sync/sync-events.js';
import { resolveSyncOptions } from '../sync/sync-options.js';
import type { RunStats } from '../store/records.js';
import type { ParsedPipelineConfig } from './pipeline-config.js';
import type { RotatedAuth } from './pipeline-oauth.js';
import { pipelineClient } from './pipeline-client.js';
import { resolveState, type StreamBlob } from './protocol-state.js';
import { protocolSink, type ProtocolOutput } from './protocol-sink.js';
import { ReadStatus, type StatusListener } from './read-status.js';
import { StateBudgetStore } from './state-budget-store.js';
import type { ProtocolStream } from './stream-catalog.js';

export interface ProtocolReadOptions {
  config: ParsedPipelineConfig;
  /** The protocol streams the catalog selected. */
  selected: readonly ProtocolStream[];
  /** Selected streams the catalog asks to read in full (their state is not used). */
  fullRefresh?: ReadonlySet<string>;
  /** The state handed in, by protocol stream. */
  state: ReadonlyMap<string, StreamBlob>;
  output: ProtocolOutput;
  onStatus: StatusListener;
  onProgress?: (event: SyncEvent) => void;
  onClientEvent?: ClientEventListener;
  /** The OAuth refresh token rotated: the platform must keep the new config. */
  onRotate?: (rotated: RotatedAuth) => void;
  signal?: AbortSignal;
  clock?: Clock;
  fetch?: typeof globalThis.fetch;
}

export interface ProtocolReadReport {
  status: 'completed' | 'stopped';
  stop?: StopReason;
  stats: RunStats;
}

/**
 * @throws what the engine throws (refused credentials, an outage that outlasted the retries…),
 *   after the streams not finished are reported INCOMPLETE
 */
export async function runProtocolRead(options: ProtocolReadOptions): Promise<ProtocolReadReport> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const wanted = config.sync.streams;
  const selected = options.selected.filter((s) => !wanted || wanted.includes(s.engine.name));
  const readers = [...new Set(selected.map((s) => s.engine))];

  const groups = new Map<string, (StreamBlob | undefined)[]>();
  for (const reader of readers) {
    groups.set(
      reader.name,
      selected.filter((s) => s.engine === reader).map((s) => (options.fullRefresh?.has(s.name) ? undefined : options.state.get(s.name))),
    );
  }
  // A reader that starts afresh takes the readers it depends on along: transcripts with no state
  // (new in the catalog, or read in full) wait for every call, so the calls are read from the start.
  for (const reader of readers) {
    if (!groups.get(reader.name)!.some((b) => b === undefined)) continue;
    for (const parent of reader.dependsOn ?? []) {
      const blobs = groups.get(parent);
      if (blobs) groups.set(parent, blobs.map(() => undefined));
    }
  }
  const resolved = resolveState(groups);
  const budgetStore = new StateBudgetStore(resolved.budget);
  const client = await pipelineClient(config, { budgetStore, clockOffsetMs: resolved.clockOffsetMs, onRotate: options.onRotate, onClientEvent: options.onClientEvent, fetch: options.fetch });

  const sync = resolveSyncOptions({ ...config.sync, streams: readers.map((r) => r.name) }, STREAM_NAMES);
  sync.streamsNamed = wanted !== undefined;
  const sink = protocolSink({
    selected,
    pendingReader: readers.find((r) => r.source.replication === 'pending'),
    resolved,
    budget: budgetStore,
    output: options.output,
    clockOffsetMs: () => client.serverClockOffsetMs(),
    // Settled calls are remembered as far back as any window or the transcript wait reaches.
    horizonStart: () => ctx.now() - Math.max(sync.transcriptGiveUpMs, sync.recheckWindowMs, sync.lookbackMs) - DAY,
  });
  const status = new ReadStatus(selected, options.onStatus);
  const runId = newRunId(clock.now());
  const streams = orderStreams(sync.streams, STREAMS);
  const stats: RunStats = { ...zeroCounters(STREAMS.filter((s) => sync.streams.includes(s.name) || (s.source.replication === 'derived' && sync.streams.includes(s.source.from)))), requests: 0 };
  // Aborted when the read ends: a page read ahead that nothing will emit stops (read-ahead.ts).
  const requests = new AbortController();
  const ctx: StreamContext = {
    client,
    sink,
    signal: requests.signal,
    runId,
    options: sync,
    now: () => clock.now() + (client.serverClockOffsetMs() ?? 0),
    emit: (event) => {
      status.onEvent(event);
      options.onProgress?.(event);
    },
    checkpoint: () => options.signal?.throwIfAborted(),
    count: (counter, n) => (stats[counter] = (stats[counter] ?? 0) + n),
    stats,
    resuming: false,
    lastCompletedAt: undefined,
  };
  ctx.emit({ type: 'run-start', runId, streams: streams.map((s) => s.name), resuming: false });
  const finish = (state: string) => {
    stats.requests = client.requestsSent;
    ctx.emit({ type: 'run-end', runId, status: state, stats });
  };
  try {
    await runStreams(ctx, streams, STREAMS);
  } catch (error) {
    requests.abort(new RunEndedError());
    const stop = stopReasonOf(error, options.signal);
    // The last state again, so the platform holds it whatever it kept of the stream so far.
    sink.flushAll();
    status.endIncomplete({
      message: stop?.message ?? (error instanceof Error ? error.message : String(error)),
      ...(error instanceof GongQuotaExhaustedError ? { quotaReset: error.resumeAfter.getTime() } : {}),
    });
    finish(stop ? 'stopped' : 'failed');
    if (stop) return { status: 'stopped', stop, stats };
    throw error;
  }
  requests.abort(new RunEndedError());
  sink.flushAll();
  finish('completed');
  return { status: 'completed', stats };
}
