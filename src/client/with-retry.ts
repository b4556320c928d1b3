/**
 * The retry loop: one place that re-sends a failed attempt, asking `decideRetry` whether and
 * when, and sleeping on the injected clock. It sits above the budget and the throttle, so every
 * re-sent attempt is counted against the daily budget and spaced like any other request.
 */
import { GongError, GongQuotaExhaustedError, GongRateLimitError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import type { ClientEventListener } from './client-events.js';
import { endpointOf, type Layer } from './request.js';
import { decideRetry, isPacing, type RetryPolicy } from './retry-decision.js';

export interface RetryLayerOptions {
  policy: RetryPolicy;
  clock: Clock;
  random?: () => number;
  onEvent?: ClientEventListener;
}

/**
 * @example const send = withRetry({ policy: defaultRetryPolicy, clock: systemClock })(inner);
 * @throws GongQuotaExhaustedError (reason `retry-after`) when Gong asks for a wait above the ceiling
 */
export function withRetry(options: RetryLayerOptions): Layer {
  const { policy, clock } = options;
  const emit = options.onEvent ?? (() => {});
  return (next) => async (request) => {
    const endpoint = endpointOf(request);
    let previousDelayMs: number | undefined;
    // Failures in a row and when the first of them happened; a 429 with Retry-After is neither.
    let failures = 0;
    let failingSince: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await next({ ...request, attempt });
      } catch (error) {
        if (!(error instanceof GongError)) throw error; // aborts and programming errors pass through
        if (error instanceof GongRateLimitError) emit({ type: 'rate-limited', endpoint, retryAfterMs: error.retryAfterMs });
        if (!isPacing(error)) {
          failures += 1;
          failingSince ??= clock.now();
        }
        const failingForMs = failingSince === undefined ? 0 : clock.now() - failingSince;
        const decision = decideRetry({ attempt: Math.max(1, failures), failingForMs, error, policy, random: options.random, previousDelayMs });
        if (!decision.retry) {
          if (decision.reason === 'retry-after-too-long' && error instanceof GongRateLimitError) {
            const waitMs = error.retryAfterMs ?? 0;
            throw new GongQuotaExhaustedError(
              `Gong asked to wait ${Math.ceil(waitMs / 1000)} s before ${endpoint} (longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s ceiling): ` +
                `the request quota is spent; resume after ${new Date(clock.now() + waitMs).toISOString()}`,
              new Date(clock.now() + waitMs),
              'retry-after',
            );
          }
          throw error;
        }
        emit({ type: 'retry', endpoint, attempt, delayMs: decision.delayMs, reason: decision.reason, error: error.name, failingForMs });
        await clock.sleep(decision.delayMs, request.signal);
        previousDelayMs = decision.delayMs;
      }
    }
  };
}
