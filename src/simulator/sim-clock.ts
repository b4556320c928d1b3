/**
 * The simulator's clock: it starts at the company's `now`, moves with real time (unless frozen)
 * and jumps forward on `advance(ms)`. Every time-dependent answer (visibility, transcripts,
 * cursor expiry, rate limits, the `Date` header) reads this clock, so a test can make a day pass
 * in a millisecond.
 */
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock } from '../util/clock.js';

/** @example const clock = new SimClock(Date.now(), { frozen: true }); clock.advance(60_000); */
export class SimClock implements Clock {
  private readonly startMs: number;
  private readonly startPerf = performance.now();
  private advancedMs = 0;
  private readonly frozen: boolean;

  /**
   * @param startMs the simulated instant at creation.
   * @param options.frozen when true, only `advance` moves the clock.
   * @example const clock = new SimClock(Date.parse('2026-06-01T12:00:00Z')); clock.advance(3_600_000);
   */
  constructor(startMs: number, options: { frozen?: boolean } = {}) {
    this.startMs = startMs;
    this.frozen = options.frozen ?? false;
  }

  now(): number {
    const elapsed = this.frozen ? 0 : Math.floor(performance.now() - this.startPerf);
    return this.startMs + elapsed + this.advancedMs;
  }

  /** Moves simulated time forward (never back: Gong's clock does not run backwards). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: expected a non-negative number of milliseconds, got ${ms}`);
    this.advancedMs += ms;
    return this.now();
  }

  /** Waits in real time: simulated time passes with it. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms, signal);
  }
}
