/**
 * OAuth for a protocol read, where the platform, not a database, keeps the tokens. Gong's
 * refresh tokens are single use (docs/gong-api.md §1.3): each refresh spends the one in the
 * config and returns the next, so the connector hands the updated config back at once (Airbyte:
 * a CONTROL message; Singer: the config file, rewritten) or the next read finds a dead token.
 */
import { applyGrant } from '../connections/oauth-token-source.js';
import { GONG_TOKEN_URL, refreshOAuthToken } from '../connections/oauth-token-endpoint.js';
import type { OAuthSecrets } from '../connections/connection-secrets.js';
import type { OAuthAuth } from './pipeline-config.js';

export interface RotatedAuth {
  credentials: OAuthAuth;
  /** `api_base_url_for_customer`, when the token endpoint names the company's host. */
  baseUrl: string | null;
}

export class PipelineOAuth {
  #auth: OAuthAuth;
  #refreshing: Promise<string> | undefined;
  readonly #onRotate: (rotated: RotatedAuth) => void;
  readonly #fetch: typeof globalThis.fetch | undefined;
  readonly #now: () => number;

  constructor(auth: OAuthAuth, onRotate: (rotated: RotatedAuth) => void, options: { fetch?: typeof globalThis.fetch; now?: () => number } = {}) {
    this.#auth = auth;
    this.#onRotate = onRotate;
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
  }

  /** A usable access token: the config's while fresh, else a refresh (one at a time). */
  accessToken(): Promise<string> {
    const { access_token: token, access_token_expires_at: until } = this.#auth;
    if (token && until && this.#now() < Date.parse(until)) return Promise.resolve(token);
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #refresh(): Promise<string> {
    const auth = this.#auth;
    const grant = await refreshOAuthToken({
      tokenUrl: auth.token_url ?? GONG_TOKEN_URL,
      clientId: auth.client_id,
      clientSecret: auth.client_secret,
      refreshToken: auth.refresh_token,
      fetch: this.#fetch,
    });
    const secrets: OAuthSecrets = { kind: 'oauth', clientId: auth.client_id, clientSecret: auth.client_secret, refreshToken: auth.refresh_token, accessToken: null, accessTokenRefreshAt: null };
    const next = applyGrant(secrets, grant, this.#now());
    this.#auth = { ...auth, refresh_token: next.refreshToken, access_token: next.accessToken!, access_token_expires_at: next.accessTokenRefreshAt! };
    this.#onRotate({ credentials: this.#auth, baseUrl: grant.apiBaseUrl });
    return next.accessToken!;
  }
}

/** The config to hand back after a rotation: the new tokens, and the company's host if Gong named it. */
export function configAfterRotation<C extends object>(config: C, rotated: RotatedAuth): C & { credentials: OAuthAuth } {
  return { ...config, credentials: rotated.credentials, ...(rotated.baseUrl ? { base_url: rotated.baseUrl } : {}) };
}
