import { describe, expect, it } from 'vitest';
import { oauthSecretsFrom, staticSecretsFrom } from '../../../src/connections/read-credentials-input.js';
import { checkConnectionName, checkRate, requirePostgres } from '../../../src/connections/connection-settings.js';
import { ConfigError } from '../../../src/errors.js';

describe('credentials for connections add', () => {
  it('reads the environment: key pair, combined key, or token', () => {
    expect(staticSecretsFrom(undefined, { GONG_ACCESS_KEY: 'AK', GONG_ACCESS_KEY_SECRET: 'S' })).toEqual({ kind: 'basic', accessKey: 'AK', accessKeySecret: 'S' });
    expect(staticSecretsFrom(undefined, { GONG_API_KEY: 'AK:S' })).toEqual({ kind: 'basic', accessKey: 'AK', accessKeySecret: 'S' });
    expect(staticSecretsFrom(undefined, { GONG_ACCESS_TOKEN: 'tok' })).toEqual({ kind: 'bearer', accessToken: 'tok' });
    expect(() => staticSecretsFrom(undefined, {})).toThrow(ConfigError);
  });

  it('reads stdin as key:secret or JSON, ignoring the environment then', () => {
    const env = { GONG_API_KEY: 'ENV:ENV' };
    expect(staticSecretsFrom('AK:S\n', env)).toEqual({ kind: 'basic', accessKey: 'AK', accessKeySecret: 'S' });
    expect(staticSecretsFrom('{"accessKey":"AK","accessKeySecret":"S"}', env)).toEqual({ kind: 'basic', accessKey: 'AK', accessKeySecret: 'S' });
    expect(staticSecretsFrom('{"apiKey":"AK:S"}', env)).toEqual({ kind: 'basic', accessKey: 'AK', accessKeySecret: 'S' });
    expect(staticSecretsFrom('{"accessToken":"tok"}', env)).toEqual({ kind: 'bearer', accessToken: 'tok' });
  });

  it('refuses malformed input without echoing it', () => {
    for (const bad of ['', 'no-colon-secret-value', 'a:b:c-secret', '{"accessKey": "AK"', '{"accessKey": 5}', '[1]']) {
      let error: unknown;
      try {
        staticSecretsFrom(bad, {});
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      if (bad.includes('secret')) expect((error as Error).message).not.toContain('secret-value');
    }
  });

  it('takes OAuth client credentials from the environment and the refresh token from stdin or the environment', () => {
    const env = { GONG_OAUTH_CLIENT_ID: 'cid', GONG_OAUTH_CLIENT_SECRET: 'csec' };
    expect(oauthSecretsFrom('rt-1\n', env)).toEqual({ kind: 'oauth', clientId: 'cid', clientSecret: 'csec', refreshToken: 'rt-1', accessToken: null, accessTokenRefreshAt: null });
    expect(oauthSecretsFrom('{"refreshToken":"rt-2","clientId":"x"}', env)).toMatchObject({ clientId: 'x', refreshToken: 'rt-2' });
    expect(oauthSecretsFrom(undefined, { ...env, GONG_OAUTH_REFRESH_TOKEN: 'rt-3' })).toMatchObject({ refreshToken: 'rt-3' });
    expect(() => oauthSecretsFrom(undefined, env)).toThrow(/refreshToken is missing/);
    expect(() => oauthSecretsFrom('rt', { GONG_OAUTH_CLIENT_ID: 'cid' })).toThrow(/GONG_OAUTH_CLIENT_SECRET/);
  });
});

describe('connection settings', () => {
  it('checks names, rates and the engine', () => {
    expect(checkConnectionName('acme-eu.1_x')).toBe('acme-eu.1_x');
    for (const bad of ['', '-acme', 'a b', 'a/b', 'x'.repeat(65), 'default']) expect(() => checkConnectionName(bad), bad).toThrow(ConfigError);
    expect(checkRate('3/s,100/min')).toBe('3/s,100/min');
    expect(checkRate('off')).toBe('off');
    expect(() => checkRate('10000/day')).toThrow(ConfigError);
    expect(() => requirePostgres('./pandora-gong.db', 'worker')).toThrow(/needs PostgreSQL/);
    expect(requirePostgres('postgres://u@h/db', 'worker')).toBe('postgres://u@h/db');
  });
});
