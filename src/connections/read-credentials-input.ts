/**
 * Where `connections add` takes credentials from: the environment (the variables of README.md,
 * "Configuration") or standard input (`--credentials-stdin`), never argv, where `ps` would show
 * them to every user of the machine.
 *
 * Standard input accepts JSON (`{"accessKey","accessKeySecret"}`, `{"apiKey":"key:secret"}`,
 * `{"accessToken"}`, and for OAuth `{"refreshToken"}` with optional `clientId`/`clientSecret`)
 * or one line: Gong's `key:secret`, or for OAuth the bare refresh token.
 */
import { credentialsFromEnv, parseApiKey, parseCredentials } from '../client/credentials.js';
import { ConfigError } from '../errors.js';
import type { BasicSecrets, BearerSecrets, OAuthSecrets } from './connection-secrets.js';

/** OAuth app credentials and the refresh token, from the environment. */
export const OAUTH_ENV = {
  clientId: 'GONG_OAUTH_CLIENT_ID',
  clientSecret: 'GONG_OAUTH_CLIENT_SECRET',
  refreshToken: 'GONG_OAUTH_REFRESH_TOKEN',
} as const;

const WHITESPACE = /\s/;

/**
 * Basic or fixed-token secrets from stdin text, or else from the environment.
 *
 * @example staticSecretsFrom(undefined, process.env) // from GONG_API_KEY and friends
 * @throws ConfigError saying what form is expected, never echoing a value
 */
export function staticSecretsFrom(stdin: string | undefined, env: Readonly<Record<string, string | undefined>>): BasicSecrets | BearerSecrets {
  if (stdin !== undefined) return staticSecretsFromText(stdin);
  const credentials = credentialsFromEnv(env);
  if (credentials.kind === 'basic') return { kind: 'basic', accessKey: credentials.accessKey, accessKeySecret: credentials.accessKeySecret };
  if (credentials.kind === 'bearer') return { kind: 'bearer', accessToken: credentials.token };
  throw new ConfigError('a token provider cannot be stored: give an access key or a token');
}

function staticSecretsFromText(text: string): BasicSecrets | BearerSecrets {
  const value = text.trim();
  if (value === '') throw new ConfigError('--credentials-stdin: standard input is empty; send "<accessKey>:<accessKeySecret>" or a JSON object');
  if (value.startsWith('{')) {
    const json = parseJsonObject(value);
    const found = parseCredentials({
      accessKey: stringField(json, 'accessKey'),
      accessKeySecret: stringField(json, 'accessKeySecret'),
      apiKey: stringField(json, 'apiKey'),
      accessToken: stringField(json, 'accessToken'),
    });
    if (found.kind === 'basic') return { kind: 'basic', accessKey: found.accessKey, accessKeySecret: found.accessKeySecret };
    if (found.kind === 'bearer') return { kind: 'bearer', accessToken: found.token };
  }
  const basic = parseApiKey(value, 'the credentials on standard input');
  return { kind: 'basic', accessKey: basic.accessKey, accessKeySecret: basic.accessKeySecret };
}

/**
 * OAuth secrets: client id and secret from stdin JSON or the environment, the refresh token from
 * stdin (JSON or one line) or `GONG_OAUTH_REFRESH_TOKEN`. No access token yet: the first refresh
 * (done by `connections add`) fetches one.
 *
 * @example oauthSecretsFrom('rt-123', { GONG_OAUTH_CLIENT_ID: 'id', GONG_OAUTH_CLIENT_SECRET: 's' })
 * @throws ConfigError naming the missing variable
 */
export function oauthSecretsFrom(stdin: string | undefined, env: Readonly<Record<string, string | undefined>>): OAuthSecrets {
  let fromStdin: Record<string, unknown> = {};
  if (stdin !== undefined) {
    const value = stdin.trim();
    if (value === '') throw new ConfigError('--credentials-stdin: standard input is empty; send the refresh token or {"refreshToken": "…"}');
    fromStdin = value.startsWith('{') ? parseJsonObject(value) : { refreshToken: value };
  }
  const pick = (field: keyof typeof OAUTH_ENV): string => {
    const value = stringField(fromStdin, field) ?? nonEmpty(env[OAUTH_ENV[field]]);
    if (value === undefined) {
      const where = field === 'refreshToken' ? `standard input (--credentials-stdin) or ${OAUTH_ENV[field]}` : OAUTH_ENV[field];
      throw new ConfigError(`OAuth connection: the ${field} is missing; give it in ${where}`);
    }
    if (WHITESPACE.test(value)) throw new ConfigError(`OAuth connection: the ${field} must not contain whitespace`);
    return value;
  };
  return {
    kind: 'oauth',
    clientId: pick('clientId'),
    clientSecret: pick('clientSecret'),
    refreshToken: pick('refreshToken'),
    accessToken: null,
    accessTokenRefreshAt: null,
  };
}

function parseJsonObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the input; ours does not.
    throw new ConfigError('--credentials-stdin: standard input starts with "{" but is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('--credentials-stdin: expected a JSON object');
  return parsed as Record<string, unknown>;
}

function stringField(json: Record<string, unknown>, field: string): string | undefined {
  const value = json[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ConfigError(`--credentials-stdin: "${field}" must be a string`);
  return nonEmpty(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
