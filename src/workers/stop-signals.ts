/**
 * How a job stops. A *soft* stop (its time slice is over, or the worker got SIGTERM) lets the sync
 * finish the page in hand: it commits and returns `stopped`. A *hard* stop, some grace later,
 * aborts whatever is still waiting (a request, a Retry-After sleep, a throttle slot) so the job
 * ends well before pg-boss would expire it and hand it to another worker.
 *
 * The sync checks its signal between pages only, so the hard stop reaches into the client through
 * the two seams it offers: the injected `fetch` and the injected clock's `sleep`.
 */
import { systemClock, type Clock } from '../util/clock.js';

export interface JobStops {
  soft: AbortSignal;
  hard: AbortSignal;
  dispose(): void;
}

/**
 * Stops for one job: soft at the end of its slice or when the worker stops softly, hard a grace
 * later or when the worker stops hard.
 *
 * @example const stops = jobStops(worker.soft, worker.hard, 630_000, 180_000);
 */
export function jobStops(workerSoft: AbortSignal, workerHard: AbortSignal, sliceMs: number, graceMs: number): JobStops {
  const slice = new AbortController();
  const overrun = new AbortController();
  const sliceTimer = setTimeout(() => slice.abort(new Error('time slice over')), sliceMs);
  const hardTimer = setTimeout(() => overrun.abort(new Error('time slice over, grace spent')), sliceMs + graceMs);
  return {
    soft: AbortSignal.any([workerSoft, slice.signal]),
    hard: AbortSignal.any([workerHard, overrun.signal]),
    dispose: () => {
      clearTimeout(sliceTimer);
      clearTimeout(hardTimer);
    },
  };
}

/**
 * A clock whose sleeps end when `hard` aborts (retry backoffs, Retry-After waits, throttle waits).
 *
 * @example new GongClient({ clock: interruptibleClock(stops.hard) })
 */
export function interruptibleClock(hard: AbortSignal, base: Clock = systemClock): Clock {
  return {
    now: () => base.now(),
    sleep: (ms, signal) => base.sleep(ms, signal ? AbortSignal.any([signal, hard]) : hard),
  };
}

/**
 * A `fetch` whose requests are aborted when `hard` aborts.
 *
 * @example new GongClient({ fetch: interruptibleFetch(stops.hard) })
 */
export function interruptibleFetch(hard: AbortSignal, base: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, hard]) : hard });
}
