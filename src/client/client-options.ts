/**
 * `GongClient` options and their validation: everything is checked before the first request,
 * and a bad value is a `ConfigError` (exit 2) that names the option, never a credential.
 */
import { ConfigError } from '../errors.js';
import { MAX_TIMER_MS, type Clock } from '../util/clock.js';
import type { ClientEventListener } from './client-events.js';
import type { CredentialOptions } from './credentials.js';
import type { RateLimitOption } from './rate-limiter.js';
import type { BudgetStore, RequestBudget } from './request-budget.js';
import type { ClockOffsetStore } from './server-clock.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-decision.js';

/** Gong's generic API host for access-key auth (docs/gong-api.md §1.1). */
export const DEFAULT_BASE_URL = 'https://api.gong.io';

/** The daily budget: settings for a new one, a ready `RequestBudget`, or `false` for none. */
export type BudgetOption = { dailyLimit?: number; store?: BudgetStore; accountKey?: string } | RequestBudget | false;

export interface GongClientOptions extends CredentialOptions {
  /** API host; default `https://api.gong.io`. Companies and OAuth tokens have their own (docs/gong-api.md §1.1). */
  baseUrl?: string;
  /** Throttle: `"3/s"` (default), `"3/s,100/min"`, rules, a shared `RateLimiter`, or `false`. */
  rateLimit?: RateLimitOption;
  /** Daily request budget (default 10,000 per UTC day, in memory). */
  budget?: BudgetOption;
  /** Keeps Gong's clock offset between runs (`restore()` reads it, `persist()` writes it). */
  clockOffsetStore?: ClockOffsetStore;
  /** Overrides of the retry policy (attempts, backoff, the Retry-After ceiling). */
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout in ms (default 120,000). */
  timeoutMs?: number;
  /** `fetch` to use (default the global one). */
  fetch?: typeof globalThis.fetch;
  /** Clock for waits and timestamps (default the system clock). */
  clock?: Clock;
  /** Random source for backoff jitter, uniform in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Called for each request, response, retry, throttle wait and 429. */
  onEvent?: ClientEventListener;
}

/**
 * The base URL without trailing slashes (and without a trailing `/v2`, which some connectors
 * include in theirs), checked to be an http(s) URL without embedded credentials.
 *
 * @example normalizeBaseUrl('https://us-12345.api.gong.io/') // 'https://us-12345.api.gong.io'
 */
export function normalizeBaseUrl(value: string | undefined, name = 'baseUrl'): string {
  const text = (value ?? DEFAULT_BASE_URL).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${name} is not a URL: expected e.g. https://api.gong.io or https://us-12345.api.gong.io`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL (got the scheme ${url.protocol}), e.g. https://api.gong.io`);
  }
  if (url.username || url.password) throw new ConfigError(`${name} must not contain credentials: give them as the access key and secret instead`);
  if (url.search || url.hash) throw new ConfigError(`${name} must not have a query or a fragment, e.g. https://api.gong.io`);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v2$/i, '');
  return `${url.origin}${path}`;
}

/** The default retry policy with the caller's overrides, validated. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...overrides };
  if (!(policy.maxAttempts === Number.POSITIVE_INFINITY || (Number.isInteger(policy.maxAttempts) && policy.maxAttempts >= 1))) {
    throw new ConfigError('retry.maxAttempts must be an integer of at least 1 (or Infinity)');
  }
  for (const key of ['retryForMs', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!(Number.isFinite(policy[key]) && policy[key] >= 0)) throw new ConfigError(`retry.${key} must be a number of milliseconds, 0 or more`);
  }
  if (!['full', 'decorrelated', 'none'].includes(policy.jitter)) throw new ConfigError('retry.jitter must be "full", "decorrelated" or "none"');
  return policy;
}

/** The per-attempt timeout, validated. */
export function resolveTimeout(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value > 0)) throw new ConfigError('timeoutMs must be a positive number of milliseconds');
  // A longer timer would fire after 1 ms, and every request would time out at once.
  if (value > MAX_TIMER_MS) throw new ConfigError(`the request timeout (timeoutMs, --timeout) must be at most ${MAX_TIMER_MS} ms, about 24 days`);
  return value;
}
