/**
 * One error hierarchy for the whole package, like openai-node's `APIError` family. Every error
 * carries a `kind` (`src/error-kind.ts`: what it means) and `retryable`, derived from the kind
 * in one table. API errors also carry the HTTP `status`, Gong's `requestId` and its `errors[]`.
 * Decisions read the kind, each in one table: the client's retry (`src/client/retry-decision.ts`),
 * the CLI's exit code (`src/cli/exit-codes.ts`), a worker job's outcome (`src/workers/failure-outcome.ts`).
 *
 * Messages never contain credentials: constructors take only what is safe to show, and
 * `redact()` scrubs anything that looks like an Authorization value from text we did not write.
 *
 * @example
 * try { await client.users().toArray(); }
 * catch (e) { if (e instanceof GongError && e.retryable) scheduleLater(); else throw e; }
 */
import { RETRYABLE_BY_KIND, type ErrorKind } from './error-kind.js';

export { RETRYABLE_BY_KIND, ERROR_KINDS, type ErrorKind } from './error-kind.js';

export interface GongApiErrorDetails {
  status: number;
  requestId?: string | undefined;
  errors?: string[] | undefined;
  /** `METHOD /path` of the failed request, without query values or body. */
  endpoint?: string | undefined;
}

export interface GongErrorOptions {
  /** What the error means; `unexpected` when not given. */
  kind?: ErrorKind;
  cause?: unknown;
}

/** Root of every error this package throws on purpose. */
export class GongError extends Error {
  /** What the error means: every decision about it (retry, exit code, job outcome) reads this. */
  readonly kind: ErrorKind;
  /** Whether the same operation, tried again later, may succeed (from the kind, `RETRYABLE_BY_KIND`). */
  readonly retryable: boolean;
  override readonly name: string = 'GongError';
  constructor(message: string, options: GongErrorOptions = {}) {
    super(redact(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind ?? 'unexpected';
    this.retryable = RETRYABLE_BY_KIND[this.kind];
  }
}

/** Bad usage or configuration: a malformed key, a bad date, a bad flag (exit 2). */
export class ConfigError extends GongError {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super(message, { kind: 'configuration' });
  }
}

/**
 * The kind of an HTTP error status that no subclass names: 401/403 credentials; 429 and 5xx
 * transient; any other 4xx is the caller's; anything else (a redirect fetch did not follow) is
 * an answer we do not rely on.
 *
 * @example kindOfStatus(409) // 'caller'
 */
export function kindOfStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'credentials';
  if (status === 429 || status >= 500) return 'transient';
  if (status >= 400) return 'caller';
  return 'protocol';
}

/** Gong answered with an HTTP error. Subclasses give it a meaning. */
export class GongApiError extends GongError {
  override readonly name: string = 'GongApiError';
  readonly status: number;
  readonly requestId: string | undefined;
  readonly errors: string[];
  readonly endpoint: string | undefined;
  /** The kind defaults to the status's (`kindOfStatus`); subclasses name theirs. */
  constructor(message: string, details: GongApiErrorDetails, options: GongErrorOptions = {}) {
    super(message, { kind: options.kind ?? kindOfStatus(details.status), cause: options.cause });
    this.status = details.status;
    this.requestId = details.requestId;
    this.errors = (details.errors ?? []).map(redact);
    this.endpoint = details.endpoint;
  }
}

/** 400: Gong refused the request as malformed (bad filter, too many ids…). */
export class GongBadRequestError extends GongApiError {
  override readonly name = 'GongBadRequestError';
  constructor(message: string, details: GongApiErrorDetails, options: { cause?: unknown } = {}) {
    super(message, details, { kind: 'caller', cause: options.cause });
  }
}

/** 401/403: the credentials were refused (wrong, revoked, or for another region's host). */
export class GongAuthError extends GongApiError {
  override readonly name: string = 'GongAuthError';
  constructor(message: string, details: GongApiErrorDetails, options: { cause?: unknown } = {}) {
    super(message, details, { kind: 'credentials', cause: options.cause });
  }
}

/** 401 "You don't have permission to use 'api:…'": the key works but lacks a scope. */
export class GongScopeError extends GongAuthError {
  override readonly name = 'GongScopeError';
  /** The missing scope as Gong named it, e.g. `api:calls:read:transcript`. */
  readonly scope: string | undefined;
  constructor(message: string, details: GongApiErrorDetails, scope: string | undefined) {
    super(message, details);
    this.scope = scope;
  }
}

/** 404 that is not Gong's "no results" answer (wrong id, wrong path, wrong host). */
export class GongNotFoundError extends GongApiError {
  override readonly name = 'GongNotFoundError';
  constructor(message: string, details: GongApiErrorDetails, options: { cause?: unknown } = {}) {
    super(message, details, { kind: 'caller', cause: options.cause });
  }
}

/** 429 that the client chose not to wait out by itself (retries exhausted). Transient: `retryAfterMs` says when. */
export class GongRateLimitError extends GongApiError {
  override readonly name = 'GongRateLimitError';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: GongApiErrorDetails, retryAfterMs: number | undefined) {
    super(message, details, { kind: 'transient' });
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The day's request budget is spent: our persisted count reached the budget, or Gong asked us to
 * wait longer than the wait ceiling. Work stops cleanly and resumes after `resumeAfter` (exit 4).
 */
export class GongQuotaExhaustedError extends GongError {
  override readonly name = 'GongQuotaExhaustedError';
  readonly resumeAfter: Date;
  readonly reason: 'budget' | 'retry-after';
  constructor(message: string, resumeAfter: Date, reason: 'budget' | 'retry-after') {
    super(message, { kind: 'quota' });
    this.resumeAfter = resumeAfter;
    this.reason = reason;
  }
}

/** 5xx: Gong failed on its side. */
export class GongServerError extends GongApiError {
  override readonly name = 'GongServerError';
  constructor(message: string, details: GongApiErrorDetails) {
    super(message, details, { kind: 'transient' });
  }
}

/** The connection failed or was reset before a whole response arrived. */
export class GongConnectionError extends GongError {
  override readonly name = 'GongConnectionError';
  readonly endpoint: string | undefined;
  constructor(message: string, endpoint?: string, cause?: unknown) {
    super(message, { kind: 'transient', cause });
    this.endpoint = endpoint;
  }
}

/** No whole response within the per-request timeout. */
export class GongTimeoutError extends GongError {
  override readonly name = 'GongTimeoutError';
  readonly endpoint: string | undefined;
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, endpoint?: string) {
    super(message, { kind: 'transient' });
    this.timeoutMs = timeoutMs;
    this.endpoint = endpoint;
  }
}

export interface GongProtocolErrorOptions {
  /**
   * `transient` (the default): the body was cut short or garbled on the way (truncated,
   * malformed, a proxy's HTML), so the same request may well succeed. `protocol`: a well-formed
   * answer that breaks what we rely on (a list that is not a list), so sending it again cannot help.
   */
  kind?: 'transient' | 'protocol';
  /** @deprecated Say `kind`. `false` means `protocol`, `true` means `transient`. */
  retryable?: boolean;
  cause?: unknown;
}

/** A 2xx whose body is not the JSON Gong promises (truncated, malformed, wrong shape). */
export class GongProtocolError extends GongError {
  override readonly name: string = 'GongProtocolError';
  readonly endpoint: string | undefined;
  constructor(message: string, endpoint?: string, options: GongProtocolErrorOptions = {}) {
    const kind = options.kind ?? (options.retryable === false ? 'protocol' : 'transient');
    super(message, { kind, cause: options.cause });
    this.endpoint = endpoint;
  }
}

/** How far a paginated sequence got before it broke: lets the caller restart its window from there. */
export interface PaginationProgress {
  /** Pages fully delivered to the caller. */
  pages: number;
  /** Records fully delivered to the caller. */
  records: number;
  /** The last cursor that was accepted, if any. */
  lastCursor: string | undefined;
}

/**
 * A pagination cursor that cannot be followed: the sequence stops, and the caller restarts its
 * window from its own checkpoint (kind `cursor`). Re-sending the same request cannot help, so
 * the client never does; the operation (the window) is retryable. `progress` says how far the
 * sequence got. It is an API error because an expired cursor is Gong's 400; a repeated one came
 * in a 2xx, whose status it carries.
 */
export class GongCursorError extends GongApiError {
  override readonly name: string = 'GongCursorError';
  readonly progress: PaginationProgress;
  constructor(message: string, details: GongApiErrorDetails, progress: PaginationProgress) {
    super(message, details, { kind: 'cursor' });
    this.progress = progress;
  }
}

/** Gong sent back a cursor it had already given: following it would loop forever. */
export class GongRepeatedCursorError extends GongCursorError {
  override readonly name = 'GongRepeatedCursorError';
  /** `status`: of the 2xx answer that repeated the cursor. */
  constructor(message: string, progress: PaginationProgress, endpoint?: string, status = 200) {
    super(message, { status, endpoint }, progress);
  }
}

/**
 * 400 "cursor has expired" (about an hour after a sequence's first page; docs/gong-api.md §2.2).
 * The client never restarts silently under a caller that already consumed records: it reports
 * how far it got, and the caller restarts its window from its own checkpoint.
 */
export class GongCursorExpiredError extends GongCursorError {
  override readonly name = 'GongCursorExpiredError';
}

/** Another sync holds the lock on this database and connection (exit 5). */
export class SyncLockedError extends GongError {
  override readonly name = 'SyncLockedError';
  constructor(message: string) {
    super(message, { kind: 'locked' });
  }
}

/**
 * Something in the local store failed: disk full, a failed query, a corrupt file (kind
 * `storage`). Where the failure is the path or URL the user gave (`--db` names a missing
 * directory, a directory, an unreachable server), the thrower says `configuration` (exit 2).
 */
export class StoreError extends GongError {
  override readonly name = 'StoreError';
  constructor(message: string, cause?: unknown, options: { kind?: 'storage' | 'configuration' } = {}) {
    super(message, { kind: options.kind ?? 'storage', cause });
  }
}

const AUTH_VALUE = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]{4,}/gi;

/**
 * Scrubs Authorization values (`Basic …`, `Bearer …`) from text that may have come from a
 * server or a library. Secrets we hold are never put into messages in the first place.
 */
export function redact(text: string): string {
  return text.replace(AUTH_VALUE, '$1 [redacted]');
}

/** Shorter texts are not scrubbed: they would cut holes in ordinary words, and no real secret is this short. */
const MIN_SCRUBBED_LENGTH = 6;

/**
 * Replaces each of `secrets` (exact texts a caller holds) with `[redacted]` in an error's
 * message, stack and `errors[]`, down its `cause` chain, and returns the error. Non-errors pass.
 */
export function scrubExact(error: unknown, secrets: readonly string[]): unknown {
  const texts = [...new Set(secrets.filter((s) => s.length >= MIN_SCRUBBED_LENGTH))].sort((a, b) => b.length - a.length);
  if (texts.length === 0) return error;
  const scrub = (text: string) => texts.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  const seen = new Set<unknown>();
  for (let e: unknown = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    e.message = scrub(e.message);
    if (e.stack) e.stack = scrub(e.stack);
    const list = (e as { errors?: unknown }).errors;
    if (Array.isArray(list)) list.forEach((item, i) => typeof item === 'string' && (list[i] = scrub(item)));
  }
  return error;
}
