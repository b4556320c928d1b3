import { describe, expect, it } from 'vitest';
import { createRateLimiter, parseRateSpec, spacingFor, SpacingRateLimiter } from '../../../src/client/rate-limiter.js';
import { ConfigError } from '../../../src/errors.js';
import { ManualClock, systemClock, type Clock } from '../../../src/util/clock.js';

describe('parseRateSpec', () => {
  it('parses single and combined specs', () => {
    expect(parseRateSpec('3/s')).toEqual([{ limit: 3, intervalMs: 1000 }]);
    expect(parseRateSpec('100/min')).toEqual([{ limit: 100, intervalMs: 60_000 }]);
    expect(parseRateSpec('3/s, 100/min')).toEqual([
      { limit: 3, intervalMs: 1000 },
      { limit: 100, intervalMs: 60_000 },
    ]);
    expect(parseRateSpec('170/60s')).toEqual([{ limit: 170, intervalMs: 60_000 }]);
    expect(parseRateSpec('1000/h')).toEqual([{ limit: 1000, intervalMs: 3_600_000 }]);
    expect(parseRateSpec([{ limit: 2, intervalMs: 1000 }])).toEqual([{ limit: 2, intervalMs: 1000 }]);
  });

  it('refuses daily limits (that is the budget) and nonsense', () => {
    expect(() => parseRateSpec('10000/day')).toThrow(/request budget/);
    for (const bad of ['', '3', 'three/s', '3/fortnight', '0/s', '-1/s']) expect(() => parseRateSpec(bad)).toThrow(ConfigError);
    expect(() => parseRateSpec([{ limit: 0, intervalMs: 1000 }])).toThrow(ConfigError);
  });
});

describe('spacingFor', () => {
  it('spaces at the strictest ceiling plus 3 % and 5 ms', () => {
    expect(spacingFor(parseRateSpec('3/s'))).toBeCloseTo((1000 / 3) * 1.03 + 5, 6);
    expect(spacingFor(parseRateSpec('100/min'))).toBeCloseTo(600 * 1.03 + 5, 6);
    expect(spacingFor(parseRateSpec('3/s,100/min'))).toBeCloseTo(600 * 1.03 + 5, 6);
    expect(spacingFor(parseRateSpec('3/s'), { safetyRatio: 0, safetyMs: 0 })).toBeCloseTo(333.333, 2);
  });
});

/** Records the clock time at which each acquire returned: the request start. */
async function starts(limiter: SpacingRateLimiter, clock: Clock, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await limiter.acquire();
    times.push(clock.now());
  }
  return times;
}

/** The most request starts inside any window of `windowMs` (a sliding-window count). */
function peak(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && times[j]! - times[i]! < windowMs) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

describe('SpacingRateLimiter', () => {
  it('moves the slots after a request that left late by as much, and ignores jitter within the margin', async () => {
    const clock = new ManualClock(0);
    const limiter = new SpacingRateLimiter(parseRateSpec('3/s'), clock);
    await limiter.acquire();
    limiter.sentLate(200); // a TLS handshake before the first request reached the socket
    const [second] = await starts(limiter, clock, 1);
    expect(second).toBeCloseTo(limiter.spacingMs + 200, 6);
    limiter.sentLate(4); // event-loop jitter: the spacing's margin absorbs it
    const [third] = await starts(limiter, clock, 1);
    expect(third! - second!).toBeCloseTo(limiter.spacingMs, 6);
  });

  it('lets the first request through at once, then spaces starts evenly (3/s)', async () => {
    const clock = new ManualClock(0);
    const limiter = new SpacingRateLimiter(parseRateSpec('3/s'), clock);
    const times = await starts(limiter, clock, 10);
    expect(times[0]).toBe(0);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeCloseTo(limiter.spacingMs, 6);
    expect(times[9]! - times[0]!).toBeGreaterThanOrEqual(9 * (1000 / 3));
    expect(peak(times, 1000)).toBeLessThanOrEqual(3);
  });

  it('honours the stricter rule of a combined spec', async () => {
    const clock = new ManualClock(0);
    const limiter = new SpacingRateLimiter(parseRateSpec('3/s,100/min'), clock);
    const times = await starts(limiter, clock, 150);
    expect(times[149]! - times[0]!).toBeGreaterThanOrEqual(149 * 600);
    expect(peak(times, 1000)).toBeLessThanOrEqual(3);
    expect(peak(times, 60_000)).toBeLessThanOrEqual(100);
  });

  it('does not wait when requests are already slower than the ceiling, and reports waits', async () => {
    const clock = new ManualClock(0);
    const limiter = new SpacingRateLimiter(parseRateSpec('3/s'), clock);
    expect(await limiter.acquire()).toBe(0);
    clock.advance(5000);
    expect(await limiter.acquire()).toBe(0);
    expect(await limiter.acquire()).toBeCloseTo(limiter.spacingMs, 6);
  });

  it('queues concurrent callers in order, one spacing apart', async () => {
    // ManualClock's sleep moves the shared time at once, so each queued caller finds the clock
    // already at the previous caller's start: each waits one spacing, and the last starts 3 apart.
    const clock = new ManualClock(0);
    const limiter = new SpacingRateLimiter(parseRateSpec('3/s'), clock);
    const waits = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    const s = limiter.spacingMs;
    expect(waits[0]).toBe(0);
    for (const w of waits.slice(1)) expect(w).toBeCloseTo(s, 6);
    expect(clock.now()).toBeCloseTo(3 * s, 6);
  });

  it('spaces concurrent callers on the real clock too', async () => {
    // Timers fire late on a loaded machine, so gaps between wake-ups say little: what is checked
    // is the schedule the limiter asked the real clock for, and that nobody went before its slot.
    const slots: number[] = [];
    let lastNow = 0;
    const clock: Clock = {
      now: () => (lastNow = systemClock.now()),
      sleep: (ms, signal) => {
        slots.push(lastNow + ms);
        return systemClock.sleep(ms, signal);
      },
    };
    const limiter = new SpacingRateLimiter(parseRateSpec('20/s'), clock);
    const t0 = systemClock.now();
    const started = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const wait = await limiter.acquire();
        return { wait, at: systemClock.now() };
      }),
    );
    // The first goes at once; the four others sleep until slots a full spacing apart.
    expect(started.filter((s) => s.wait <= 0)).toHaveLength(1);
    expect(slots).toHaveLength(4);
    expect(slots[0]! - t0).toBeGreaterThanOrEqual(limiter.spacingMs - 1e-6);
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(limiter.spacingMs - 1e-6);
    // 2 ms: Date.now() is in whole milliseconds, and a timer may fire a millisecond early.
    for (const [i, s] of started.slice(1).entries()) expect(s.at).toBeGreaterThanOrEqual(slots[i]! - 2);
  });

  it('rejects when the signal is already aborted', async () => {
    const limiter = new SpacingRateLimiter(parseRateSpec('3/s'), new ManualClock(0));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('stop');
  });
});

describe('createRateLimiter', () => {
  it('defaults to 3/s, accepts specs and custom limiters, and false disables', () => {
    const clock = new ManualClock(0);
    const fallback = createRateLimiter(undefined, clock) as SpacingRateLimiter;
    expect(fallback.rules).toEqual([{ limit: 3, intervalMs: 1000 }]);
    expect((createRateLimiter('100/min', clock) as SpacingRateLimiter).rules).toEqual([{ limit: 100, intervalMs: 60_000 }]);
    const custom = { acquire: async () => 0 };
    expect(createRateLimiter(custom, clock)).toBe(custom);
    expect(createRateLimiter(false, clock)).toBeUndefined();
    expect(() => createRateLimiter({} as never, clock)).toThrow(ConfigError);
  });
});
