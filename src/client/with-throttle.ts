/** The throttle layer: waits for a slot from the `RateLimiter` before each attempt. */
import type { ClientEventListener } from './client-events.js';
import type { RateLimiter } from './rate-limiter.js';
import { endpointOf, type Layer } from './request.js';

/** Waits shorter than this are normal spacing, not worth an event. */
const REPORTED_WAIT_MS = 50;

/** @example const send = withThrottle(limiter)(inner); */
export function withThrottle(limiter: RateLimiter, onEvent?: ClientEventListener): Layer {
  return (next) => async (request) => {
    const waitedMs = await limiter.acquire(request.signal);
    if (waitedMs >= REPORTED_WAIT_MS) onEvent?.({ type: 'throttle-wait', endpoint: endpointOf(request), waitedMs });
    return next(request);
  };
}
