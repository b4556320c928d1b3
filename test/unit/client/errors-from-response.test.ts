import { describe, expect, it } from 'vitest';
import { classifyErrorResponse } from '../../../src/client/errors-from-response.js';
import { parseRetryAfter } from '../../../src/client/retry-after.js';
import {
  GongApiError,
  GongAuthError,
  GongBadRequestError,
  GongCursorExpiredError,
  GongNotFoundError,
  GongRateLimitError,
  GongScopeError,
  GongServerError,
  type GongApiError as ApiError,
} from '../../../src/errors.js';

const NOW = Date.parse('2026-06-12T17:38:37Z');

function errorFor(status: number, errors: string[] | undefined, extra: { retryAfter?: string } = {}): ApiError {
  const meaning = classifyErrorResponse({
    status,
    body: errors === undefined ? undefined : { requestId: 'req123', errors },
    endpoint: 'GET /v2/users',
    retryAfter: extra.retryAfter,
    now: NOW,
  });
  if (meaning.kind !== 'error') throw new Error(`expected an error, got ${meaning.kind}`);
  return meaning.error;
}

describe('classifyErrorResponse', () => {
  it('reads 404 "No … found corresponding to the provided filters" as an empty result, not an error', () => {
    for (const text of ['No calls found corresponding to the provided filters', 'No users found corresponding to the provided filters', 'Answered scorecards not found', 'No stats found for the specified period']) {
      expect(classifyErrorResponse({ status: 404, body: { errors: [text] }, endpoint: 'GET /v2/calls', now: NOW })).toEqual({ kind: 'no-results' });
    }
  });

  it('keeps any other 404 an error (wrong id, wrong host)', () => {
    const error = errorFor(404, ['Call ID 894411314421502864 was not found']);
    expect(error).toBeInstanceOf(GongNotFoundError);
    expect(error.retryable).toBe(false);
    expect(errorFor(404, undefined)).toBeInstanceOf(GongNotFoundError);
  });

  it('maps 400 to a bad request, and "cursor has expired" (any case) to GongCursorExpiredError', () => {
    expect(errorFor(400, ['filter.fromDateTime: must be before toDateTime'])).toBeInstanceOf(GongBadRequestError);
    const expired = errorFor(400, ['The pagination Cursor Has Expired, please start over']);
    expect(expired).toBeInstanceOf(GongCursorExpiredError);
    expect(expired.retryable).toBe(true);
  });

  it('maps a 401 naming a scope to GongScopeError with the scope parsed', () => {
    const error = errorFor(401, ["You don't have permission to use 'api:calls:read:transcript' in your app."]);
    expect(error).toBeInstanceOf(GongScopeError);
    expect((error as GongScopeError).scope).toBe('api:calls:read:transcript');
    expect(error.message).toContain('api:calls:read:transcript');
  });

  it('maps other 401 and 403 to GongAuthError with a message that helps', () => {
    for (const status of [401, 403]) {
      const error = errorFor(status, ['Access denied']);
      expect(error).toBeInstanceOf(GongAuthError);
      expect(error).not.toBeInstanceOf(GongScopeError);
      expect(error.message).toContain(`Gong refused the credentials (${status}) for GET /v2/users`);
      expect(error.message).toContain('check the access key and secret (or the token)');
      expect(error.message).toContain('https://us-12345.api.gong.io');
      expect(error.message).toContain('req123');
      expect(error.retryable).toBe(false);
    }
  });

  it('names the variable the refused credentials came from', () => {
    for (const source of ['GONG_API_KEY', 'GONG_ACCESS_KEY / GONG_ACCESS_KEY_SECRET', 'GONG_ACCESS_TOKEN']) {
      const meaning = classifyErrorResponse({ status: 401, body: { errors: ['Access denied'] }, endpoint: 'GET /v2/users', now: NOW, credentialsSource: source });
      expect(meaning.kind === 'error' && meaning.error.message).toContain(`check ${source} and the base URL`);
    }
  });

  it('maps 429 to GongRateLimitError with Retry-After in seconds or as an HTTP-date', () => {
    const seconds = errorFor(429, ['API request limit exceeded'], { retryAfter: '7' }) as GongRateLimitError;
    expect(seconds).toBeInstanceOf(GongRateLimitError);
    expect(seconds.retryAfterMs).toBe(7000);
    const date = errorFor(429, [], { retryAfter: new Date(NOW + 90_000).toUTCString() }) as GongRateLimitError;
    expect(date.retryAfterMs).toBe(90_000);
    expect((errorFor(429, []) as GongRateLimitError).retryAfterMs).toBeUndefined();
  });

  it('maps 5xx to a retryable GongServerError', () => {
    for (const status of [500, 502, 503, 504]) {
      const error = errorFor(status, ['Internal server error occurred']);
      expect(error).toBeInstanceOf(GongServerError);
      expect(error.retryable).toBe(true);
    }
  });

  it('maps other statuses to a plain, non-retryable GongApiError', () => {
    const error = errorFor(409, ['Conflict']);
    expect(error.constructor).toBe(GongApiError);
    expect(error.retryable).toBe(false);
  });

  it('puts status, endpoint, requestId and Gong errors on the error, and no query values', () => {
    const error = errorFor(400, ['Bad request']);
    expect(error).toMatchObject({ status: 400, endpoint: 'GET /v2/users', requestId: 'req123', errors: ['Bad request'] });
    expect(error.message).toMatch(/\(400\) for GET \/v2\/users: Bad request \(requestId req123\)/);
  });

  it('tolerates bodies that are not Gong error bodies', () => {
    const meaning = classifyErrorResponse({ status: 502, body: '<html>Bad gateway</html>', endpoint: 'GET /v2/users', now: NOW });
    expect(meaning.kind === 'error' && meaning.error).toBeInstanceOf(GongServerError);
    const odd = classifyErrorResponse({ status: 400, body: { errors: 'single', requestId: 5 }, endpoint: 'GET /x', now: NOW });
    expect(odd.kind === 'error' && odd.error.errors).toEqual(['single']);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, fractions and HTTP-dates; ignores garbage', () => {
    expect(parseRetryAfter('20', 0)).toBe(20_000);
    expect(parseRetryAfter(' 1.5 ', 0)).toBe(1500);
    expect(parseRetryAfter('Fri, 12 Jun 2026 17:39:07 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Fri, 12 Jun 2026 17:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});
