import type { ErrorKind } from '../error-kind.js';
import { GongError } from '../errors.js';

/** The CLI's exit codes (README.md, "Errors and exit codes"). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  credentials: 3,
  budget: 4,
  locked: 5,
} as const;

/**
 * The exit code of each error kind: the one table. Kinds a user cannot act on differently from
 * "something failed" (a 5xx that outlived its retries, a wrong request, a database failure) share 1.
 */
export const EXIT_CODE_BY_KIND: Readonly<Record<ErrorKind, number>> = Object.freeze({
  configuration: EXIT.usage,
  credentials: EXIT.credentials,
  quota: EXIT.budget,
  locked: EXIT.locked,
  transient: EXIT.failure,
  cursor: EXIT.failure,
  caller: EXIT.failure,
  protocol: EXIT.failure,
  storage: EXIT.failure,
  unexpected: EXIT.failure,
});

/**
 * The exit code for an error, by its kind; anything not ours is unexpected (1).
 *
 * @example exitCodeFor(new SyncLockedError('busy')) // 5
 */
export function exitCodeFor(error: unknown): number {
  return error instanceof GongError ? EXIT_CODE_BY_KIND[error.kind] : EXIT.failure;
}
