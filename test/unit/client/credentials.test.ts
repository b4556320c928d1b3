import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  BasicCredentials,
  credentialsFromEnv,
  parseApiKey,
  parseCredentials,
} from '../../../src/client/credentials.js';
import { ConfigError } from '../../../src/errors.js';

const KEY = 'AKEYZ7Q2LMNOP';
const SECRET = 'eyJhbGciSECRETvalue0123456789';

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseApiKey', () => {
  it('splits "key:secret" into Basic credentials', () => {
    const c = parseApiKey(`${KEY}:${SECRET}`);
    expect(c.kind).toBe('basic');
    expect(c.accessKey).toBe(KEY);
    expect(c.accessKeySecret).toBe(SECRET);
  });

  it.each([
    ['no colon', `${KEY}${SECRET}`, 'no colon'],
    ['two colons', `${KEY}:${SECRET}:extra`, '2 colons'],
    ['empty key', `:${SECRET}`, 'access key before the colon is empty'],
    ['empty secret', `${KEY}:`, 'secret after the colon is empty'],
    ['a space', `${KEY}: ${SECRET}`, 'whitespace'],
    ['a trailing newline', `${KEY}:${SECRET}\n`, 'whitespace'],
    ['a tab', `${KEY}\t:${SECRET}`, 'whitespace'],
  ])('refuses %s, naming the form and never echoing key or secret', (_name, value, problem) => {
    const error = configErrorOf(() => parseApiKey(value));
    expect(error.message).toContain(problem);
    expect(error.message).toContain('GONG_API_KEY="<accessKey>:<accessKeySecret>"');
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('extra');
  });
});

describe('credentialsFromEnv', () => {
  it('takes the pair, the combined key or the token, and remembers which variable it came from', () => {
    const pair = credentialsFromEnv({ GONG_ACCESS_KEY: KEY, GONG_ACCESS_KEY_SECRET: SECRET });
    expect(pair.kind === 'basic' && pair.accessKey).toBe(KEY);
    expect(pair.source).toBe('GONG_ACCESS_KEY / GONG_ACCESS_KEY_SECRET');
    const combined = credentialsFromEnv({ GONG_API_KEY: 'a:b' });
    expect(combined.kind === 'basic' && combined.accessKey).toBe('a');
    expect(combined.source).toBe('GONG_API_KEY');
    const token = credentialsFromEnv({ GONG_ACCESS_TOKEN: 'tok' });
    expect(token.kind === 'bearer' && token.token).toBe('tok');
    expect(token.source).toBe('GONG_ACCESS_TOKEN');
  });

  it('refuses two forms at once, naming both, rather than picking one silently', () => {
    expect(() => credentialsFromEnv({ GONG_ACCESS_KEY: KEY, GONG_ACCESS_KEY_SECRET: SECRET, GONG_API_KEY: 'a:b' })).toThrow(
      'credentials are set in GONG_ACCESS_KEY / GONG_ACCESS_KEY_SECRET and GONG_API_KEY: keep only one of them',
    );
    expect(() => credentialsFromEnv({ GONG_API_KEY: 'a:b', GONG_ACCESS_TOKEN: 'tok' })).toThrow('GONG_API_KEY and GONG_ACCESS_TOKEN');
  });

  it('treats empty variables as unset', () => {
    const c = credentialsFromEnv({ GONG_ACCESS_KEY: '', GONG_ACCESS_KEY_SECRET: '', GONG_API_KEY: 'a:b' });
    expect(c.kind).toBe('basic');
  });

  it('names the missing half of a pair', () => {
    const noSecret = configErrorOf(() => credentialsFromEnv({ GONG_ACCESS_KEY: KEY }));
    expect(noSecret.message).toMatch(/GONG_ACCESS_KEY_SECRET is missing/);
    expect(noSecret.message).not.toContain(KEY);
    const noKey = configErrorOf(() => credentialsFromEnv({ GONG_ACCESS_KEY_SECRET: SECRET }));
    expect(noKey.message).toMatch(/GONG_ACCESS_KEY is missing/);
    expect(noKey.message).not.toContain(SECRET);
  });

  it('refuses a malformed combined key by its variable name', () => {
    const error = configErrorOf(() => credentialsFromEnv({ GONG_API_KEY: `${KEY}${SECRET}` }));
    expect(error.message).toMatch(/^GONG_API_KEY is malformed/);
    expect(error.message).not.toContain(SECRET);
  });

  it('refuses whitespace in the pair without echoing it', () => {
    const error = configErrorOf(() => credentialsFromEnv({ GONG_ACCESS_KEY: KEY, GONG_ACCESS_KEY_SECRET: `${SECRET} ` }));
    expect(error.message).toMatch(/GONG_ACCESS_KEY_SECRET must not contain whitespace/);
    expect(error.message).not.toContain(SECRET);
  });

  it('explains what to set when nothing is set', () => {
    expect(configErrorOf(() => credentialsFromEnv({})).message).toMatch(/GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET/);
  });
});

describe('parseCredentials (client options)', () => {
  it('accepts a pair, a combined key, a token and a token provider', async () => {
    expect(parseCredentials({ accessKey: KEY, accessKeySecret: SECRET }).kind).toBe('basic');
    expect(parseCredentials({ apiKey: `${KEY}:${SECRET}` }).kind).toBe('basic');
    expect(parseCredentials({ accessToken: 'tok' }).kind).toBe('bearer');
    const provider = parseCredentials({ tokenProvider: async () => 'fresh' });
    expect(provider.kind).toBe('bearer-provider');
    expect(await authorizationHeader(provider)).toBe('Bearer fresh');
  });

  it('names the missing option of a half pair', () => {
    expect(configErrorOf(() => parseCredentials({ accessKey: KEY })).message).toMatch(/accessKeySecret is missing/);
  });

  it('refuses no credentials at all', () => {
    expect(configErrorOf(() => parseCredentials({})).message).toMatch(/No Gong credentials/);
  });

  it('refuses a token provider that returns nothing usable', async () => {
    const provider = parseCredentials({ tokenProvider: async () => '' });
    await expect(authorizationHeader(provider)).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('the secret does not leak', () => {
  const basic = new BasicCredentials(KEY, SECRET);
  const base64 = Buffer.from(`${KEY}:${SECRET}`).toString('base64');

  it.each([
    ['JSON.stringify', () => JSON.stringify(basic)],
    ['util.inspect', () => inspect(basic, { showHidden: true, depth: 10, getters: true })],
    ['String()', () => String(basic)],
    ['a template literal', () => `${basic}`],
    ['JSON of a wrapper object', () => JSON.stringify({ credentials: basic })],
    ['inspect of a wrapper object', () => inspect({ credentials: basic }, { depth: 10 })],
  ])('through %s', (_how, render) => {
    const text = render();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(base64);
  });

  it('builds the Basic header only on demand', async () => {
    expect(await authorizationHeader(basic)).toBe(`Basic ${base64}`);
  });

  it('does not leak a bearer token either', () => {
    const bearer = parseCredentials({ accessToken: 'tok-SECRET-123' });
    expect(JSON.stringify(bearer)).not.toContain('tok-SECRET-123');
    expect(inspect(bearer)).not.toContain('tok-SECRET-123');
    expect(String(bearer)).not.toContain('tok-SECRET-123');
  });
});
