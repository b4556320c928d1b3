/**
 * What a connection's sealed credentials contain, once opened. Only the worker that runs the
 * connection's job opens them, and only to build that job's own client, so one connection's
 * credentials never reach another's requests (docs/workers.md, "Credentials at rest").
 */
import { BasicCredentials, BearerCredentials, type Credentials } from '../client/credentials.js';
import { CredentialsCorruptError } from './connection-errors.js';

/** Access key + secret (docs/gong-api.md §1.2). */
export interface BasicSecrets {
  kind: 'basic';
  accessKey: string;
  accessKeySecret: string;
}

/** A fixed OAuth access token (docs/gong-api.md §1.3); it stops working when Gong expires it. */
export interface BearerSecrets {
  kind: 'bearer';
  accessToken: string;
}

/**
 * An OAuth app's client credentials and the company's current tokens (docs/gong-api.md §1.3). The
 * refresh token is single-use: every refresh replaces it, atomically (`oauth-token-source.ts`).
 */
export interface OAuthSecrets {
  kind: 'oauth';
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accessToken: string | null;
  /** When the access token is to be replaced (UTC ISO): a margin before Gong expires it. */
  accessTokenRefreshAt: string | null;
}

export type ConnectionSecrets = BasicSecrets | BearerSecrets | OAuthSecrets;
export type AuthKind = ConnectionSecrets['kind'];

/**
 * Checks the shape of an opened envelope (a value written by an older or foreign build must not
 * become `undefined` credentials).
 *
 * @example const secrets = asConnectionSecrets(openCredentials(key, name, row.credentials), name);
 * @throws CredentialsCorruptError when a field is missing
 */
export function asConnectionSecrets(value: unknown, connection: string): ConnectionSecrets {
  const v = value as Record<string, unknown> | null;
  const text = (k: string) => typeof v?.[k] === 'string' && v[k] !== '';
  const optional = (k: string) => v?.[k] === null || typeof v?.[k] === 'string';
  if (v?.kind === 'basic' && text('accessKey') && text('accessKeySecret')) return v as unknown as BasicSecrets;
  if (v?.kind === 'bearer' && text('accessToken')) return v as unknown as BearerSecrets;
  if (v?.kind === 'oauth' && text('clientId') && text('clientSecret') && text('refreshToken') && optional('accessToken') && optional('accessTokenRefreshAt')) {
    return v as unknown as OAuthSecrets;
  }
  throw new CredentialsCorruptError(connection);
}

/**
 * Client credentials for basic and fixed-token connections (OAuth connections get a token
 * provider from `OAuthTokenSource` instead).
 *
 * @example new GongClient({ credentials: staticCredentials(secrets) })
 */
export function staticCredentials(secrets: BasicSecrets | BearerSecrets): Credentials {
  return secrets.kind === 'basic' ? new BasicCredentials(secrets.accessKey, secrets.accessKeySecret) : new BearerCredentials(secrets.accessToken);
}
