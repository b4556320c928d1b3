/**
 * The Gong client of one job: built from that connection's own opened secrets and settings, and
 * used for that job only, so a connection's credentials reach only its own requests.
 * Its rate limit and daily budget are the shared ones in PostgreSQL, keyed by the connection's
 * limit key, so every worker spends the same allowance (docs/gong-api.md §2.5).
 */
import type { RunSyncOptions } from '../sync/run-sync.js';
import type { GongClientOptions } from '../client/client-options.js';
import { BearerProviderCredentials } from '../client/credentials.js';
import type { ConnectionInfo } from '../connections/connection-repository.js';
import { staticCredentials, type ConnectionSecrets } from '../connections/connection-secrets.js';
import { OAuthTokenSource } from '../connections/oauth-token-source.js';
import type { SecretKey } from '../connections/secret-key.js';
import type { GongStore } from '../store/gong-store.js';
import { fleetSpacingMs, PostgresRateLimiter } from './postgres-rate-limiter.js';
import { interruptibleClock, interruptibleFetch } from './stop-signals.js';

export interface ConnectionClient {
  /** The client settings of this connection, for `runSync`. */
  client: RunSyncOptions['client'];
  /** OAuth connections: the token source, and the token last handed to the client. */
  oauth?: { tokens: OAuthTokenSource; lastToken(): string | undefined };
  limiter?: PostgresRateLimiter;
}

export interface ConnectionClientOptions {
  info: ConnectionInfo;
  secrets: ConnectionSecrets;
  store: GongStore;
  key: SecretKey;
  /** Aborts in-flight requests and waits (the job's hard stop). */
  hard: AbortSignal;
  fetch?: typeof globalThis.fetch;
  onOAuthRefresh?: () => void;
  /** Extra client options (tests: faster retries). */
  client?: Partial<GongClientOptions>;
}

/**
 * @example
 * const { client } = clientForConnection({ info, secrets, store, key, hard: stops.hard });
 * await runSync({ store: store.forConnection(info.name), client });
 */
export function clientForConnection(options: ConnectionClientOptions): ConnectionClient {
  const { info, secrets, store } = options;
  const fetch = interruptibleFetch(options.hard, options.fetch ?? globalThis.fetch);
  const limiter = info.rate === 'off' ? undefined : new PostgresRateLimiter(store.allTenants, info.limitKey, fleetSpacingMs(info.rate));
  // The throttle sits above the auth layer in the client; the last check that the slot still
  // holds happens here, right before the wire (the token endpoint's own requests skip it).
  const apiFetch: typeof globalThis.fetch = limiter
    ? async (input, init) => {
        await limiter.confirm(init?.signal ?? undefined);
        return fetch(input, init);
      }
    : fetch;
  let oauth: ConnectionClient['oauth'];
  let credentials;
  if (secrets.kind === 'oauth') {
    // The token request is never cut by the hard stop: Gong spends the old refresh token the
    // moment the request arrives (docs/gong-api.md §1.3), so an answer dropped on the way would
    // leave only a spent token stored. It has its own timeout, and the rotation stores the new
    // refresh token in the transaction that received it.
    const tokens = new OAuthTokenSource({ store, connection: info.name, key: options.key, fetch: options.fetch ?? globalThis.fetch, onRefresh: options.onOAuthRefresh });
    let last: string | undefined;
    credentials = new BearerProviderCredentials(async () => (last = await tokens.accessToken()));
    oauth = { tokens, lastToken: () => last };
  } else {
    credentials = staticCredentials(secrets);
  }
  const client: RunSyncOptions['client'] = {
    ...options.client,
    baseUrl: info.baseUrl,
    credentials,
    rateLimit: limiter ?? false,
    // The budget is the company's, shared by every connection with the same limit key.
    dailyLimit: info.dailyBudget ?? undefined,
    budgetAccountKey: info.limitKey,
    clock: interruptibleClock(options.hard),
    fetch: apiFetch,
  };
  return { client, oauth, limiter };
}
