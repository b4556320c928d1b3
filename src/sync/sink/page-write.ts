/**
 * What the engine hands a sink for one page: every row of every table the stream writes, the
 * stream's state that points past them, and what the page removes. A sink applies a page all at
 * once or not at all (the store: one transaction), so a crash never separates rows from the
 * state that says they were written.
 */
import type { AnyTable } from '../../store/schema/table.js';
import type { StatePatch } from './stream-state.js';

/** Plain rows (JavaScript values, no `connection_id`) for one table. */
export interface TableRows {
  table: AnyTable;
  rows: Record<string, unknown>[];
}

/**
 * After a complete pass, what the pass did not see is gone from Gong: `mark-deleted` stamps
 * `deleted_at` (users, settings definitions), `remove` deletes the rows with everything that
 * hangs off them (calls in the window, library folders). `within` narrows it to a range.
 */
export interface Sweep {
  table: AnyTable;
  action: 'mark-deleted' | 'remove';
  /** The internal column that names the pass that last saw a row. */
  seenColumn: string;
  marker: string;
  within?: { column: string; from: string; to: string };
}

export interface TranscriptMisses {
  misses: { callId: string; startedAt: string }[];
  now: string;
  /** Calls that started before this are given up on (never asked for again). */
  giveUpBefore: string;
}

export interface PageWrite {
  stream: string;
  /**
   * Rows per table, parents first. A table whose `parent` is another table of the same write is
   * replaced for those parents: rows of a re-read parent that Gong no longer sends disappear.
   * Every table the stream writes is listed, even with no rows, for that reason.
   */
  tables: TableRows[];
  /** The main table's rows replace whole groups, the newest version winning (see `StreamDefinition.newestWins`). */
  newestWins?: { group: string; version: string };
  /** Stamps the rows of the stream's main table with the pass that saw them (for a later sweep). */
  seen?: { column: string; marker: string };
  /** Rows of a parent table to remove, with every row that hangs off them. */
  remove?: { table: AnyTable; ids: string[] };
  sweep?: Sweep;
  transcriptMisses?: TranscriptMisses;
  /** State after this page, of this stream or another the stream keeps (`calls_recheck`). */
  state?: { stream: string; patch: StatePatch }[];
  /** When the page was committed (UTC ISO). */
  now: string;
}

export interface CommitResult {
  /** Rows of the main table removed (`remove`, and a `remove` sweep). */
  removed: number;
  /** Rows a `mark-deleted` sweep marked. */
  markedDeleted: number;
  /** Calls given up on by `transcriptMisses`. */
  gaveUp: number;
}
