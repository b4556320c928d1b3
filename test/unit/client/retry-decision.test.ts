import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, defaultRetryPolicy, type RetryPolicy } from '../../../src/client/retry-decision.js';
import {
  ConfigError,
  GongApiError,
  GongAuthError,
  GongBadRequestError,
  GongConnectionError,
  GongCursorExpiredError,
  GongNotFoundError,
  GongProtocolError,
  GongQuotaExhaustedError,
  GongRateLimitError,
  GongRepeatedCursorError,
  GongScopeError,
  GongServerError,
  GongTimeoutError,
  type GongError,
} from '../../../src/errors.js';

const policy: RetryPolicy = { ...defaultRetryPolicy, jitter: 'none' };
const progress = { pages: 1, records: 100, lastCursor: 'c1' };
const details = (status: number) => ({ status, endpoint: 'GET /v2/calls' });

const retryable: [string, GongError, string][] = [
  ['500', new GongServerError('x', details(500)), 'server-error'],
  ['503', new GongServerError('x', details(503)), 'server-error'],
  ['429 without Retry-After', new GongRateLimitError('x', details(429), undefined), 'rate-limited'],
  ['connection reset', new GongConnectionError('x', 'GET /v2/calls'), 'connection'],
  ['timeout', new GongTimeoutError('x', 1000, 'GET /v2/calls'), 'timeout'],
  ['malformed body', new GongProtocolError('x', 'GET /v2/calls'), 'protocol'],
];

const final: [string, GongError][] = [
  ['400', new GongBadRequestError('x', details(400))],
  ['401', new GongAuthError('x', details(401))],
  ['403', new GongAuthError('x', details(403))],
  ['401 missing scope', new GongScopeError('x', details(401), 'api:users:read')],
  ['404', new GongNotFoundError('x', details(404))],
  ['409', new GongApiError('x', details(409))],
  ['cursor expired', new GongCursorExpiredError('x', details(400), progress)],
  ['repeated cursor', new GongRepeatedCursorError('x', progress)],
  ['quota exhausted', new GongQuotaExhaustedError('x', new Date(), 'budget')],
  ['config', new ConfigError('x')],
  ['non-retryable protocol error', new GongProtocolError('x', 'GET /v2/calls', { retryable: false })],
];

describe('decideRetry', () => {
  it.each(retryable)('retries %s', (_name, error, reason) => {
    expect(decideRetry({ attempt: 1, error, policy })).toEqual({ retry: true, delayMs: 500, reason });
  });

  it.each(final)('never retries %s', (_name, error) => {
    expect(decideRetry({ attempt: 1, error, policy })).toEqual({ retry: false, reason: 'not-retryable' });
  });

  it('obeys Retry-After exactly', () => {
    const error = new GongRateLimitError('x', details(429), 12_000);
    expect(decideRetry({ attempt: 1, error, policy })).toEqual({ retry: true, delayMs: 12_000, reason: 'rate-limited' });
    expect(decideRetry({ attempt: 3, error, policy: { ...policy, jitter: 'full' }, random: () => 0.99 })).toEqual({
      retry: true,
      delayMs: 12_000,
      reason: 'rate-limited',
    });
  });

  it('does not wait out a Retry-After above the ceiling (the quota is spent)', () => {
    const error = new GongRateLimitError('x', details(429), 5 * 60_000 + 1);
    expect(decideRetry({ attempt: 1, error, policy })).toEqual({ retry: false, reason: 'retry-after-too-long' });
    const atCeiling = new GongRateLimitError('x', details(429), 5 * 60_000);
    expect(decideRetry({ attempt: 1, error: atCeiling, policy }).retry).toBe(true);
    expect(decideRetry({ attempt: 1, error: atCeiling, policy: { ...policy, maxRetryAfterMs: 1000 } })).toEqual({
      retry: false,
      reason: 'retry-after-too-long',
    });
  });

  it('stops after maxAttempts when one is set, but never counts a Retry-After wait', () => {
    const server = new GongServerError('x', details(500));
    const capped: RetryPolicy = { ...policy, maxAttempts: 6 };
    expect(decideRetry({ attempt: 5, error: server, policy: capped }).retry).toBe(true);
    expect(decideRetry({ attempt: 6, error: server, policy: capped })).toEqual({ retry: false, reason: 'attempts-exhausted' });
    const limited = new GongRateLimitError('x', details(429), 1000);
    expect(decideRetry({ attempt: 6, error: limited, policy: capped })).toEqual({ retry: true, delayMs: 1000, reason: 'rate-limited' });
    expect(decideRetry({ attempt: 1, error: server, policy: { ...policy, maxAttempts: 1 } }).retry).toBe(false);
  });

  it('retries failures for retryForMs (10 minutes by default) from the first of them, then stops', () => {
    const server = new GongServerError('x', details(503));
    expect(defaultRetryPolicy.retryForMs).toBe(10 * 60_000);
    expect(decideRetry({ attempt: 30, failingForMs: 10 * 60_000 - 60_000, error: server, policy })).toEqual({ retry: true, delayMs: 60_000, reason: 'server-error' });
    expect(decideRetry({ attempt: 30, failingForMs: 10 * 60_000 - 59_999, error: server, policy })).toEqual({ retry: false, reason: 'retry-time-spent' });
    expect(decideRetry({ attempt: 2, failingForMs: 1000, error: server, policy: { ...policy, retryForMs: 1500 } })).toEqual({ retry: false, reason: 'retry-time-spent' });
    // Gong pacing us is not a failure: its wait is obeyed however long the failures have lasted.
    const limited = new GongRateLimitError('x', details(429), 1000);
    expect(decideRetry({ attempt: 30, failingForMs: 10 * 60_000, error: limited, policy })).toEqual({ retry: true, delayMs: 1000, reason: 'rate-limited' });
  });

  it('backs off exponentially and caps the delay at a minute', () => {
    const server = new GongServerError('x', details(500));
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => {
      const d = decideRetry({ attempt, error: server, policy });
      return d.retry ? d.delayMs : -1;
    });
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('keeps full jitter within [0, exponential) and the cap', () => {
    const full: RetryPolicy = { ...policy, jitter: 'full', maxAttempts: 50 };
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(60_000, 500 * 2 ** (attempt - 1));
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const d = backoffDelay(attempt, full, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
    expect(backoffDelay(3, full, () => 0.5)).toBe(1000);
  });

  it('keeps decorrelated jitter between the base and the cap', () => {
    const decorrelated: RetryPolicy = { ...policy, jitter: 'decorrelated' };
    let previous: number | undefined;
    for (let attempt = 1; attempt <= 30; attempt++) {
      const d = backoffDelay(attempt, decorrelated, () => 0.999, previous);
      expect(d).toBeGreaterThanOrEqual(500);
      expect(d).toBeLessThanOrEqual(60_000);
      previous = d;
    }
    expect(previous).toBe(60_000);
    expect(backoffDelay(1, decorrelated, () => 0)).toBe(500);
  });

  it('uses Math.random when no random source is given', () => {
    const d = decideRetry({ attempt: 2, error: new GongServerError('x', details(500)), policy: { ...policy, jitter: 'full' } });
    expect(d.retry && d.delayMs).toBeGreaterThanOrEqual(0);
    expect(d.retry && d.delayMs).toBeLessThan(1000);
  });
});
