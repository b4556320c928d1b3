/**
 * The state a protocol read emits and takes back, one blob per protocol stream (Airbyte's
 * per-stream STATE; Singer's `bookmarks`). A blob holds the engine's own state of the stream that
 * reads it (watermark, the window in flight, the privacy re-check), opaque to the platform; the
 * pending-transcripts queue, on the streams of the reader that waits for transcripts; today's
 * request count, so the daily budget holds across reads; and a sequence number.
 *
 * Every stream of one reader gets the same blob after each page, one message after another. If a
 * read dies between two of them, the streams disagree, and the next read takes the OLDEST (the
 * lowest `seq`): it reads a little again rather than skip records of a stream whose state never
 * moved past them. A stream with no state at all makes its reader start afresh, for the same reason.
 */
import type { StreamState } from '../sync/sink/stream-state.js';
import type { TranscriptQueueState } from './transcript-queue.js';

export interface BudgetCount {
  /** The budget's account key (a hash of the host and the key id: no secret). */
  accountKey: string;
  /** UTC day `YYYY-MM-DD`. */
  day: string;
  used: number;
}

export interface StreamBlob {
  /** Version of this layout. */
  v: 1;
  seq: number;
  /** Engine states by key (`calls`, `calls_recheck`…). */
  engine: Record<string, StreamState>;
  transcripts?: TranscriptQueueState;
  budget?: BudgetCount;
  /**
   * Gong's clock minus ours (ms), as last measured: the next read's first request already counts
   * against Gong's UTC day, and its windows end at Gong's now, as `sync` does with the stored offset.
   */
  clockOffsetMs?: number;
}

/** What a read starts from, per engine stream, after reconciling the blobs of its protocol streams. */
export interface ResolvedState {
  /** Engine states by key, with the reader whose blob carries them, for the readers that resume. */
  engine: Map<string, { owner: string; state: StreamState }>;
  transcripts: TranscriptQueueState | undefined;
  budget: BudgetCount | undefined;
  /** Gong's clock offset from the newest blob. */
  clockOffsetMs: number | undefined;
  /** The next sequence number to emit. */
  nextSeq: number;
}

/** Whether a value looks like one of our blobs (a foreign or older state is ignored, not trusted). */
export function isStreamBlob(value: unknown): value is StreamBlob {
  const v = value as Partial<StreamBlob> | null;
  return v !== null && typeof v === 'object' && v.v === 1 && typeof v.seq === 'number' && typeof v.engine === 'object' && v.engine !== null;
}

/**
 * @param groups per reader's name, the blobs of its selected protocol streams (undefined: a
 *   stream without state, or one the catalog asks to read in full)
 */
export function resolveState(groups: ReadonlyMap<string, readonly (StreamBlob | undefined)[]>): ResolvedState {
  const engine = new Map<string, { owner: string; state: StreamState }>();
  let transcripts: TranscriptQueueState | undefined;
  let maxSeq = 0;
  const budgets: BudgetCount[] = [];
  let clock: { seq: number; offset: number } | undefined;
  for (const [reader, blobs] of groups) {
    for (const blob of blobs) {
      if (!blob) continue;
      maxSeq = Math.max(maxSeq, blob.seq);
      if (blob.budget) budgets.push(blob.budget);
      if (typeof blob.clockOffsetMs === 'number' && (!clock || blob.seq > clock.seq)) clock = { seq: blob.seq, offset: blob.clockOffsetMs };
    }
    if (blobs.length === 0 || blobs.some((b) => b === undefined)) continue;
    const oldest = (blobs as StreamBlob[]).reduce((a, b) => (b.seq < a.seq ? b : a));
    for (const [key, state] of Object.entries(oldest.engine)) engine.set(key, { owner: reader, state });
    if (oldest.transcripts) transcripts = oldest.transcripts;
  }
  return { engine, transcripts, budget: latestBudget(budgets), clockOffsetMs: clock?.offset, nextSeq: maxSeq + 1 };
}

/** The count of the latest day seen, the highest of that day (requests only ever add up). */
function latestBudget(budgets: readonly BudgetCount[]): BudgetCount | undefined {
  let best: BudgetCount | undefined;
  for (const b of budgets) {
    if (!best || b.day > best.day || (b.day === best.day && b.accountKey === best.accountKey && b.used > best.used)) best = b;
  }
  return best;
}
