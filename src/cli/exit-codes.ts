import {
  ConfigError,
  GongAuthError,
  GongQuotaExhaustedError,
  StoreError,
  SyncLockedError,
} from '../errors.js';

/** Exit codes of product.md ("CLI"), in one table. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  credentials: 3,
  budget: 4,
  locked: 5,
} as const;

/** The exit code for an error, by kind. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ConfigError) return EXIT.usage;
  if (error instanceof GongAuthError) return EXIT.credentials;
  if (error instanceof GongQuotaExhaustedError) return EXIT.budget;
  if (error instanceof SyncLockedError) return EXIT.locked;
  if (error instanceof StoreError && error.message.startsWith('cannot ')) return EXIT.usage;
  return EXIT.failure;
}
