/**
 * Whether to send a failed attempt again, and after how long: a pure function of the error, the
 * failures so far and the policy, so it is tested as a table without a network.
 *
 * The error's kind decides, and only `transient` is re-sent:
 * - 429 with a `Retry-After`: Gong pacing us, not a failure (docs/gong-api.md §2.5). Its wait is
 *   obeyed and uses up nothing meant for failures. A wait longer than `maxRetryAfterMs` means the
 *   daily quota is spent (Gong's Retry-After then runs to hours); the loop stops with
 *   `GongQuotaExhaustedError` instead of sleeping for hours.
 * - 5xx, connection failures, timeouts, malformed 2xx bodies (and a 429 without `Retry-After`):
 *   exponential backoff with jitter, capped at `maxDelayMs`, for as long as the failures have
 *   lasted less than `retryForMs` (10 minutes by default): a batch job that runs for hours must
 *   outlast an outage of minutes, and no fixed count of attempts says how long that is.
 * - every other kind: never. Credentials, a wrong request or a schema break do not change by
 *   asking again; an expired or repeated cursor, a spent quota or a held lock are retryable by
 *   the caller that owns the operation (restart the window, resume later), not by re-sending
 *   the same request (docs/gong-api.md §2.2).
 */
import {
  GongConnectionError,
  GongProtocolError,
  GongRateLimitError,
  GongServerError,
  GongTimeoutError,
  type GongError,
} from '../errors.js';

export interface RetryPolicy {
  /** How long consecutive failures of one request are retried, from the first of them. */
  retryForMs: number;
  /** Failed attempts in a row after which to give up whatever the time (default: no such limit). */
  maxAttempts: number;
  /** First backoff ceiling; doubles with each attempt. */
  baseDelayMs: number;
  /** Largest backoff. */
  maxDelayMs: number;
  /** Longest `Retry-After` the client waits out by itself (the `--max-wait` ceiling, 5 minutes by default). */
  maxRetryAfterMs: number;
  /**
   * `full`: uniform in [0, min(cap, base·2^(n-1))] (AWS "full jitter");
   * `decorrelated`: uniform in [base, previous·3], capped; `none`: the exponential value itself.
   */
  jitter: 'full' | 'decorrelated' | 'none';
}

/** Failures retried for 10 minutes, backoff from 500 ms doubling to 60 s with full jitter, Retry-After obeyed up to 5 minutes. */
export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  retryForMs: 10 * 60_000,
  maxAttempts: Number.POSITIVE_INFINITY,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  jitter: 'full',
});

export type RetryReason =
  | 'rate-limited'
  | 'server-error'
  | 'connection'
  | 'timeout'
  | 'protocol'
  /** A transient error of no more specific class (e.g. a plain `GongApiError` for a 5xx). */
  | 'transient'
  | 'retry-after-too-long'
  | 'attempts-exhausted'
  /** Failures have lasted the whole `retryForMs`. */
  | 'retry-time-spent'
  | 'not-retryable';

export type RetryDecision =
  | { retry: true; delayMs: number; reason: RetryReason }
  | { retry: false; reason: RetryReason };

export interface RetryInput {
  /** Failed attempts in a row so far, this one included (429 waits do not count). */
  attempt: number;
  /** How long the failures have lasted: from the first of them to now (0 for the first). */
  failingForMs?: number;
  error: GongError;
  policy: RetryPolicy;
  /** Uniform in [0, 1); injected for deterministic tests. */
  random?: () => number;
  /** The delay chosen before this one, for decorrelated jitter. */
  previousDelayMs?: number;
}

/**
 * @example
 * decideRetry({ attempt: 1, error: new GongServerError('boom', { status: 503 }), policy: defaultRetryPolicy })
 * // { retry: true, delayMs: <0..500>, reason: 'server-error' }
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const { attempt, error, policy } = input;
  const reason = retryReason(error);
  if (reason === 'not-retryable') return { retry: false, reason };
  if (isPacing(error)) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return { retry: false, reason: 'retry-after-too-long' };
    return { retry: true, delayMs: error.retryAfterMs, reason };
  }
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  const delayMs = backoffDelay(attempt, policy, input.random ?? Math.random, input.previousDelayMs);
  if ((input.failingForMs ?? 0) + delayMs > policy.retryForMs) return { retry: false, reason: 'retry-time-spent' };
  return { retry: true, delayMs, reason };
}

/** A 429 that says how long to wait: Gong pacing us, which counts as no failure. */
export function isPacing(error: GongError): error is GongRateLimitError & { retryAfterMs: number } {
  return error instanceof GongRateLimitError && error.retryAfterMs !== undefined;
}

/** The kind decides; the class only names the reason in the `retry` event. */
function retryReason(error: GongError): RetryReason {
  if (error.kind !== 'transient') return 'not-retryable';
  if (error instanceof GongRateLimitError) return 'rate-limited';
  if (error instanceof GongServerError) return 'server-error';
  if (error instanceof GongConnectionError) return 'connection';
  if (error instanceof GongTimeoutError) return 'timeout';
  if (error instanceof GongProtocolError) return 'protocol';
  return 'transient';
}

/**
 * The backoff before attempt `attempt + 1`: exponential from `baseDelayMs`, capped at
 * `maxDelayMs`, with the policy's jitter. Always within [0, maxDelayMs].
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number, previousDelayMs?: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  switch (policy.jitter) {
    case 'none':
      return exponential;
    case 'full':
      return Math.floor(random() * exponential);
    case 'decorrelated': {
      const previous = previousDelayMs ?? policy.baseDelayMs;
      const high = Math.max(policy.baseDelayMs, previous * 3);
      return Math.min(policy.maxDelayMs, Math.floor(policy.baseDelayMs + random() * (high - policy.baseDelayMs)));
    }
  }
}
