/**
 * Turns a non-2xx Gong answer into the typed error it means (docs/gong-api.md §4), like openai-node's
 * `APIError.generate()`. Messages name the status, the endpoint (`METHOD /path`, no query values)
 * and Gong's requestId, and never any credential.
 */
import {
  GongApiError,
  GongAuthError,
  GongBadRequestError,
  GongCursorExpiredError,
  GongNotFoundError,
  GongRateLimitError,
  GongScopeError,
  GongServerError,
  type GongApiErrorDetails,
} from '../errors.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * Gong's 404 for "empty result" (docs/gong-api.md §4.3, §3.5): "No calls found corresponding to the
 * provided filters", and on the stats endpoints "Answered scorecards not found" and "No stats found
 * for the specified period".
 */
const NO_RESULTS = /No .* found corresponding to the provided filters|^Answered scorecards not found|^No stats found for the specified period/i;
/** docs/gong-api.md §2.2: an expired cursor is a 400 whose errors contain this text (Dust, Onyx). */
const CURSOR_EXPIRED = /cursor has expired/i;
/** docs/gong-api.md §1.4: a missing OAuth scope is a 401 "You don't have permission to use '<scope>' in your app." */
const MISSING_SCOPE = /permission to use '([^']+)'/i;

export interface ErrorResponseInput {
  status: number;
  /** The parsed body, or `undefined` when it was not JSON. */
  body: unknown;
  /** `METHOD /path`. */
  endpoint: string;
  /** `Retry-After` header value, for 429. */
  retryAfter?: string | null | undefined;
  /** Where the refused credentials were set (`GONG_API_KEY`…), to name it in the message. */
  credentialsSource?: string | undefined;
  /** "Now" to measure an HTTP-date Retry-After against: the response's Date header, else the local clock. */
  now: number;
}

export type ErrorResponseMeaning = { kind: 'no-results' } | { kind: 'error'; error: GongApiError };

/**
 * What a non-2xx answer means: Gong's "no results" 404 (not an error), or a typed error.
 *
 * @example
 * const m = classifyErrorResponse({ status: 404, body: { errors: ['No calls found corresponding to the provided filters'] }, endpoint: 'GET /v2/calls', now: Date.now() });
 * m.kind // 'no-results'
 */
export function classifyErrorResponse(input: ErrorResponseInput): ErrorResponseMeaning {
  const { status, endpoint } = input;
  const { requestId, errors } = readErrorBody(input.body);
  const details: GongApiErrorDetails = { status, requestId, errors, endpoint };
  const said = errors.length > 0 ? `: ${errors.join('; ')}` : '';
  const ref = requestId ? ` (requestId ${requestId})` : '';

  if (status === 404 && errors.some((e) => NO_RESULTS.test(e))) return { kind: 'no-results' };

  const error = ((): GongApiError => {
    if (status === 400) {
      if (errors.some((e) => CURSOR_EXPIRED.test(e))) {
        return new GongCursorExpiredError(`Gong's pagination cursor expired (400) for ${endpoint}${said}${ref}`, details, {
          pages: 0,
          records: 0,
          lastCursor: undefined,
        });
      }
      return new GongBadRequestError(`Gong rejected the request (400) for ${endpoint}${said}${ref}`, details);
    }
    if (status === 401 || status === 403) {
      const scope = errors.map((e) => MISSING_SCOPE.exec(e)?.[1]).find((s) => s !== undefined);
      if (scope !== undefined) {
        return new GongScopeError(
          `Gong refused ${endpoint} (${status}): the access token lacks the scope '${scope}'; grant it to the app and authorise again${ref}`,
          details,
          scope,
        );
      }
      return new GongAuthError(
        `Gong refused the credentials (${status}) for ${endpoint}: check ${input.credentialsSource ?? 'the access key and secret (or the token)'} ` +
          `and the base URL (each Gong company has its own host, e.g. https://us-12345.api.gong.io)${said}${ref}`,
        details,
      );
    }
    if (status === 404) return new GongNotFoundError(`Gong found nothing at ${endpoint} (404)${said}${ref}`, details);
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(input.retryAfter, input.now);
      const wait = retryAfterMs === undefined ? '' : `; Retry-After ${Math.ceil(retryAfterMs / 1000)} s`;
      return new GongRateLimitError(`Gong's rate limit was hit (429) for ${endpoint}${wait}${said}${ref}`, details, retryAfterMs);
    }
    if (status >= 500) return new GongServerError(`Gong failed (${status}) for ${endpoint}${said}${ref}`, details);
    return new GongApiError(`Gong answered ${status} for ${endpoint}${said}${ref}`, details);
  })();
  return { kind: 'error', error };
}

/** Gong's error body is `{requestId, errors: string[]}` (docs/gong-api.md §4.1); tolerate anything else. */
function readErrorBody(body: unknown): { requestId: string | undefined; errors: string[] } {
  if (typeof body !== 'object' || body === null) return { requestId: undefined, errors: [] };
  const record = body as Record<string, unknown>;
  const requestId = typeof record.requestId === 'string' ? record.requestId : undefined;
  const raw = record.errors;
  const errors = Array.isArray(raw)
    ? raw.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))
    : typeof raw === 'string'
      ? [raw]
      : [];
  return { requestId, errors };
}
