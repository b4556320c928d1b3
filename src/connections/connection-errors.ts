/**
 * Errors of multi-tenant mode. They extend the package's hierarchy (`src/errors.ts`), so the CLI
 * maps them to exit codes by kind: a key problem is configuration (exit 2), never a crash.
 */
import { ConfigError, GongError } from '../errors.js';

// The ConfigError subclasses keep the name `ConfigError` (its `name` is a literal type); callers
// tell them apart with `instanceof`.

/**
 * `PANDORA_GONG_SECRET_KEY` is not the key the stored credentials were sealed with. Raised before
 * any decryption is attempted (the envelope carries the key's fingerprint), so nothing is
 * written and nothing is corrupted.
 *
 * @example
 * try { openCredentials(key, 'acme', row.credentials); }
 * catch (e) { if (e instanceof SecretKeyMismatchError) console.error(e.message); }
 */
export class SecretKeyMismatchError extends ConfigError {
  /** Fingerprint of the key the credentials were sealed with (not secret). */
  readonly storedKeyId: string;
  /** Fingerprint of the key given (not secret). */
  readonly givenKeyId: string;
  constructor(storedKeyId: string, givenKeyId: string, subject = 'these credentials') {
    super(
      `PANDORA_GONG_SECRET_KEY does not match the key ${subject} were encrypted with (key id ${storedKeyId}; the key given has id ${givenKeyId}): set the key used when the connection was added`,
    );
    this.storedKeyId = storedKeyId;
    this.givenKeyId = givenKeyId;
  }
}

/**
 * A sealed value failed authentication although the key matches: it was altered, truncated or
 * moved from another connection's row. Nothing is decrypted and nothing is written.
 *
 * @example new CredentialsCorruptError('acme')
 */
export class CredentialsCorruptError extends GongError {
  override readonly name = 'CredentialsCorruptError';
  constructor(connection: string) {
    super(
      `the stored credentials of connection "${connection}" failed their integrity check (altered, truncated, or copied from another connection): remove the connection and add it again`,
      // The local database holds a damaged value: a storage failure, which no retry repairs.
      { kind: 'storage' },
    );
  }
}

/**
 * No connection of that name (exit 2: the name given is wrong).
 *
 * @example throw new UnknownConnectionError('acme')
 */
export class UnknownConnectionError extends ConfigError {
  constructor(connection: string) {
    super(`no connection named "${connection}": see \`pandora-gong connections list\``);
  }
}
