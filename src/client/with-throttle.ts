/**
 * The throttle layer: waits for a slot from the `RateLimiter` before each attempt, and tells the
 * limiter when the request left later than its slot (a new connection first), so that the slots
 * after it keep their spacing from the real send.
 */
import { performance } from 'node:perf_hooks';
import type { ClientEventListener } from './client-events.js';
import type { RateLimiter } from './rate-limiter.js';
import { endpointOf, type Layer } from './request.js';

/** Waits shorter than this are normal spacing, not worth an event. */
const REPORTED_WAIT_MS = 50;

/** @example const send = withThrottle(limiter)(inner); */
export function withThrottle(limiter: RateLimiter, onEvent?: ClientEventListener): Layer {
  return (next) => async (request) => {
    const waitedMs = await limiter.acquire(request.signal);
    const slotAt = performance.now();
    if (waitedMs >= REPORTED_WAIT_MS) onEvent?.({ type: 'throttle-wait', endpoint: endpointOf(request), waitedMs });
    if (!limiter.sentLate) return next(request);
    return next({ ...request, onWire: (sentAt) => limiter.sentLate!(sentAt - slotAt) });
  };
}
