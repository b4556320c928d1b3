/**
 * What a worker does with a sync job that failed, by the error's kind: one table.
 *
 * - `retry`: throw, so pg-boss runs the job again with exponential backoff (the same sync, tried
 *   later, may succeed: Gong recovers, the other sync finishes, the window restarts);
 * - `defer`: queue the job again for when the quota resumes (`resumeAfter`), without counting a
 *   retry: nothing is wrong, the day's requests are spent;
 * - `fail`: record the error on the connection and stop retrying: the same job cannot succeed
 *   until someone fixes the credentials, the configuration or the code. A scheduled connection
 *   is still tried at its next run.
 *
 * An error that is not ours (a PostgreSQL connection dropped mid-query, a driver error) is
 * retried: it is most often the database going away for a moment, and a retry costs little.
 */
import type { ErrorKind } from '../error-kind.js';
import { GongError, GongQuotaExhaustedError } from '../errors.js';

export type FailureOutcome = 'retry' | 'defer' | 'fail';

export const FAILURE_OUTCOME_BY_KIND: Readonly<Record<ErrorKind, FailureOutcome>> = Object.freeze({
  configuration: 'fail',
  credentials: 'fail',
  quota: 'defer',
  locked: 'retry',
  transient: 'retry',
  cursor: 'retry',
  caller: 'fail',
  protocol: 'fail',
  storage: 'fail',
  unexpected: 'fail',
});

/** When a deferred job runs again if the error does not say: a minute, like a stopped run without `resumeAfter`. */
export const DEFAULT_DEFER_MS = 60_000;

/**
 * @example failureOutcome(new GongServerError('boom', { status: 503 })) // 'retry'
 */
export function failureOutcome(error: unknown): FailureOutcome {
  return error instanceof GongError ? FAILURE_OUTCOME_BY_KIND[error.kind] : 'retry';
}

/** When a deferred job should run again: the quota's `resumeAfter`, else `DEFAULT_DEFER_MS` from `now`. */
export function deferUntil(error: unknown, now: number): Date {
  return error instanceof GongQuotaExhaustedError ? error.resumeAfter : new Date(now + DEFAULT_DEFER_MS);
}
