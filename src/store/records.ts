import type { PlainRow } from './schema/table.js';
import type { gongCallParties, gongCalls, gongTranscripts, gongUsers } from './schema/tables/gong-core-tables.js';

/**
 * What the sync hands the store: rows as plain JavaScript values (booleans, objects), before the
 * engine encodes them, derived from the table definitions (`schema/`).
 */
export type UserRecord = Omit<PlainRow<typeof gongUsers>, 'deleted_at'>;

export type PartyRecord = Omit<PlainRow<typeof gongCallParties>, 'call_id'>;

export type CallRecord = PlainRow<typeof gongCalls> & {
  /** Null when Gong sent no `parties` key (imported calls): the call then has no party rows. */
  parties: PartyRecord[] | null;
};

export type TranscriptRecord = PlainRow<typeof gongTranscripts>;

/** A windowed stream's marker while a window is in flight: where to resume it. */
export interface WindowProgress {
  /** Inclusive start of the window in flight. */
  windowFrom: string;
  /** Exclusive end, fixed when the window started. */
  windowTo: string;
  /** Where to restart: the `started` of the last record of the last committed page (inclusive). */
  resumeFrom: string;
  /** Identifies this pass over the window across restarts and runs (see `seen_pass_id`). */
  passId: string;
}

export interface StreamState {
  watermark: string | null;
  backfillFrom: string | null;
  progress: WindowProgress | null;
  completedAt: string | null;
  updatedAt: string;
}

/** The calls stream's marker (the first windowed stream); every windowed stream uses the same. */
export type CallsWindowProgress = WindowProgress;

/**
 * What a run did, counter by counter: each stream counts its records under its own name
 * (`users`, `calls`, `transcripts`…) and its deletions and skips under names it declares
 * (`deletedUsers`, `privateSkipped`…); `requests` is every attempt put on the wire.
 */
export interface RunStats {
  requests: number;
  [counter: string]: number;
}

export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed';
