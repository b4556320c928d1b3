import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../../src/client/client-events.js';
import type { GongRequest, GongResponse, Send } from '../../../src/client/request.js';
import { defaultRetryPolicy } from '../../../src/client/retry-decision.js';
import { withRetry } from '../../../src/client/with-retry.js';
import {
  GongAuthError,
  GongConnectionError,
  GongCursorExpiredError,
  GongQuotaExhaustedError,
  GongRateLimitError,
  GongServerError,
} from '../../../src/errors.js';
import { ManualClock } from '../../../src/util/clock.js';

const request: GongRequest = { method: 'GET', path: '/v2/users' };
const ok: GongResponse = { status: 200, data: { ok: true }, requestId: 'r', headers: new Headers(), noResults: false };

/** A `Send` that fails with the given errors in turn, then succeeds. */
function scripted(failures: Error[]): { send: Send; attempts: number[] } {
  const attempts: number[] = [];
  const send: Send = async (req) => {
    attempts.push(req.attempt ?? 0);
    const failure = failures.shift();
    if (failure) throw failure;
    return ok;
  };
  return { send, attempts };
}

function setup(failures: Error[], policy = { ...defaultRetryPolicy, jitter: 'none' as const }) {
  const clock = new ManualClock(1_000_000);
  const events: ClientEvent[] = [];
  const inner = scripted(failures);
  const send = withRetry({ policy, clock, onEvent: (e) => events.push(e) })(inner.send);
  return { clock, events, send, attempts: inner.attempts };
}

const server = () => new GongServerError('boom', { status: 503, endpoint: 'GET /v2/users' });

describe('withRetry', () => {
  it('retries transient failures with backoff on the injected clock, numbering attempts', async () => {
    const { clock, events, send, attempts } = setup([server(), new GongConnectionError('reset', 'GET /v2/users'), server()]);
    await expect(send(request)).resolves.toBe(ok);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(clock.now()).toBe(1_000_000 + 500 + 1000 + 2000);
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      { type: 'retry', endpoint: 'GET /v2/users', attempt: 1, delayMs: 500, reason: 'server-error', error: 'GongServerError', failingForMs: 0 },
      { type: 'retry', endpoint: 'GET /v2/users', attempt: 2, delayMs: 1000, reason: 'connection', error: 'GongConnectionError', failingForMs: 500 },
      { type: 'retry', endpoint: 'GET /v2/users', attempt: 3, delayMs: 2000, reason: 'server-error', error: 'GongServerError', failingForMs: 1500 },
    ]);
  });

  it('waits exactly Retry-After on 429 and reports it', async () => {
    const limited = new GongRateLimitError('429', { status: 429, endpoint: 'GET /v2/users' }, 20_000);
    const { clock, events, send } = setup([limited]);
    await send(request);
    expect(clock.now()).toBe(1_020_000);
    expect(events).toContainEqual({ type: 'rate-limited', endpoint: 'GET /v2/users', retryAfterMs: 20_000 });
  });

  it('throws GongQuotaExhaustedError(retry-after) for a Retry-After above the ceiling, without waiting', async () => {
    const limited = new GongRateLimitError('429', { status: 429, endpoint: 'GET /v2/users' }, 3 * 3_600_000);
    const { clock, send, attempts } = setup([limited]);
    const error = await send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongQuotaExhaustedError);
    expect((error as GongQuotaExhaustedError).reason).toBe('retry-after');
    expect((error as GongQuotaExhaustedError).resumeAfter.getTime()).toBe(1_000_000 + 3 * 3_600_000);
    expect(attempts).toEqual([1]);
    expect(clock.now()).toBe(1_000_000);
  });

  it('gives up after maxAttempts failures when a maximum is set, with the last error', async () => {
    const { send, attempts } = setup([server(), server(), server(), server(), server(), server(), server()], { ...defaultRetryPolicy, jitter: 'none', maxAttempts: 6 });
    await expect(send(request)).rejects.toBeInstanceOf(GongServerError);
    expect(attempts).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('outlasts an outage of minutes, and gives up only once failures have lasted 10 minutes', async () => {
    // Six minutes of failures (about 12 attempts at the one-minute cap), then Gong is back.
    const outage = Array.from({ length: 12 }, () => server());
    const ride = setup(outage);
    await expect(ride.send(request)).resolves.toBe(ok);
    expect(ride.clock.now() - 1_000_000).toBeLessThan(10 * 60_000);
    // A failure that never ends: retried until the next wait would pass 10 minutes.
    const forever = setup(Array.from({ length: 1000 }, () => server()));
    const last = await forever.send(request).catch((e: unknown) => e);
    expect(last).toBeInstanceOf(GongServerError);
    const waited = forever.clock.now() - 1_000_000;
    expect(waited).toBeLessThanOrEqual(10 * 60_000);
    expect(waited).toBeGreaterThan(10 * 60_000 - 60_000);
  });

  it('does not count the waits Gong asks for with a 429 against the failures', async () => {
    const limited = () => new GongRateLimitError('429', { status: 429, endpoint: 'GET /v2/users' }, 1000);
    const { send, attempts } = setup(
      [server(), limited(), server(), limited(), limited(), server(), limited(), server(), server(), server()],
      { ...defaultRetryPolicy, jitter: 'none', maxAttempts: 7 },
    );
    await expect(send(request)).resolves.toBe(ok);
    expect(attempts).toHaveLength(11);
  });

  it('passes non-retryable errors straight through', async () => {
    const auth = new GongAuthError('no', { status: 401, endpoint: 'GET /v2/users' });
    const expired = new GongCursorExpiredError('old', { status: 400 }, { pages: 0, records: 0, lastCursor: undefined });
    for (const failure of [auth, expired]) {
      const { send, attempts } = setup([failure]);
      await expect(send(request)).rejects.toBe(failure);
      expect(attempts).toEqual([1]);
    }
  });

  it('lets non-Gong errors (aborts, bugs) through without retrying', async () => {
    const abort = new DOMException('stop', 'AbortError');
    const { send, attempts } = setup([abort]);
    await expect(send(request)).rejects.toBe(abort);
    expect(attempts).toEqual([1]);
  });

  it('stops waiting when the signal aborts during a backoff', async () => {
    const controller = new AbortController();
    const clock = new ManualClock(0);
    const send = withRetry({ policy: { ...defaultRetryPolicy, jitter: 'none' }, clock })(async () => {
      controller.abort(new Error('cancelled'));
      throw server();
    });
    await expect(send({ ...request, signal: controller.signal })).rejects.toThrow('cancelled');
  });
});
