/**
 * The simulator's clock: it starts at the company's `now`, moves with real time (unless frozen)
 * and jumps forward on `advance(ms)`. Every time-dependent answer (visibility, transcripts,
 * cursor expiry, rate limits, the `Date` header) reads this clock, so a test can make a day pass
 * in a millisecond.
 */
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock } from '../util/clock.js';

/**
 * Real time as the simulator measures it: monotonic (`performance.now`), so a wall-clock jump on
 * the machine does not move Gong's clock.
 */
export const monotonicClock: Clock = { now: () => performance.now(), sleep: (ms, signal) => systemClock.sleep(ms, signal) };

/** @example const clock = new SimClock(Date.now(), { frozen: true }); clock.advance(60_000); */
export class SimClock implements Clock {
  private readonly startMs: number;
  private readonly real: Clock;
  private readonly realStart: number;
  private advancedMs = 0;
  private readonly frozen: boolean;

  /**
   * @param startMs the simulated instant at creation.
   * @param options.frozen when true, only `advance` moves the clock.
   * @param options.real the real time an unfrozen clock moves with (default `monotonicClock`);
   *   tests inject a `ManualClock` to let time pass without waiting for it.
   * @example const clock = new SimClock(Date.parse('2026-06-01T12:00:00Z')); clock.advance(3_600_000);
   */
  constructor(startMs: number, options: { frozen?: boolean; real?: Clock } = {}) {
    this.startMs = startMs;
    this.frozen = options.frozen ?? false;
    this.real = options.real ?? monotonicClock;
    this.realStart = this.real.now();
  }

  now(): number {
    const elapsed = this.frozen ? 0 : Math.floor(this.real.now() - this.realStart);
    return this.startMs + elapsed + this.advancedMs;
  }

  /** Moves simulated time forward (never back: Gong's clock does not run backwards). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: expected a non-negative number of milliseconds, got ${ms}`);
    this.advancedMs += ms;
    return this.now();
  }

  /** Waits on the real clock: simulated time passes with it. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.real.sleep(ms, signal);
  }
}
