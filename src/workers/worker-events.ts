/**
 * What a worker reports while it runs: one event per job start, end and error, plus the
 * worker's own start and stop. The CLI prints them as JSON lines (one per event) or as text.
 * No event carries a credential: connections are named, errors are our redacted messages.
 */
import type { RunStats } from '../store/records.js';
import type { SyncReason } from './job-queue.js';

export type JobOutcome =
  /** The sync finished its window; the next scheduled run is queued when the connection has one. */
  | 'completed'
  /** Stopped between pages (time slice over or worker stopping); the continuation is queued now. */
  | 'continued'
  /** Stopped by the daily budget or a long Retry-After; queued again for when it resumes. */
  | 'deferred'
  /** Failed in a way a retry cannot fix (refused credentials, a wrong key); recorded on the connection. */
  | 'failed'
  /** The connection was removed while its job waited. */
  | 'gone';

export type WorkerEvent =
  | { type: 'worker-start'; workerId: string; pid: number; concurrency: number; at: string }
  | { type: 'worker-stopping'; workerId: string; at: string }
  | { type: 'worker-stop'; workerId: string; at: string }
  | { type: 'job-start'; workerId: string; connection: string; jobId: string; reason: SyncReason; attempt: number; at: string }
  | {
      type: 'job-end';
      workerId: string;
      connection: string;
      jobId: string;
      outcome: JobOutcome;
      runId?: string;
      stopReason?: string;
      stats?: RunStats;
      next?: { reason: SyncReason; startAfter: string };
      error?: string;
      ms: number;
      at: string;
    }
  | { type: 'job-retry'; workerId: string; connection: string; jobId: string; error: string; at: string }
  | { type: 'schedule'; workerId: string; queued: string[]; at: string }
  | { type: 'oauth-refresh'; workerId: string; connection: string; at: string }
  | { type: 'queue-error'; workerId: string; error: string; at: string };

export type WorkerEventListener = (event: WorkerEvent) => void;
