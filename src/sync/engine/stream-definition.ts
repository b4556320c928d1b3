/**
 * A stream, declared as data: its name, the tables it writes, where its records come from and
 * how it replicates, and how one record becomes rows. One engine (`run-streams.ts` and the
 * skeletons beside it) runs every stream; what really differs between streams stays in a few
 * small hooks of their declaration.
 *
 * A new stream is one declaration (`../streams/`), one table definition and one migration
 * (`../../store/`); `--streams`, `status`, `export`, the run's statistics and progress pick it up
 * from the registry (`../streams/registry.ts`).
 */
import type { AnyTable } from '../../store/schema/table.js';
import type { RunStats } from '../../store/records.js';
import type { StoreWriter } from '../../store/store-writer.js';
import type { PageWrite } from '../sink/page-write.js';
import type { RecheckPolicy } from '../calls-window.js';
import type { StreamContext } from './stream-context.js';

/** One page of source records, as the client delivers it. */
export interface SourcePage<R> {
  items: R[];
  /** Gong's `totalRecords` for the sequence, when it says. */
  total?: number | undefined;
}

/** Rows per table name, as plain JavaScript values (`connection_id` is the sink's business). */
export type RowsByTable = Record<string, Record<string, unknown>[]>;

/**
 * Every record, every run: what a complete pass does not see is gone from Gong (`sweep`). A run
 * that resumes an interrupted one skips the stream if it already completed a pass since.
 */
export interface FullRefreshSource<R> {
  replication: 'full-refresh';
  read(ctx: StreamContext): AsyncIterable<SourcePage<R>>;
  sweep: { action: 'mark-deleted' | 'remove'; seenColumn: string };
}

/** The bounds of one window: `[from, to)` in epoch ms (midnight UTC for day windows). */
export interface WindowBounds {
  from: number;
  to: number;
}

/**
 * Windows over a time field (call start, review date, activity day): the first run backfills,
 * later runs start one lookback before the watermark; each page commits with a marker that says
 * where to resume, and the watermark moves when the whole window is done.
 */
export interface WindowSource<R> {
  replication: 'windows';
  /** `instant`: ISO date-times; `day`: Gong's date-only filters, so windows snap to whole days. */
  granularity: 'instant' | 'day';
  read(ctx: StreamContext, window: WindowBounds): AsyncIterable<SourcePage<R>>;
  /**
   * Where a record sits on the window's axis (epoch ms). While records come in order, a restart
   * resumes from the last committed one; otherwise from the window's start. Undefined: unknown.
   */
  positionOf(record: R): number | undefined;
  /** How far back each run re-reads (ms): late records land behind the watermark. */
  lookbackMs(ctx: StreamContext): number;
  /**
   * Records must lie inside the window asked for (calls): one outside it is skipped with a
   * `record-skip` event rather than stored as if it belonged (it would move the watermark and the
   * deletion sweep), and a page made mostly of such records is a protocol error.
   */
  strict?: boolean;
  /** After a complete pass, rows in the window the pass did not see are gone (calls). */
  sweep?: { action: 'remove'; seenColumn: string; column: string };
  /** Once in a while, the window reaches further back (calls: the privacy re-check). */
  recheck?(ctx: StreamContext): { stateKey: string; windowMs: number; everyMs: number };
}

/**
 * Records that belong to rows the sink already holds and that Gong produces late (transcripts
 * of stored calls): asked for in batches until they arrive or are too old to wait for.
 */
export interface PendingSource<R> {
  replication: 'pending';
  batchSize: number;
  read(ctx: StreamContext, keys: string[]): AsyncIterable<SourcePage<R>>;
  keyOf(record: R): string;
  /** A record that came back but is not there yet (an empty transcript) stays pending. */
  isReady(record: R): boolean;
  /** Give up on keys whose parent started this long ago. */
  giveUpAfterMs(ctx: StreamContext): number;
  /** Where the run's statistics count keys still waiting and keys given up on. */
  counters: { pending: string; gaveUp: string };
}

/** Rows computed from another stream's records, written with them: no request of its own. */
export interface DerivedSource {
  replication: 'derived';
  from: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds streams of every record type
export type AnyStream = StreamDefinition<any>;

export interface StreamDefinition<R> {
  /** The name `--streams`, `status` and progress use. */
  name: string;
  description: string;
  /** The tables it writes, its main table first; the others hang off the main table's rows. */
  tables: readonly AnyTable[];
  /** Streams whose rows this one needs first (transcripts name speakers from stored calls). */
  dependsOn?: readonly string[];
  /** OAuth scopes its requests need (a Bearer token without them skips the stream). */
  scopes: readonly string[];
  /** The counter its records go under in the run's statistics (default: the name in camelCase). */
  counter?: string;
  /** Other counters it reports, shown as 0 when nothing happened. */
  counters?: readonly string[];
  /** Counts the rows written to some of its tables (calls: `gong_call_parties` → `parties`). */
  rowCounters?: Readonly<Record<string, string>>;
  /** Counts the records `keep` leaves out (calls: `privateSkipped`). */
  droppedCounter?: string;
  /**
   * Rows of the main table come in groups (a call's manual associations) that replace each
   * other whole: the group with the newest `version` wins, whatever order pages come in.
   */
  newestWins?: { group: string; version: string };
  source: FullRefreshSource<R> | WindowSource<R> | PendingSource<R> | DerivedSource;
  /**
   * What mapping a page needs from what the sink already holds, read once per page (transcripts
   * name speakers from the stored parties); handed to `toRows`.
   */
  lookup?(records: readonly R[], ctx: StreamContext): Promise<unknown>;
  /**
   * Checks a record from Gong against what `toRows` relies on (src/gong/checks/record-shapes.ts),
   * before the engine reads any of it: throws a `GongProtocolError` naming the endpoint, the
   * record and the field. Streams derived from this one are covered by its check.
   */
  check?(record: R): void;
  /** One record → its rows in each table (a table may get none). */
  toRows(record: R, ctx: StreamContext, lookup: unknown): RowsByTable;
  /**
   * Whether to keep a record (calls: private ones are left out unless asked for). A record not
   * kept is removed from the sink if an earlier run stored it.
   */
  keep?(record: R, ctx: StreamContext): boolean;
  /** The key of a record in the main table (for removing records not kept). */
  idOf?(record: R): string;
  /**
   * A rule of the store that comes with this stream's pages, inside their transaction (calls:
   * stored transcripts are rendered again when a re-read call's parties changed). Other sinks
   * hold no such rows and skip it.
   */
  withinStoreCommit?(writer: StoreWriter, write: PageWrite): Promise<void>;
  /** What the stream did in a run, in words, for the run's summary (default: records written). */
  summary?(stats: RunStats): string;
  /** Why this run skips the stream, or undefined to run it. */
  skipReason?(ctx: StreamContext): Promise<string | undefined>;
}

export type { RecheckPolicy };
