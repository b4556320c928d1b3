/** The Gong API client's public surface. */
export { GongClient, type CallOptions, type CallsQuery, type CallsExtensiveQuery, type TranscriptsQuery } from './gong-client.js';
export { DEFAULT_BASE_URL, normalizeBaseUrl, type BudgetOption, type GongClientOptions } from './client-options.js';
export {
  BasicCredentials,
  BearerCredentials,
  BearerProviderCredentials,
  credentialsFromEnv,
  parseApiKey,
  parseCredentials,
  type CredentialOptions,
  type Credentials,
} from './credentials.js';
export type { ClientEvent, ClientEventListener } from './client-events.js';
export type { GongRequest, GongResponse, HttpMethod, Layer, QueryValue, Send } from './request.js';
export { paginate, paginateBatches, paginatedFrom, emptyPaginated, withCursor, type Page, type Paginated } from './paginate.js';
export { decideRetry, backoffDelay, defaultRetryPolicy, type RetryDecision, type RetryInput, type RetryPolicy, type RetryReason } from './retry-decision.js';
export {
  createRateLimiter,
  DEFAULT_RATE_SPEC,
  parseRateSpec,
  SpacingRateLimiter,
  spacingFor,
  type RateLimiter,
  type RateLimitOption,
  type RateRule,
} from './rate-limiter.js';
export {
  DEFAULT_DAILY_LIMIT,
  defaultAccountKey,
  InMemoryBudgetStore,
  RequestBudget,
  type BudgetStore,
  type RequestBudgetOptions,
} from './request-budget.js';
export { classifyErrorResponse, type ErrorResponseMeaning } from './errors-from-response.js';
export { parseJsonLossless, quoteBigIntegers } from './lossless-json.js';
export { normalizeBody } from './normalize-body.js';
export { parseRetryAfter } from './retry-after.js';
export { DEFAULT_CONTENT_SELECTOR, withoutMedia } from './content-selector.js';
export { MAX_IDS_PER_REQUEST, idBatches } from './batches.js';
export { toGongDateTime, type DateInput } from './date-input.js';
export { DEFAULT_TIMEOUT_MS } from './fetch-transport.js';
