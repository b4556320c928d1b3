import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CredentialsCorruptError, SecretKeyMismatchError } from '../../../src/connections/connection-errors.js';
import { envelopeKeyId, openCredentials, sealCredentials } from '../../../src/connections/credential-box.js';
import { generateSecretKey, parseSecretKey, secretKeyFromEnv } from '../../../src/connections/secret-key.js';
import { ConfigError } from '../../../src/errors.js';

const RAW = randomBytes(32);
const SECRETS = { kind: 'basic', accessKey: 'AK-visible', accessKeySecret: 's3cr3t-value-that-must-never-leak' };

describe('PANDORA_GONG_SECRET_KEY', () => {
  it('accepts 32 bytes as hex, base64, base64 without padding and base64url, all with the same id', () => {
    const forms = [
      RAW.toString('hex'),
      RAW.toString('hex').toUpperCase(),
      RAW.toString('base64'),
      RAW.toString('base64').replace(/=+$/, ''),
      RAW.toString('base64url'),
      `  ${RAW.toString('base64')}\n`,
    ];
    const ids = new Set(forms.map((f) => parseSecretKey(f).id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f]{16}$/);
    expect(parseSecretKey(generateSecretKey()).id).not.toBe([...ids][0]);
  });

  it('refuses other lengths and forms, saying what is expected and never echoing the value', () => {
    const bad = ['', 'short', randomBytes(16).toString('base64'), randomBytes(31).toString('hex'), randomBytes(33).toString('base64'), 'not base64 at all!', `${RAW.toString('hex')}00`];
    for (const value of bad) {
      let error: unknown;
      try {
        parseSecretKey(value);
      } catch (e) {
        error = e;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('32 random bytes');
      if (value.trim().length > 4) expect((error as Error).message).not.toContain(value.trim());
    }
    expect(() => secretKeyFromEnv({})).toThrow(/PANDORA_GONG_SECRET_KEY is not set/);
  });

  it('never shows the key bytes when logged or serialised', () => {
    const key = parseSecretKey(RAW.toString('base64'));
    for (const text of [JSON.stringify(key), inspect(key), String(key), `${key}`]) {
      expect(text).toContain(key.id);
      expect(text).not.toContain(RAW.toString('base64'));
      expect(text).not.toContain(RAW.toString('hex'));
    }
  });
});

describe('sealed credentials (AES-256-GCM)', () => {
  const key = parseSecretKey(RAW.toString('hex'));

  it('round-trips, with a fresh IV every time and no plain text in the envelope', () => {
    const a = sealCredentials(key, 'acme', SECRETS);
    const b = sealCredentials(key, 'acme', SECRETS);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(Buffer.from(a.split('.')[2]!, 'base64url')).toHaveLength(12);
    for (const envelope of [a, b]) {
      expect(envelope).toMatch(/^v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(envelope).not.toContain('s3cr3t');
      expect(envelope).not.toContain('AK-visible');
      expect(envelopeKeyId(envelope)).toBe(key.id);
      expect(openCredentials(key, 'acme', envelope)).toEqual(SECRETS);
    }
  });

  it('names a wrong key as such, before decrypting', () => {
    const envelope = sealCredentials(key, 'acme', SECRETS);
    const other = parseSecretKey(generateSecretKey());
    let error: unknown;
    try {
      openCredentials(other, 'acme', envelope);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SecretKeyMismatchError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('PANDORA_GONG_SECRET_KEY does not match the key');
    expect((error as Error).message).toContain(key.id);
    expect((error as Error).message).not.toContain('s3cr3t');
  });

  it('detects tampering, truncation and a value moved to another connection', () => {
    const envelope = sealCredentials(key, 'acme', SECRETS);
    const parts = envelope.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    const tampered = [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.');
    expect(() => openCredentials(key, 'acme', tampered)).toThrow(CredentialsCorruptError);
    expect(() => openCredentials(key, 'acme', envelope.slice(0, -4))).toThrow(CredentialsCorruptError);
    expect(() => openCredentials(key, 'globex', envelope)).toThrow(CredentialsCorruptError);
    expect(() => openCredentials(key, 'acme', 'plain text')).toThrow(CredentialsCorruptError);
  });
});
