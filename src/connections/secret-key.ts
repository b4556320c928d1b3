/**
 * The key that seals connection credentials at rest: `PANDORA_GONG_SECRET_KEY`, 32 random bytes
 * written as 64 hex digits or as base64 (standard or URL-safe, padding optional). Anything else
 * is refused with a message that says which forms are accepted and never echoes the value.
 *
 * The key's id is a fingerprint (HMAC-SHA256 of a fixed label under the key, 16 hex digits): it
 * is stored next to every sealed value so that a wrong key is recognised before decrypting, and
 * it reveals nothing about the key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConfigError } from '../errors.js';

/** The environment variable that holds the key. */
export const SECRET_KEY_ENV = 'PANDORA_GONG_SECRET_KEY';

const KEY_BYTES = 32;
const KEY_ID_LABEL = 'pandora-gong/secret-key-id/v1';
const ACCEPTED =
  `${SECRET_KEY_ENV} must be 32 random bytes written as 64 hex digits or as base64 ` +
  '(make one with `openssl rand -base64 32`)';

/**
 * A parsed secret key. The bytes live in a private field: `JSON.stringify`, `util.inspect` and
 * template literals show only the id.
 *
 * @example
 * const key = parseSecretKey(process.env.PANDORA_GONG_SECRET_KEY!);
 * key.id // '3f9a1c0b7d2e4a61'
 */
export class SecretKey {
  /** Fingerprint of the key; safe to store and print. */
  readonly id: string;
  readonly #bytes: Buffer;

  constructor(bytes: Uint8Array) {
    if (bytes.length !== KEY_BYTES) throw new ConfigError(`${ACCEPTED}; got ${bytes.length} bytes`);
    this.#bytes = Buffer.from(bytes);
    this.id = createHmac('sha256', this.#bytes).update(KEY_ID_LABEL).digest('hex').slice(0, 16);
  }

  /** The raw key, for the cipher only. */
  bytes(): Buffer {
    return this.#bytes;
  }

  toJSON(): object {
    return { id: this.id };
  }

  toString(): string {
    return `SecretKey(${this.id})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Parses the key's text form: 64 hex digits, or base64 / base64url of exactly 32 bytes.
 *
 * @example parseSecretKey('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef').id
 * @throws ConfigError naming the accepted forms (never the value)
 */
export function parseSecretKey(text: string): SecretKey {
  const value = text.trim();
  if (value === '') throw new ConfigError(`${SECRET_KEY_ENV} is empty: ${ACCEPTED}`);
  if (/^[0-9a-f]{64}$/i.test(value)) return new SecretKey(Buffer.from(value, 'hex'));
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const standard = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    const bytes = Buffer.from(standard, 'base64');
    // Buffer ignores trailing garbage bits; re-encoding proves every character was meaningful.
    if (bytes.length === KEY_BYTES && bytes.toString('base64').replace(/=+$/, '') === standard) return new SecretKey(bytes);
    throw new ConfigError(`${ACCEPTED}; the base64 value given (${value.length} characters) decodes to ${bytes.length} bytes`);
  }
  throw new ConfigError(`${ACCEPTED}; the value given (${value.length} characters) is neither`);
}

/**
 * The key from the environment.
 *
 * @example const key = secretKeyFromEnv(process.env);
 * @throws ConfigError when the variable is unset or malformed
 */
export function secretKeyFromEnv(env: Readonly<Record<string, string | undefined>>): SecretKey {
  const value = env[SECRET_KEY_ENV];
  if (value === undefined || value === '') {
    throw new ConfigError(`${SECRET_KEY_ENV} is not set: connection credentials are encrypted at rest with it. ${ACCEPTED}`);
  }
  return parseSecretKey(value);
}

/**
 * A fresh random key in base64, for setup scripts and tests.
 *
 * @example process.env.PANDORA_GONG_SECRET_KEY = generateSecretKey();
 */
export function generateSecretKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}
