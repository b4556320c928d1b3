/**
 * The per-company rate limit, shared by every worker process through PostgreSQL. Gong counts 3
 * requests per second per company, not per process (docs/gong-api.md §2.5), and a connection's job can
 * move between workers (a time slice ends, a worker stops or dies), so an in-memory limiter
 * cannot keep the promise; one row per limit key can.
 *
 * It is the same GCRA without burst as `SpacingRateLimiter` (`src/client/rate-limiter.ts`), with
 * the theoretical arrival time in the row: each acquirer moves `next_at` forward by one spacing in
 * a single atomic statement and gets the slot just before it, computed on the database's clock
 * (one clock for every machine). Then it sleeps until its slot.
 *
 * A slot we wake up late for (the event loop was busy with a big page), or that the request did
 * not reach the wire in time for (`confirm`), is given up and a new one taken, rather than used
 * late: a late start squeezed against an on-time one is exactly how four requests end up in one
 * second. Skipping only ever widens gaps. A request that still reaches the socket late (a new
 * connection, a TLS handshake) moves the slots after it (`sentLate`).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { parseRateSpec, spacingFor, WIRE_LATENESS_TOLERANCE_MS, type RateLimiter } from '../client/rate-limiter.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { UntypedKysely } from '../store/untyped-kysely.js';

/**
 * The spacing of a company's requests across a fleet: `spacingFor` of the connection's rate spec,
 * with a wider margin than a single process needs (10 % + 10 ms instead of 3 % + 5 ms; 377 ms
 * instead of 348 ms at 3/s). One company's requests now leave from several processes and
 * machines, each with its own event loop and network path, and their jitter adds up: at 3/s the
 * margin lets any request arrive up to ~130 ms later than the one three slots after it before
 * Gong could count four in one second.
 *
 * @example fleetSpacingMs('3/s') // ≈ 376.7
 */
export function fleetSpacingMs(rate: string): number {
  return spacingFor(parseRateSpec(rate), { safetyRatio: 0.1, safetyMs: 10 });
}

export interface PostgresRateLimiterOptions {
  /** Lateness (ms) accepted on waking for a slot; default the smaller of 20 ms and a tenth of the spacing. */
  lateToleranceMs?: number;
  /** Slots given up in a row before a late one is used anyway (default 10). */
  maxSkips?: number;
  clock?: Clock;
}

/**
 * @example
 * const limiter = new PostgresRateLimiter(store.allTenants, 'acme', fleetSpacingMs('3/s'));
 * const client = new GongClient({ apiKey, rateLimit: limiter });
 */
export class PostgresRateLimiter implements RateLimiter {
  readonly limitKey: string;
  readonly spacingMs: number;
  readonly #db: UntypedKysely;
  readonly #tolerance: number;
  readonly #maxSkips: number;
  readonly #clock: Clock;
  /** Slots given up because the request was not on its way in time (for tests and logs). */
  skipped = 0;
  /** When the last slot was handed out (performance.now()), until the request confirms it. */
  #grantedAt = Number.NEGATIVE_INFINITY;
  /** When the last slot was handed out, kept past `confirm` for `sentLate`. */
  #lastGrantAt = Number.NEGATIVE_INFINITY;
  /** Slot moves sent to the database and not yet answered (tests await them). */
  #shifts: Promise<void> = Promise.resolve();
  /** Times the schedule was moved because a request left late (for tests and logs). */
  shifted = 0;
  /**
   * When the slot last handed out starts, in epoch ms on the database's clock (the one clock the
   * whole fleet shares): what the schedule promised, free of this process's event-loop jitter
   * (for tests and logs).
   */
  lastSlotAt = Number.NaN;

  constructor(db: UntypedKysely, limitKey: string, spacingMs: number, options: PostgresRateLimiterOptions = {}) {
    if (!(Number.isFinite(spacingMs) && spacingMs > 0)) throw new RangeError('spacingMs must be a positive number of milliseconds');
    this.#db = db;
    this.limitKey = limitKey;
    this.spacingMs = spacingMs;
    this.#tolerance = options.lateToleranceMs ?? Math.min(20, spacingMs / 10);
    this.#maxSkips = options.maxSkips ?? 10;
    this.#clock = options.clock ?? systemClock;
  }

  async acquire(signal?: AbortSignal): Promise<number> {
    const began = performance.now();
    for (let skips = 0; ; skips++) {
      signal?.throwIfAborted();
      const { waitMs, slotAt } = await this.#takeSlot();
      const woke = performance.now();
      if (waitMs > 0) await this.#clock.sleep(waitMs, signal);
      const lateMs = performance.now() - woke - Math.max(0, waitMs);
      if (lateMs <= this.#tolerance || skips >= this.#maxSkips) {
        this.#grantedAt = this.#lastGrantAt = performance.now();
        this.lastSlotAt = slotAt;
        return this.#grantedAt - began;
      }
      this.skipped++;
    }
  }

  /**
   * Called at the last moment before a request goes on the wire (the job's `fetch` wrapper): the
   * layers between the throttle and the wire (an OAuth token refresh, a new connection) may have
   * taken long enough to spoil the slot, and then a fresh one is taken. Returns the extra wait.
   */
  async confirm(signal?: AbortSignal): Promise<number> {
    const late = performance.now() - this.#grantedAt > this.#tolerance;
    this.#grantedAt = Number.NEGATIVE_INFINITY;
    if (!late) return 0;
    this.skipped++;
    return this.acquire(signal);
  }

  /**
   * The request left `lateMs` after the throttle's slot (a connection was opened first): every
   * slot not yet handed out, by any process, moves that much later, so the three after this one
   * still start a full spacing apart from its real arrival. Lateness is counted from the newest
   * slot this limiter granted (`confirm` may have taken a fresh one since the throttle's).
   */
  sentLate(lateMs: number): void {
    const late = Math.min(lateMs, performance.now() - this.#lastGrantAt);
    if (!(late > Math.max(WIRE_LATENESS_TOLERANCE_MS, this.#tolerance))) return;
    this.shifted++;
    const shift = sql`UPDATE worker_rate_limits SET next_at = next_at + ${late}::double precision * interval '1 millisecond' WHERE limit_key = ${this.limitKey}`;
    // Called from inside the transport: it must not throw, and a lost move only costs margin.
    this.#shifts = this.#shifts.then(() => shift.execute(this.#db).then(() => undefined, () => undefined));
  }

  /** Resolves when every schedule move sent so far has been answered. */
  settled(): Promise<void> {
    return this.#shifts;
  }

  /** Takes the next slot: how long until it starts (ms, ≤ 0 = now) and when (epoch ms, database clock). */
  async #takeSlot(): Promise<{ waitMs: number; slotAt: number }> {
    await this.#shifts;
    const spacing = this.spacingMs;
    const { rows } = await sql<{ wait_ms: string | number; slot_at: string | number }>`
      INSERT INTO worker_rate_limits AS w (limit_key, next_at)
      VALUES (${this.limitKey}, clock_timestamp() + ${spacing}::double precision * interval '1 millisecond')
      ON CONFLICT (limit_key) DO UPDATE
        SET next_at = greatest(w.next_at, clock_timestamp()) + ${spacing}::double precision * interval '1 millisecond'
      RETURNING extract(epoch FROM (w.next_at - clock_timestamp())) * 1000 - ${spacing}::double precision AS wait_ms,
        extract(epoch FROM w.next_at) * 1000 - ${spacing}::double precision AS slot_at`.execute(this.#db);
    return { waitMs: Number(rows[0]!.wait_ms), slotAt: Number(rows[0]!.slot_at) };
  }
}
