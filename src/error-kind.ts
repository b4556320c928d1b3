/**
 * What an error means, as one word. Every `GongError` carries one; everything that decides what
 * to do about an error (the client's retry loop, the CLI's exit code, a worker's job outcome)
 * reads the kind instead of testing classes or messages, each in one table of its own.
 *
 * `retryable` is derived here and nowhere else, with one meaning: the same operation, tried again
 * later, may succeed. Whether the *client* re-sends the same request at once is narrower (only
 * `transient`): an expired cursor, a spent quota or a held lock are retryable by whoever owns the
 * operation (the sync restarts its window, the worker resumes tomorrow or after the other sync),
 * never by re-sending the same request.
 *
 * @example
 * if (error instanceof GongError && error.kind === 'quota') scheduleAfter(error.resumeAfter);
 */

export type ErrorKind =
  /** Bad usage or configuration: a flag, a date, a malformed key, an unusable `--db` path. */
  | 'configuration'
  /** Gong refused the credentials (401/403) or a scope. */
  | 'credentials'
  /** The daily request budget is spent, or Gong asked for a wait above the ceiling: resume later. */
  | 'quota'
  /** Another sync holds the lock on this database and connection. */
  | 'locked'
  /** 5xx, 429, resets, timeouts, malformed or truncated bodies: the same request may succeed. */
  | 'transient'
  /** An expired or repeated pagination cursor: the caller must restart its window. */
  | 'cursor'
  /** 400, 404 and other 4xx: this request is wrong, sending it again cannot help. */
  | 'caller'
  /** Gong sent a well-formed answer that breaks what we rely on: sending it again cannot help. */
  | 'protocol'
  /** The local database failed (or holds a value that failed its integrity check). */
  | 'storage'
  /**
   * Anything the package has no better word for: a bare `GongError`, a state it did not expect.
   * Needed because the root class can be constructed without a kind, and because the CLI has an
   * exit code (1) for exactly this.
   */
  | 'unexpected';

/** Whether the same operation, tried again later, may succeed: the one table `retryable` comes from. */
export const RETRYABLE_BY_KIND: Readonly<Record<ErrorKind, boolean>> = Object.freeze({
  configuration: false,
  credentials: false,
  quota: true,
  locked: true,
  transient: true,
  cursor: true,
  caller: false,
  protocol: false,
  storage: false,
  unexpected: false,
});

/** Every kind, in the order of the table above (for tests and documentation). */
export const ERROR_KINDS: readonly ErrorKind[] = Object.freeze(Object.keys(RETRYABLE_BY_KIND) as ErrorKind[]);
