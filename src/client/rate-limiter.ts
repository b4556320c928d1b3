/**
 * Client-side throttling, so Gong never has to throttle us: a 429 costs a request of the daily
 * budget and a wait. Gong allows 3 requests per second per company and meters them with a leaky
 * bucket (docs/gong-api.md §2.5). We space request *starts* evenly at the strictest ceiling, plus a
 * safety margin for network jitter: a GCRA with no burst. Evenly spaced starts satisfy a leaky
 * bucket, any token bucket and any sliding-window count at the server, whichever Gong really runs.
 *
 * The limiter is an interface so that a PostgreSQL-backed one can share the ceiling between
 * worker processes that use the same Gong account.
 */
import { ConfigError } from '../errors.js';
import type { Clock } from '../util/clock.js';

export interface RateLimiter {
  /** Resolves when the caller may start a request; returns how long it waited (ms). */
  acquire(signal?: AbortSignal): Promise<number>;
  /**
   * The request of the slot just handed out reached the socket `lateMs` after it (real
   * milliseconds; a connection had to be opened first). A limiter that implements this moves the
   * slots not yet handed out by as much, so the spacing holds from when the request really left.
   * Called at most once per slot, synchronously from the transport: it must not throw.
   */
  sentLate?(lateMs: number): void;
}

/**
 * Lateness absorbed by the spacing's own margin rather than moved into the schedule: a few ms of
 * event-loop and socket jitter are normal, and the margin (3 % + 5 ms, 15 ms at 3/s) covers three
 * times that across the four requests that could share a second.
 */
export const WIRE_LATENESS_TOLERANCE_MS = 10;

/** At most `limit` request starts per `intervalMs`. */
export interface RateRule {
  limit: number;
  intervalMs: number;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
};

/** Gong's documented per-second ceiling (docs/gong-api.md §2.5). */
export const DEFAULT_RATE_SPEC = '3/s';

/**
 * Parses `"3/s"`, `"100/min"`, `"3/s,100/min"` or a rule list. Daily limits are refused here:
 * a day is the request budget's job (`budget.dailyLimit`), not a spacing.
 *
 * @example parseRateSpec('3/s,100/min') // [{ limit: 3, intervalMs: 1000 }, { limit: 100, intervalMs: 60000 }]
 * @throws ConfigError on a malformed spec
 */
export function parseRateSpec(spec: string | readonly RateRule[]): RateRule[] {
  const rules =
    typeof spec === 'string'
      ? spec
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
          .map(parseRule)
      : spec.map((rule) => ({ limit: rule.limit, intervalMs: rule.intervalMs }));
  if (rules.length === 0) throw new ConfigError('rate limit spec is empty: expected e.g. "3/s" or "3/s,100/min"');
  for (const rule of rules) {
    if (!(Number.isFinite(rule.limit) && rule.limit > 0 && Number.isFinite(rule.intervalMs) && rule.intervalMs > 0)) {
      throw new ConfigError('rate limit rules need a positive limit and a positive interval');
    }
  }
  return rules;
}

function parseRule(text: string): RateRule {
  const m = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)?\s*([a-z]+)$/i.exec(text);
  const unit = m?.[3]?.toLowerCase();
  if (unit === 'd' || unit === 'day') {
    throw new ConfigError(`rate limit "${text}": daily limits belong to the request budget (budget.dailyLimit), not the throttle`);
  }
  const unitMs = unit === undefined ? undefined : UNIT_MS[unit];
  if (!m || unitMs === undefined) {
    throw new ConfigError(`rate limit "${text}" is not understood: expected <count>/<unit> with unit ms, s, min or h, e.g. "3/s" or "100/min"`);
  }
  return { limit: Number(m[1]), intervalMs: Number(m[2] ?? 1) * unitMs };
}

export interface SpacingOptions {
  /** Extra fraction of the spacing (default 3%). */
  safetyRatio?: number;
  /** Extra milliseconds (default 5). */
  safetyMs?: number;
}

/**
 * The gap between request starts that honours every rule with a margin: the strictest
 * `interval / limit`, plus 3 % and 5 ms by default (3/s → 348 ms; 100/min → 623 ms).
 *
 * @example spacingFor(parseRateSpec('3/s')) // ≈ 348.3
 */
export function spacingFor(rules: readonly RateRule[], options: SpacingOptions = {}): number {
  const strictest = Math.max(...rules.map((r) => r.intervalMs / r.limit));
  return strictest * (1 + (options.safetyRatio ?? 0.03)) + (options.safetyMs ?? 5);
}

/**
 * In-memory GCRA without burst: the n-th request may start `spacing` after the (n-1)-th.
 * Slots are handed out in call order, so concurrent callers queue fairly.
 *
 * @example
 * const limiter = new SpacingRateLimiter(parseRateSpec('3/s'), systemClock);
 * await limiter.acquire(); // immediate; the next one waits ~348 ms
 */
export class SpacingRateLimiter implements RateLimiter {
  readonly rules: readonly RateRule[];
  readonly spacingMs: number;
  readonly #clock: Clock;
  /** The earliest start of the next request ("theoretical arrival time" in GCRA terms). */
  #nextStart = Number.NEGATIVE_INFINITY;

  constructor(rules: readonly RateRule[], clock: Clock, options: SpacingOptions = {}) {
    this.rules = Object.freeze(rules.map((r) => Object.freeze({ ...r })));
    this.spacingMs = spacingFor(rules, options);
    this.#clock = clock;
  }

  sentLate(lateMs: number): void {
    if (lateMs > WIRE_LATENESS_TOLERANCE_MS) this.#nextStart += lateMs;
  }

  async acquire(signal?: AbortSignal): Promise<number> {
    signal?.throwIfAborted();
    const now = this.#clock.now();
    const start = Math.max(now, this.#nextStart);
    this.#nextStart = start + this.spacingMs;
    const wait = start - now;
    if (wait > 0) await this.#clock.sleep(wait, signal);
    return wait;
  }
}

/** What `GongClient`'s `rateLimit` option accepts. */
export type RateLimitOption = string | readonly RateRule[] | RateLimiter | false;

/**
 * The limiter for a `rateLimit` option: the default 3/s, a spec, a ready limiter, or none (`false`).
 */
export function createRateLimiter(option: RateLimitOption | undefined, clock: Clock): RateLimiter | undefined {
  if (option === false) return undefined;
  if (option === undefined) return new SpacingRateLimiter(parseRateSpec(DEFAULT_RATE_SPEC), clock);
  if (typeof option === 'string' || Array.isArray(option)) return new SpacingRateLimiter(parseRateSpec(option as string | RateRule[]), clock);
  if (typeof (option as RateLimiter).acquire === 'function') return option as RateLimiter;
  throw new ConfigError('rateLimit must be a spec such as "3/s", a list of {limit, intervalMs}, a RateLimiter, or false');
}
