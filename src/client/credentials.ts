/**
 * Gong credentials (docs/gong-api.md §1.2–1.3): an access key pair for Basic auth, or an OAuth Bearer
 * token (fixed, or from an async provider that can refresh it).
 *
 * Secrets live in private fields: `JSON.stringify`, `util.inspect`, `String()` and template
 * literals show `[redacted]`, never the secret or the token. The Authorization value is built
 * only at send time by `authorizationHeader()`, so no object ever holds it.
 */
import { inspect } from 'node:util';
import { ConfigError } from '../errors.js';

const REDACTED = '[redacted]';
const WHITESPACE = /\s/;

/** Access key + secret, sent as `Authorization: Basic base64(key:secret)` (docs/gong-api.md §1.2). */
export class BasicCredentials {
  readonly kind = 'basic' as const;
  readonly #accessKey: string;
  readonly #accessKeySecret: string;
  /** Where the user set them (`GONG_API_KEY`…), for error messages; never the values. */
  readonly source: string | undefined;
  constructor(accessKey: string, accessKeySecret: string, source?: string) {
    this.#accessKey = accessKey;
    this.#accessKeySecret = accessKeySecret;
    this.source = source;
  }
  get accessKey(): string {
    return this.#accessKey;
  }
  get accessKeySecret(): string {
    return this.#accessKeySecret;
  }
  toJSON(): object {
    return { kind: this.kind, accessKey: REDACTED, accessKeySecret: REDACTED };
  }
  toString(): string {
    return `BasicCredentials(${REDACTED})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** A fixed OAuth access token, sent as `Authorization: Bearer <token>` (docs/gong-api.md §1.3). */
export class BearerCredentials {
  readonly kind = 'bearer' as const;
  readonly #token: string;
  /** Where the user set it (`GONG_ACCESS_TOKEN`…), for error messages; never the value. */
  readonly source: string | undefined;
  constructor(token: string, source?: string) {
    this.source = source;
    this.#token = token;
  }
  get token(): string {
    return this.#token;
  }
  toJSON(): object {
    return { kind: this.kind, token: REDACTED };
  }
  toString(): string {
    return `BearerCredentials(${REDACTED})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** An OAuth token fetched (and refreshed) by the caller, asked for before every attempt. */
export class BearerProviderCredentials {
  readonly kind = 'bearer-provider' as const;
  readonly #getToken: () => Promise<string>;
  readonly source: string | undefined;
  constructor(getToken: () => Promise<string>, source?: string) {
    this.#getToken = getToken;
    this.source = source;
  }
  getToken(): Promise<string> {
    return this.#getToken();
  }
  toJSON(): object {
    return { kind: this.kind };
  }
  toString(): string {
    return 'BearerProviderCredentials';
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

export type Credentials = BasicCredentials | BearerCredentials | BearerProviderCredentials;

/** The ways a caller can hand over credentials (GongClient options use the same names). */
export interface CredentialOptions {
  credentials?: Credentials;
  accessKey?: string;
  accessKeySecret?: string;
  /** Gong's combined form `"<accessKey>:<accessKeySecret>"`. */
  apiKey?: string;
  accessToken?: string;
  tokenProvider?: () => Promise<string>;
}

interface SourceNames {
  key: string;
  secret: string;
  combined: string;
  token: string;
}

const OPTION_NAMES: SourceNames = {
  key: 'accessKey',
  secret: 'accessKeySecret',
  combined: 'apiKey',
  token: 'accessToken',
};
const ENV_NAMES: SourceNames = {
  key: 'GONG_ACCESS_KEY',
  secret: 'GONG_ACCESS_KEY_SECRET',
  combined: 'GONG_API_KEY',
  token: 'GONG_ACCESS_TOKEN',
};

const EXPECTED_COMBINED = 'GONG_API_KEY="<accessKey>:<accessKeySecret>"';

/**
 * Builds credentials from client options: `credentials`, or one of the key pair, `apiKey` and
 * `accessToken` (two at once is an error naming both), or `tokenProvider`. Every form is validated before any request;
 * error messages describe what is wrong without ever echoing the key or the secret.
 *
 * @example
 * parseCredentials({ apiKey: process.env.GONG_API_KEY }) // BasicCredentials
 * @throws ConfigError when nothing is given or a value is malformed
 */
export function parseCredentials(options: CredentialOptions): Credentials {
  if (options.credentials) return options.credentials;
  const found = fromSources(
    {
      key: options.accessKey,
      secret: options.accessKeySecret,
      combined: options.apiKey,
      token: options.accessToken,
    },
    OPTION_NAMES,
  );
  if (found) return found;
  if (options.tokenProvider) {
    if (typeof options.tokenProvider !== 'function') throw new ConfigError('tokenProvider must be a function returning a Promise of the access token');
    return new BearerProviderCredentials(options.tokenProvider);
  }
  throw new ConfigError(
    'No Gong credentials: pass accessKey + accessKeySecret, apiKey ("<accessKey>:<accessKeySecret>"), accessToken or tokenProvider',
  );
}

/**
 * Reads credentials from the environment (README.md, "Configuration"): `GONG_ACCESS_KEY` +
 * `GONG_ACCESS_KEY_SECRET`, or `GONG_API_KEY` (`key:secret`), or `GONG_ACCESS_TOKEN`; two of
 * them at once is an error naming both. Empty variables count as unset. Half a pair is an error
 * naming the missing variable.
 *
 * @example
 * const client = new GongClient({ credentials: credentialsFromEnv(process.env) });
 * @throws ConfigError when none is set or one is malformed
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials {
  const found = fromSources(
    {
      key: env.GONG_ACCESS_KEY,
      secret: env.GONG_ACCESS_KEY_SECRET,
      combined: env.GONG_API_KEY,
      token: env.GONG_ACCESS_TOKEN,
    },
    ENV_NAMES,
  );
  if (found) return found;
  throw new ConfigError(
    `No Gong credentials in the environment: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or ${EXPECTED_COMBINED}, or GONG_ACCESS_TOKEN`,
  );
}

interface RawSources {
  key: string | undefined;
  secret: string | undefined;
  combined: string | undefined;
  token: string | undefined;
}

function fromSources(raw: RawSources, names: SourceNames): Credentials | undefined {
  const key = present(raw.key);
  const secret = present(raw.secret);
  const forms = [
    key !== undefined || secret !== undefined ? `${names.key} / ${names.secret}` : undefined,
    present(raw.combined) !== undefined ? names.combined : undefined,
    present(raw.token) !== undefined ? names.token : undefined,
  ].filter((form) => form !== undefined);
  // Two forms at once leave it unclear which one the user meant: say so rather than pick one.
  if (forms.length > 1) throw new ConfigError(`credentials are set in ${forms.join(' and ')}: keep only one of them`);
  if (key !== undefined || secret !== undefined) {
    if (key === undefined) throw new ConfigError(`${names.secret} is set but ${names.key} is missing: set both, or use ${EXPECTED_COMBINED}`);
    if (secret === undefined) throw new ConfigError(`${names.key} is set but ${names.secret} is missing: set both, or use ${EXPECTED_COMBINED}`);
    checkPart(key, names.key, names);
    checkPart(secret, names.secret, names);
    if (key.includes(':')) throw new ConfigError(`${names.key} must not contain a colon (Basic auth splits on it)`);
    return new BasicCredentials(key, secret, `${names.key} / ${names.secret}`);
  }
  const combined = present(raw.combined);
  if (combined !== undefined) return parseApiKey(combined, names.combined);
  const token = present(raw.token);
  if (token !== undefined) {
    if (WHITESPACE.test(token)) throw new ConfigError(`${names.token} must not contain whitespace (copy the token alone, without "Bearer")`);
    return new BearerCredentials(token, names.token);
  }
  return undefined;
}

/**
 * Parses Gong's combined `"<accessKey>:<accessKeySecret>"`: exactly one colon, two non-empty
 * parts, no whitespace anywhere. The message says which rule failed, never what was given.
 *
 * @example parseApiKey('AK123:s3cret').kind // 'basic'
 */
export function parseApiKey(value: string, name = 'GONG_API_KEY'): BasicCredentials {
  const problem = apiKeyProblem(value);
  if (problem) {
    throw new ConfigError(
      `${name} is malformed (${problem}): expected ${EXPECTED_COMBINED}, one colon between two non-empty parts and no whitespace`,
    );
  }
  const colon = value.indexOf(':');
  return new BasicCredentials(value.slice(0, colon), value.slice(colon + 1), name);
}

function apiKeyProblem(value: string): string | undefined {
  if (WHITESPACE.test(value)) return 'it contains whitespace';
  const colons = value.split(':').length - 1;
  if (colons === 0) return 'no colon found';
  if (colons > 1) return `${colons} colons found`;
  const colon = value.indexOf(':');
  if (colon === 0) return 'the access key before the colon is empty';
  if (colon === value.length - 1) return 'the secret after the colon is empty';
  return undefined;
}

function checkPart(value: string, name: string, names: SourceNames): void {
  if (WHITESPACE.test(value)) throw new ConfigError(`${name} must not contain whitespace (check for a stray space or newline; see ${names.combined} for the combined form)`);
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The `Authorization` header value, built at send time only (never stored).
 * @throws ConfigError when a token provider returns no usable token
 */
export async function authorizationHeader(credentials: Credentials): Promise<string> {
  switch (credentials.kind) {
    case 'basic':
      return `Basic ${Buffer.from(`${credentials.accessKey}:${credentials.accessKeySecret}`, 'utf8').toString('base64')}`;
    case 'bearer':
      return `Bearer ${credentials.token}`;
    case 'bearer-provider': {
      const token = await credentials.getToken();
      if (typeof token !== 'string' || token === '' || WHITESPACE.test(token)) {
        throw new ConfigError('tokenProvider returned no usable access token (empty, not a string, or with whitespace)');
      }
      return `Bearer ${token}`;
    }
  }
}

/**
 * What identifies the Gong account behind credentials, for the daily budget's key: the access
 * key (not the secret) or the token; a token provider gives no stable identity.
 */
export function credentialIdentity(credentials: Credentials): string {
  switch (credentials.kind) {
    case 'basic':
      return `key:${credentials.accessKey}`;
    case 'bearer':
      return `token:${credentials.token}`;
    case 'bearer-provider':
      return 'oauth-provider';
  }
}
