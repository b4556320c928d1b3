import { describe, expect, it } from 'vitest';
import { RateLimiter, RequestLog, type RequestLogEntry } from '../../../src/simulator/index.js';
import { matchRoute } from '../../../src/simulator/routes/table.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');

describe('RateLimiter', () => {
  it('admits 3 requests in any sliding second and says when to retry', () => {
    const limiter = new RateLimiter({ perSecond: 3 });
    expect([T0, T0 + 100, T0 + 200].map((t) => limiter.admit(t).ok)).toEqual([true, true, true]);
    expect(limiter.admit(T0 + 300)).toEqual({ ok: false, reason: 'per-second', retryAfterSeconds: 1 });
    expect(limiter.admit(T0 + 1000).ok).toBe(true);
    // The refused request did not count: the last second holds T0+100, T0+200 and T0+1000.
    expect(limiter.admit(T0 + 1050)).toEqual({ ok: false, reason: 'per-second', retryAfterSeconds: 1 });
    expect(limiter.admit(T0 + 1100).ok).toBe(true);
  });

  it('counts the daily budget per UTC day and points Retry-After at midnight', () => {
    const limiter = new RateLimiter({ perSecond: 1000, daily: 2 });
    expect(limiter.admit(T0).ok).toBe(true);
    expect(limiter.admit(T0 + 1).ok).toBe(true);
    expect(limiter.admit(T0 + 2)).toEqual({ ok: false, reason: 'daily', retryAfterSeconds: 12 * 3600 });
    expect(limiter.used(T0)).toBe(2);
    const tomorrow = Date.parse('2026-06-02T00:00:00Z');
    expect(limiter.admit(tomorrow).ok).toBe(true);
    expect(limiter.used(tomorrow)).toBe(1);
  });

  it('can be switched off', () => {
    const limiter = new RateLimiter(false);
    for (let i = 0; i < 100; i++) expect(limiter.admit(T0).ok).toBe(true);
  });
});

describe('RequestLog', () => {
  const entry = (seq: number, at: number, endpoint: string | null): RequestLogEntry => ({
    seq, at, method: 'GET', path: '/v2/users', endpoint, status: 200, fault: null, requestId: 'r', requestBytes: 0, responseBytes: 0, callIds: null, cursor: false, durationMs: 0,
  });

  it('counts per endpoint and finds the busiest second with a sliding window', () => {
    const log = new RequestLog();
    [0, 400, 900, 1300, 1350, 1399, 2600].forEach((dt, i) => log.add(entry(log.take(), T0 + dt, i < 4 ? 'GET /v2/users' : 'GET /v2/calls')));
    log.add(entry(log.take(), T0, null));
    expect(log.count()).toBe(8);
    expect(log.count('GET /v2/users')).toBe(4);
    expect(log.countsByEndpoint()).toEqual({ 'GET /v2/users': 5, 'GET /v2/calls': 3 });
    // 400, 900, 1300, 1350, 1399 fall within one second (the 0 and the unknown-path entry don't).
    expect(log.peakPerSecond()).toBe(5);
    expect(log.peakPerSecond('GET /v2/calls')).toBe(2);
    log.reset();
    expect(log.count()).toBe(0);
    expect(log.peakPerSecond()).toBe(0);
  });
});

describe('routes', () => {
  it('tells unknown paths from wrong methods', () => {
    expect(matchRoute('GET', '/v2/calls/123')).toMatchObject({ kind: 'found', params: { id: '123' } });
    expect(matchRoute('GET', '/v2/calls/extensive')).toEqual({ kind: 'method-not-allowed', pattern: '/v2/calls/extensive' });
    expect(matchRoute('DELETE', '/v2/calls/123')).toEqual({ kind: 'method-not-allowed', pattern: '/v2/calls/{id}' });
    expect(matchRoute('GET', '/v2/nothing')).toEqual({ kind: 'not-found' });
    expect(matchRoute('GET', '/v2/users/')).toMatchObject({ kind: 'found' });
    // A literal path under /v2/calls is its own endpoint, not a call named "manual-crm-associations".
    expect(matchRoute('GET', '/v2/calls/manual-crm-associations')).toMatchObject({ kind: 'found', params: {}, route: { key: 'GET /v2/calls/manual-crm-associations' } });
    expect(matchRoute('GET', '/v2/stats/interaction')).toEqual({ kind: 'method-not-allowed', pattern: '/v2/stats/interaction' });
  });
});
