import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_BY_KIND, exitCodeFor } from '../../src/cli/exit-codes.js';
import { decideRetry, defaultRetryPolicy, type RetryPolicy } from '../../src/client/retry-decision.js';
import { CredentialsCorruptError, SecretKeyMismatchError, UnknownConnectionError } from '../../src/connections/connection-errors.js';
import { ERROR_KINDS, RETRYABLE_BY_KIND, type ErrorKind } from '../../src/error-kind.js';
import {
  ConfigError,
  GongApiError,
  GongAuthError,
  GongBadRequestError,
  GongConnectionError,
  GongCursorError,
  GongCursorExpiredError,
  GongError,
  GongNotFoundError,
  GongProtocolError,
  GongQuotaExhaustedError,
  GongRateLimitError,
  GongRepeatedCursorError,
  GongScopeError,
  GongServerError,
  GongTimeoutError,
  StoreError,
  SyncLockedError,
  kindOfStatus,
} from '../../src/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { FAILURE_OUTCOME_BY_KIND, deferUntil, failureOutcome } from '../../src/workers/failure-outcome.js';

const policy: RetryPolicy = { ...defaultRetryPolicy, jitter: 'none' };
const progress = { pages: 2, records: 200, lastCursor: 'c2' };
const api = (status: number) => ({ status, endpoint: 'GET /v2/calls' });

/** The client's decision on a first failed attempt, as one word. */
function retryOf(error: GongError): string {
  const d = decideRetry({ attempt: 1, error, policy });
  return d.retry ? `retry ${d.reason}` : d.reason;
}

type Row = [name: string, error: GongError, kind: ErrorKind, retryable: boolean, exit: number, retry: string, worker: string];

// Every class of the hierarchy (and the constructor options that change a kind), with what each
// part of the package does about it. One row is one error; the columns are the four tables.
const rows: Row[] = [
  ['GongError (bare)', new GongError('x'), 'unexpected', false, 1, 'not-retryable', 'fail'],
  ['ConfigError', new ConfigError('x'), 'configuration', false, 2, 'not-retryable', 'fail'],
  ['SecretKeyMismatchError', new SecretKeyMismatchError('k1', 'k2'), 'configuration', false, 2, 'not-retryable', 'fail'],
  ['UnknownConnectionError', new UnknownConnectionError('acme'), 'configuration', false, 2, 'not-retryable', 'fail'],
  ['StoreError (unusable --db)', new StoreError('cannot open database', undefined, { kind: 'configuration' }), 'configuration', false, 2, 'not-retryable', 'fail'],
  ['GongAuthError 401', new GongAuthError('x', api(401)), 'credentials', false, 3, 'not-retryable', 'fail'],
  ['GongAuthError 403', new GongAuthError('x', api(403)), 'credentials', false, 3, 'not-retryable', 'fail'],
  ['GongScopeError', new GongScopeError('x', api(401), 'api:calls:read:transcript'), 'credentials', false, 3, 'not-retryable', 'fail'],
  ['GongQuotaExhaustedError (budget)', new GongQuotaExhaustedError('x', new Date(0), 'budget'), 'quota', true, 4, 'not-retryable', 'defer'],
  ['GongQuotaExhaustedError (retry-after)', new GongQuotaExhaustedError('x', new Date(0), 'retry-after'), 'quota', true, 4, 'not-retryable', 'defer'],
  ['SyncLockedError', new SyncLockedError('x'), 'locked', true, 5, 'not-retryable', 'retry'],
  ['GongServerError', new GongServerError('x', api(503)), 'transient', true, 1, 'retry server-error', 'retry'],
  ['GongRateLimitError', new GongRateLimitError('x', api(429), undefined), 'transient', true, 1, 'retry rate-limited', 'retry'],
  ['GongRateLimitError above the ceiling', new GongRateLimitError('x', api(429), 3_600_000), 'transient', true, 1, 'retry-after-too-long', 'retry'],
  ['GongConnectionError', new GongConnectionError('x', 'GET /v2/calls'), 'transient', true, 1, 'retry connection', 'retry'],
  ['GongTimeoutError', new GongTimeoutError('x', 1000, 'GET /v2/calls'), 'transient', true, 1, 'retry timeout', 'retry'],
  ['GongProtocolError (malformed body)', new GongProtocolError('x', 'GET /v2/calls'), 'transient', true, 1, 'retry protocol', 'retry'],
  ['GongApiError 502 (no subclass)', new GongApiError('x', api(502)), 'transient', true, 1, 'retry transient', 'retry'],
  ['GongCursorExpiredError', new GongCursorExpiredError('x', api(400), progress), 'cursor', true, 1, 'not-retryable', 'retry'],
  ['GongRepeatedCursorError', new GongRepeatedCursorError('x', progress, 'GET /v2/calls'), 'cursor', true, 1, 'not-retryable', 'retry'],
  ['GongBadRequestError', new GongBadRequestError('x', api(400)), 'caller', false, 1, 'not-retryable', 'fail'],
  ['GongNotFoundError', new GongNotFoundError('x', api(404)), 'caller', false, 1, 'not-retryable', 'fail'],
  ['GongApiError 409', new GongApiError('x', api(409)), 'caller', false, 1, 'not-retryable', 'fail'],
  ['GongProtocolError (schema break)', new GongProtocolError('x', 'GET /v2/calls', { kind: 'protocol' }), 'protocol', false, 1, 'not-retryable', 'fail'],
  ['GongProtocolError (retryable: false)', new GongProtocolError('x', 'GET /v2/calls', { retryable: false }), 'protocol', false, 1, 'not-retryable', 'fail'],
  ['GongApiError 302 (not followed)', new GongApiError('x', api(302)), 'protocol', false, 1, 'not-retryable', 'fail'],
  ['StoreError', new StoreError('search failed in the database'), 'storage', false, 1, 'not-retryable', 'fail'],
  ['CredentialsCorruptError', new CredentialsCorruptError('acme'), 'storage', false, 1, 'not-retryable', 'fail'],
];

describe('one error taxonomy', () => {
  it.each(rows)('%s: kind, retryable, exit code, client retry, worker outcome', (_name, error, kind, retryable, exit, retry, worker) => {
    expect({ kind: error.kind, retryable: error.retryable, exit: exitCodeFor(error), retry: retryOf(error), worker: failureOutcome(error) }).toEqual({
      kind,
      retryable,
      exit,
      retry,
      worker,
    });
  });

  it('covers every kind', () => {
    expect(new Set(rows.map((r) => r.at(2)))).toEqual(new Set(ERROR_KINDS));
  });

  it('derives retryable from the kind only, and the worker retries or defers exactly the retryable kinds', () => {
    for (const kind of ERROR_KINDS) {
      expect(new GongError('x', { kind }).retryable).toBe(RETRYABLE_BY_KIND[kind]);
      expect(FAILURE_OUTCOME_BY_KIND[kind] !== 'fail').toBe(RETRYABLE_BY_KIND[kind]);
    }
  });

  it('exits 2 to 5 only for the kinds the README names, 1 for the rest and for errors not ours', () => {
    expect(Object.entries(EXIT_CODE_BY_KIND).filter(([, code]) => code !== 1)).toEqual([
      ['configuration', 2],
      ['credentials', 3],
      ['quota', 4],
      ['locked', 5],
    ]);
    expect(exitCodeFor(new Error('boom'))).toBe(1);
    expect(exitCodeFor('a string')).toBe(1);
  });

  it('retries errors that are not ours in a worker (the database going away for a moment)', () => {
    expect(failureOutcome(new Error('Connection terminated unexpectedly'))).toBe('retry');
  });

  it('defers a quota error until its resumeAfter, anything else a minute', () => {
    const resumeAfter = new Date('2026-06-13T00:00:00Z');
    expect(deferUntil(new GongQuotaExhaustedError('x', resumeAfter, 'budget'), 0)).toBe(resumeAfter);
    expect(deferUntil(new Error('x'), 1000).getTime()).toBe(61_000);
  });

  it('gives both cursor errors one parent that carries progress, and keeps them API errors', () => {
    for (const error of [new GongCursorExpiredError('x', api(400), progress), new GongRepeatedCursorError('x', progress, 'GET /v2/calls')]) {
      expect(error).toBeInstanceOf(GongCursorError);
      expect(error).toBeInstanceOf(GongApiError);
      expect(error.progress).toEqual(progress);
      expect(error.endpoint).toBe('GET /v2/calls');
    }
    expect(new GongRepeatedCursorError('x', progress).status).toBe(200);
    expect(new GongRepeatedCursorError('x', progress, undefined, 203).status).toBe(203);
  });

  it('maps statuses without a subclass to kinds', () => {
    expect([401, 403, 429, 500, 503, 400, 404, 409, 422, 302].map(kindOfStatus)).toEqual([
      'credentials',
      'credentials',
      'transient',
      'transient',
      'transient',
      'caller',
      'caller',
      'caller',
      'caller',
      'protocol',
    ]);
  });

  it('makes an unusable --db path a configuration error where the store throws it (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pandora-gong-kinds-'));
    try {
      for (const path of [join(dir, 'missing', 'x.db'), dir]) {
        const error = await openStore(path).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).kind).toBe('configuration');
        expect(exitCodeFor(error)).toBe(2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
