/**
 * The protocol sink: the engine's pages become RECORD messages (the rows the store would write,
 * column for column) followed by the STATE that covers them, with no database in between. What
 * the store answers from its tables, this sink answers from memory and from the state it emits:
 *
 * - the engine's own per-stream state (watermarks, the window in flight) is kept in memory and
 *   written into the blob of every protocol stream its reader feeds;
 * - the pending-transcripts queue (`transcript-queue.ts`) is fed by the pages of calls and
 *   drained by transcripts, and rides in the state of the streams of the reader that waits;
 *   its STATE goes out BEFORE the calls' own, so a read killed between the two still finds the
 *   new calls waiting on resume;
 * - speaker names come from the parties and users read in this run, or kept with a waiting call;
 * - the store's own rules (`withinStoreCommit`: re-rendering stored transcripts, CRM linking)
 *   and sweeps (rows a complete pass no longer sees) have no rows to act on here and are
 *   skipped: a platform learns of a removed call by its absence from a full refresh, not by a
 *   deletion (docs/pipelines.md, "What differs from sync").
 */
import { gongCallParties, gongCalls, gongTranscripts, gongUsers } from '../store/schema/index.js';
import { productColumns } from '../store/schema/table.js';
import type { AnyStream } from '../sync/engine/stream-definition.js';
import type { CommitResult, PageWrite } from '../sync/sink/page-write.js';
import type { StatePatch, StreamState } from '../sync/sink/stream-state.js';
import type { SpeakerParty, SpeakerUser, SyncSink } from '../sync/sink/sync-sink.js';
import type { ResolvedState, StreamBlob } from './protocol-state.js';
import type { StateBudgetStore } from './state-budget-store.js';
import type { ProtocolStream } from './stream-catalog.js';
import { TranscriptQueue } from './transcript-queue.js';

/** Where the sink's messages go (the Airbyte and Singer writers). */
export interface ProtocolOutput {
  record(stream: ProtocolStream, data: Record<string, unknown>): void;
  state(stream: ProtocolStream, blob: StreamBlob): void;
}

export interface ProtocolSinkOptions {
  /** The protocol streams the catalog selected. */
  selected: readonly ProtocolStream[];
  /** The reader that waits for transcripts (the registry's `pending` stream), if any runs. */
  pendingReader: AnyStream | undefined;
  resolved: ResolvedState;
  budget: StateBudgetStore;
  output: ProtocolOutput;
  /** Gong's clock offset as the client last measured it, to carry to the next read. */
  clockOffsetMs: () => number | undefined;
  /** Calls waiting no earlier than this (epoch ms) are remembered as done; older are forgotten. */
  horizonStart: () => number;
}

export interface ProtocolSink extends SyncSink {
  /** Emits the current state of every selected stream (the last STATE before a stop). */
  flushAll(): void;
  /** Calls still waiting for their transcript. */
  readonly awaiting: number;
}

/**
 * @example const sink = protocolSink({ selected, pendingReader, resolved, budget, output, horizonStart });
 */
export function protocolSink(options: ProtocolSinkOptions): ProtocolSink {
  const { selected, output } = options;
  const engine = new Map<string, StreamState>();
  /** Which reader's blob each engine state key belongs to. */
  const owners = new Map<string, string>();
  for (const [key, { owner, state }] of options.resolved.engine) {
    engine.set(key, state);
    owners.set(key, owner);
  }
  const queue = new TranscriptQueue(options.resolved.transcripts);
  const users = new Map<string, SpeakerUser>();
  let seq = options.resolved.nextSeq;

  const selectedOf = (tableName: string) => selected.find((s) => s.table.name === tableName);
  const groupOf = (reader: string) => selected.filter((s) => s.engine.name === reader);

  const emitGroup = (reader: string) => {
    const streams = groupOf(reader);
    if (streams.length === 0) return;
    const owned: Record<string, StreamState> = {};
    for (const [key, state] of engine) if (owners.get(key) === reader) owned[key] = state;
    const budget = options.budget.current();
    const offset = options.clockOffsetMs();
    const blob: StreamBlob = {
      v: 1,
      seq: seq++,
      engine: owned,
      ...(reader === options.pendingReader?.name ? { transcripts: queue.toState(options.horizonStart()) } : {}),
      ...(budget ? { budget } : {}),
      ...(offset !== undefined ? { clockOffsetMs: Math.round(offset) } : {}),
    };
    for (const stream of streams) output.state(stream, blob);
  };

  return {
    async readState(stream) {
      return engine.get(stream);
    },

    async commit(write: PageWrite): Promise<CommitResult> {
      const rowsOf = (table: { name: string }) => write.tables.find((t) => t.table.name === table.name)?.rows ?? [];
      for (const { table, rows } of write.tables) {
        const stream = selectedOf(table.name);
        if (!stream) continue;
        const columns = productColumns(table);
        for (const row of rows) output.record(stream, Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
      }

      let queueChanged = false;
      for (const row of rowsOf(gongUsers)) {
        users.set(String(row.id), { id: String(row.id), firstName: text(row.first_name), lastName: text(row.last_name), emailAddress: text(row.email) });
      }
      const partiesByCall = new Map<string, SpeakerParty[]>();
      for (const row of rowsOf(gongCallParties)) {
        const party = row as unknown as SpeakerParty;
        partiesByCall.set(party.call_id, [...(partiesByCall.get(party.call_id) ?? []), party]);
      }
      if (options.pendingReader) {
        for (const row of rowsOf(gongCalls)) {
          const id = String(row.id);
          const parties = partiesByCall.get(id) ?? [];
          const named = parties.flatMap((p) => (p.user_id && users.has(p.user_id) ? [users.get(p.user_id)!] : []));
          queueChanged = queue.offer({ id, startedAt: String(row.started_at) }, parties, named) || queueChanged;
        }
        for (const row of rowsOf(gongTranscripts)) {
          queue.settle(String(row.call_id));
          queueChanged = true;
        }
        if (write.remove?.table.name === gongCalls.name) queueChanged = queue.drop(write.remove.ids) || queueChanged;
      }
      let gaveUp = 0;
      const misses = write.transcriptMisses;
      if (misses) {
        for (const miss of misses.misses) {
          if (miss.startedAt >= misses.giveUpBefore) continue;
          queue.settle(miss.callId, miss.startedAt);
          gaveUp++;
        }
        queueChanged = queueChanged || gaveUp > 0;
      }

      for (const { stream, patch } of write.state ?? []) {
        engine.set(stream, applyPatch(engine.get(stream), patch, write.now));
        owners.set(stream, write.stream);
      }
      // The queue first: calls whose state moves past them are waiting in a state already out.
      const pending = options.pendingReader?.name;
      if (queueChanged && pending && pending !== write.stream) emitGroup(pending);
      if ((write.state?.length ?? 0) > 0 || (queueChanged && pending === write.stream)) emitGroup(write.stream);
      return { removed: 0, markedDeleted: 0, gaveUp };
    },

    async callsAwaitingTranscript(limit, after) {
      return queue.page(limit, after);
    },

    async speakerDirectory(callIds) {
      const directory = queue.directory(callIds);
      // Names as read in this run win over those kept with the waiting call.
      for (const parties of directory.parties.values()) {
        for (const p of parties) if (p.user_id && users.has(p.user_id)) directory.users.set(p.user_id, users.get(p.user_id)!);
      }
      return directory;
    },

    flushAll() {
      for (const reader of new Set(selected.map((s) => s.engine.name))) emitGroup(reader);
    },

    get awaiting() {
      return queue.awaitingCount;
    },
  };
}

/** Like the store's `setStreamState`: fields given replace, fields not given stay. */
function applyPatch(current: StreamState | undefined, patch: StatePatch, now: string): StreamState {
  return {
    watermark: patch.watermark !== undefined ? patch.watermark : (current?.watermark ?? null),
    backfillFrom: patch.backfillFrom !== undefined ? patch.backfillFrom : (current?.backfillFrom ?? null),
    progress: patch.progress !== undefined ? patch.progress : (current?.progress ?? null),
    completedAt: patch.completedAt !== undefined ? patch.completedAt : (current?.completedAt ?? null),
    updatedAt: now,
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
