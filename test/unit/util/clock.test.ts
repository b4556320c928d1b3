import { describe, expect, it } from 'vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { MAX_TIMER_MS, systemClock } from '../../../src/util/clock.js';

describe('systemClock.sleep', () => {
  it('sleeps longer than a timer holds instead of waking after 1 ms (a Retry-After wait must never become a hammering retry)', async () => {
    const stop = new AbortController();
    let woke = false;
    const sleeping = systemClock.sleep(MAX_TIMER_MS + 60_000, stop.signal).then(
      () => (woke = true),
      (reason: unknown) => reason,
    );
    await delay(50);
    expect(woke).toBe(false);
    stop.abort(new Error('enough'));
    expect(((await sleeping) as Error).message).toBe('enough');
  });

  it('still wakes on time for ordinary sleeps, and at once for none', async () => {
    const started = Date.now();
    await systemClock.sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    await systemClock.sleep(0);
  });
});
