/**
 * Credentials at rest: AES-256-GCM (node:crypto) under `PANDORA_GONG_SECRET_KEY`, a random
 * 12-byte IV per value, and the connection's name as additional authenticated data, so a value
 * copied into another connection's row fails to open instead of lending its secret.
 *
 * Envelope (one text column): `v1.<keyId>.<iv>.<ciphertext>.<tag>`, the last three base64url.
 * The key id comes first so that a wrong key is named as such, before any decryption.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CredentialsCorruptError, SecretKeyMismatchError } from './connection-errors.js';
import type { SecretKey } from './secret-key.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function aadFor(connection: string): Buffer {
  return Buffer.from(`pandora-gong/connection/${connection}`, 'utf8');
}

/**
 * Seals a JSON-serialisable value for one connection.
 *
 * @example const text = sealCredentials(key, 'acme', { kind: 'basic', accessKey, accessKeySecret });
 */
export function sealCredentials(key: SecretKey, connection: string, value: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes(), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadFor(connection));
  const plain = Buffer.from(JSON.stringify(value), 'utf8');
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return [VERSION, key.id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/**
 * The key id an envelope was sealed with, or undefined when the text is not an envelope.
 *
 * @example envelopeKeyId(row.credentials) === key.id
 */
export function envelopeKeyId(envelope: string): string | undefined {
  const parts = envelope.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

/**
 * Opens an envelope sealed by `sealCredentials` for the same connection.
 *
 * @example const secrets = openCredentials(key, 'acme', row.credentials);
 * @throws SecretKeyMismatchError when the key is not the one it was sealed with
 * @throws CredentialsCorruptError when it fails authentication (altered or moved)
 */
export function openCredentials(key: SecretKey, connection: string, envelope: string): unknown {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new CredentialsCorruptError(connection);
  const [, keyId, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
  if (keyId !== key.id) throw new SecretKeyMismatchError(keyId, key.id, `the credentials of connection "${connection}"`);
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new CredentialsCorruptError(connection);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes(), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadFor(connection));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]);
    const value = JSON.parse(plain.toString('utf8')) as unknown;
    plain.fill(0);
    return value;
  } catch {
    throw new CredentialsCorruptError(connection);
  }
}
