import type { RunStats } from '../store/records.js';

/** A stream's name, as `--streams` takes it (`users`, `calls`, `answered-scorecards`…). */
export type StreamName = string;

/**
 * What a sync reports while it runs: the CLI draws its progress bar (or JSON lines) from these,
 * and library users get them through `onProgress`.
 */
export type SyncEvent =
  | { type: 'run-start'; runId: string; streams: StreamName[]; resuming: boolean }
  | { type: 'stream-start'; stream: StreamName; from?: string; to?: string; pending?: number }
  /** `warning`: the stream was wanted but could not run (a scope the token lacks). */
  | { type: 'stream-skip'; stream: StreamName; reason: string; warning?: boolean }
  | {
      type: 'page';
      stream: StreamName;
      /** Records in this page. */
      records: number;
      /** Records of this stream so far in this run. */
      done: number;
      /** Gong's `totalRecords` for the sequence, when it says. */
      total?: number | undefined;
    }
  | { type: 'window-restart'; stream: StreamName; reason: string; from: string }
  /** A record Gong sent that does not belong where it was asked for (a call outside its window): not stored. */
  | { type: 'record-skip'; stream: StreamName; id: string; reason: string }
  | { type: 'stream-end'; stream: StreamName; records: number }
  | { type: 'run-end'; runId: string; status: string; stats: RunStats };
