/**
 * Gong's limits: 3 requests per second and 10,000 per day per company (docs/gong-api.md §2.5), answered
 * with 429 and an integer `Retry-After`.
 *
 * Decisions where the docs are silent: a request refused with 429 does not count toward either
 * limit (it was not served); every request let through counts, whatever happens to it next
 * (injected faults included). Requests refused before the limiter (unknown path, wrong method,
 * bad credentials or scope) do not count either: Gong could not tell whose company they were.
 * Time is the simulator's clock, so a frozen clock needs `advance()` to refill the window. The day is the UTC day of the simulator's clock, so the budget
 * comes back at UTC midnight (docs/gong-api.md §8 leaves the reset time open).
 */
import { nextUtcMidnight, utcDay } from '../util/time.js';

export interface RateLimitOptions {
  /** Requests allowed in any sliding 1-second window; default 3. */
  perSecond?: number;
  /** Requests allowed per UTC day; default 10,000. */
  daily?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; reason: 'per-second' | 'daily' };

/** @example const limiter = new RateLimiter({ perSecond: 3 }); limiter.admit(clock.now()) */
export class RateLimiter {
  private readonly perSecond: number;
  private readonly daily: number;
  private recent: number[] = [];
  private day = '';
  private usedToday = 0;

  constructor(options: RateLimitOptions | false) {
    this.perSecond = options === false ? Infinity : (options.perSecond ?? 3);
    this.daily = options === false ? Infinity : (options.daily ?? 10_000);
  }

  /** Admits the request arriving at `nowMs` (and counts it), or says how long to wait. */
  admit(nowMs: number): RateDecision {
    const today = utcDay(nowMs);
    if (today !== this.day) {
      this.day = today;
      this.usedToday = 0;
    }
    if (this.usedToday >= this.daily) {
      return { ok: false, reason: 'daily', retryAfterSeconds: Math.max(1, Math.ceil((nextUtcMidnight(nowMs) - nowMs) / 1000)) };
    }
    this.recent = this.recent.filter((t) => t > nowMs - 1000);
    if (this.recent.length >= this.perSecond) {
      return { ok: false, reason: 'per-second', retryAfterSeconds: Math.max(1, Math.ceil((this.recent[0]! + 1000 - nowMs) / 1000)) };
    }
    this.recent.push(nowMs);
    this.usedToday++;
    return { ok: true };
  }

  /** The configured limits, or false when they are off. */
  get limits(): { perSecond: number; daily: number } | false {
    return this.perSecond === Infinity && this.daily === Infinity ? false : { perSecond: this.perSecond, daily: this.daily };
  }

  /** Requests counted on the UTC day of `nowMs`. */
  used(nowMs: number): number {
    return utcDay(nowMs) === this.day ? this.usedToday : 0;
  }
}
