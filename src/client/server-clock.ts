/**
 * An estimate of Gong's clock, from the `Date` header of each response. The sync fixes its
 * windows on Gong's clock, so a skewed local clock cannot open gaps between windows.
 *
 * `Date` has one-second resolution and is stamped before the response reaches us, so
 * `Date − receivedAt` is a lower bound of the true offset (at most ~1 s plus latency low).
 * Erring early is the safe side: a window end slightly in Gong's past is re-read next run.
 */
import type { Clock } from '../util/clock.js';

/**
 * Where Gong's clock offset is kept between runs (the store keeps one per connection), so the
 * first request of a run already counts against Gong's day and windows end at Gong's now.
 */
export interface ClockOffsetStore {
  load(): Promise<number | undefined>;
  save(offsetMs: number): Promise<void>;
}

export class ServerClock {
  readonly #local: Clock;
  #offsetMs: number | undefined;

  constructor(local: Clock) {
    this.#local = local;
  }

  /** Records a response's `Date` header, received at local time `receivedAt`. */
  observe(dateHeader: string | null | undefined, receivedAt: number): void {
    if (!dateHeader) return;
    const serverTime = Date.parse(dateHeader);
    if (Number.isNaN(serverTime)) return;
    this.#offsetMs = serverTime - receivedAt;
  }

  /**
   * Takes an offset measured earlier (a previous run's) until the first `Date` header arrives,
   * so even the first request of a run counts against Gong's day, not the local one.
   */
  assume(offsetMs: number): void {
    if (this.#offsetMs === undefined && Number.isFinite(offsetMs)) this.#offsetMs = offsetMs;
  }

  /** Server minus local time, as last measured; `undefined` before any `Date` header. */
  get offsetMs(): number | undefined {
    return this.#offsetMs;
  }

  /** Gong's time now (epoch ms): local now plus the last measured offset, or local now. */
  now(): number {
    return this.#local.now() + (this.#offsetMs ?? 0);
  }
}
