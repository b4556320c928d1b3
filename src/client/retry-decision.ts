/**
 * Whether to send a failed attempt again, and after how long: a pure function of the error, the
 * attempt number and the policy, so it is tested as a table without a network.
 *
 * The error's kind decides, and only `transient` is re-sent:
 * - 429: obey `Retry-After` (docs/gong-api.md §2.5). A wait longer than `maxRetryAfterMs` means
 *   the daily quota is spent (Gong's Retry-After then runs to hours); the loop stops with
 *   `GongQuotaExhaustedError` instead of sleeping for hours.
 * - 5xx, connection failures, timeouts, malformed 2xx bodies: exponential backoff with jitter.
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
  /** Attempts in total, the first included. */
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

/** 6 attempts, 500 ms doubling to 30 s with full jitter, Retry-After obeyed up to 5 minutes. */
export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
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
  | 'not-retryable';

export type RetryDecision =
  | { retry: true; delayMs: number; reason: RetryReason }
  | { retry: false; reason: RetryReason };

export interface RetryInput {
  /** The attempt that just failed, 1-based. */
  attempt: number;
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
  if (error instanceof GongRateLimitError && error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return { retry: false, reason: 'retry-after-too-long' };
    if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
    return { retry: true, delayMs: error.retryAfterMs, reason };
  }
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  return { retry: true, delayMs: backoffDelay(attempt, policy, input.random ?? Math.random, input.previousDelayMs), reason };
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
