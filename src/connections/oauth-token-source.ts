/**
 * OAuth access tokens for one connection, shared by every worker, with atomic rotation.
 *
 * Gong's refresh tokens are single-use (docs/gong-api.md §1.3): a second refresh with the same
 * token gets `invalid_grant` and the connection is dead until someone authorizes the app again. So
 * a refresh happens only inside a transaction that holds the connection's row (`SELECT … FOR
 * UPDATE`): a second worker that needs a token waits on the row, then finds the fresh token and
 * uses it instead of refreshing again. The new refresh token is committed in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { GongStore } from '../store/gong-store.js';
import { systemClock, type Clock } from '../util/clock.js';
import { toUtcIso } from '../util/time.js';
import { openCredentials, sealCredentials } from './credential-box.js';
import { UnknownConnectionError } from './connection-errors.js';
import { asConnectionSecrets, type OAuthSecrets } from './connection-secrets.js';
import type { Database } from '../store/schema/index.js';
import { GONG_TOKEN_URL, refreshOAuthToken, type TokenGrant } from './oauth-token-endpoint.js';
import type { SecretKey } from './secret-key.js';
import { ConfigError } from '../errors.js';

/** When Gong does not say how long a token lives (its `expires_in` is [UNVERIFIED], docs/gong-api.md §1.3). */
const ASSUMED_LIFETIME_S = 3600;
/** Replace a token this long before it expires, or at half its life if that is shorter. */
const MAX_MARGIN_S = 300;

/**
 * The secrets after a refresh: the rotated refresh token, the new access token, and when to
 * replace it (a margin before it expires, so a request never starts with a dying token).
 *
 * @example const next = applyGrant(secrets, grant, Date.now());
 */
export function applyGrant(secrets: OAuthSecrets, grant: TokenGrant, nowMs: number): OAuthSecrets {
  const lifetime = grant.expiresInSeconds ?? ASSUMED_LIFETIME_S;
  const margin = Math.min(MAX_MARGIN_S, lifetime / 2);
  return {
    ...secrets,
    refreshToken: grant.refreshToken ?? secrets.refreshToken,
    accessToken: grant.accessToken,
    accessTokenRefreshAt: toUtcIso(nowMs + (lifetime - margin) * 1000),
  };
}

export interface OAuthTokenSourceOptions {
  store: GongStore;
  connection: string;
  key: SecretKey;
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  /** Called after this source rotated the tokens (for logs; carries no secret). */
  onRefresh?: (info: { connection: string; apiBaseUrl: string | null }) => void;
}

/**
 * Access tokens for one OAuth connection: from memory while fresh, else from the database, else
 * by a refresh that holds the connection's row.
 *
 * @example
 * const tokens = new OAuthTokenSource({ store, connection: 'acme', key });
 * const client = new GongClient({ baseUrl, tokenProvider: () => tokens.accessToken() });
 */
export class OAuthTokenSource {
  readonly #options: OAuthTokenSourceOptions;
  readonly #clock: Clock;
  #cached: { token: string; refreshAtMs: number } | undefined;
  #refreshing: Promise<string> | undefined;

  constructor(options: OAuthTokenSourceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** A usable access token. Concurrent callers in this process share one database round. */
  async accessToken(): Promise<string> {
    const cached = this.#cached;
    if (cached && this.#clock.now() < cached.refreshAtMs) return cached.token;
    this.#refreshing ??= this.#fetchOrRotate().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  /**
   * Gong refused `token` (401): forget it, and mark it stale in the database unless another
   * worker has already replaced it, so the next `accessToken()` refreshes.
   */
  async invalidate(token: string): Promise<void> {
    if (this.#cached?.token === token) this.#cached = undefined;
    const { store, connection, key } = this.#options;
    await store.engine.write(async (tx) => {
      const row = await this.#lockedRow(tx);
      const secrets = this.#open(row.credentials);
      if (secrets.accessToken !== token) return;
      const stale: OAuthSecrets = { ...secrets, accessTokenRefreshAt: toUtcIso(0) };
      await tx
        .updateTable('connections')
        .set({ credentials: sealCredentials(key, connection, stale), key_id: key.id, updated_at: toUtcIso(this.#clock.now()) })
        .where('id', '=', connection)
        .execute();
    });
  }

  async #fetchOrRotate(): Promise<string> {
    const { store, connection } = this.#options;
    const db = store.allTenants;
    // Most of the time another job (or an earlier one) has a fresh token: no lock needed.
    const row = await db.selectFrom('connections').select('credentials').where('id', '=', connection).executeTakeFirst();
    if (!row) throw new UnknownConnectionError(connection);
    const current = this.#open(row.credentials);
    if (this.#fresh(current)) return this.#remember(current);
    return store.engine.write((tx) => this.#rotate(tx));
  }

  async #rotate(tx: Kysely<Database>): Promise<string> {
    const { connection, key } = this.#options;
    const row = await this.#lockedRow(tx);
    const secrets = this.#open(row.credentials);
    // Another worker refreshed while we waited for the row: use its token, spend nothing.
    if (this.#fresh(secrets)) return this.#remember(secrets);
    const grant = await refreshOAuthToken({
      tokenUrl: row.oauth_token_url ?? GONG_TOKEN_URL,
      clientId: secrets.clientId,
      clientSecret: secrets.clientSecret,
      refreshToken: secrets.refreshToken,
      fetch: this.#options.fetch,
    });
    const next = applyGrant(secrets, grant, this.#clock.now());
    await tx
      .updateTable('connections')
      .set({
        credentials: sealCredentials(key, connection, next),
        key_id: key.id,
        base_url: grant.apiBaseUrl ?? row.base_url,
        updated_at: toUtcIso(this.#clock.now()),
      })
      .where('id', '=', connection)
      .execute();
    this.#options.onRefresh?.({ connection, apiBaseUrl: grant.apiBaseUrl });
    return this.#remember(next);
  }

  async #lockedRow(tx: Kysely<Database>) {
    const { connection } = this.#options;
    const row = await tx
      .selectFrom('connections')
      .select(['credentials', 'base_url', 'oauth_token_url'])
      .where('id', '=', connection)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new UnknownConnectionError(connection);
    return row;
  }

  #open(envelope: string): OAuthSecrets {
    const { key, connection } = this.#options;
    const secrets = asConnectionSecrets(openCredentials(key, connection, envelope), connection);
    if (secrets.kind !== 'oauth') throw new ConfigError(`connection "${connection}" does not use OAuth`);
    return secrets;
  }

  #fresh(secrets: OAuthSecrets): boolean {
    if (!secrets.accessToken || !secrets.accessTokenRefreshAt) return false;
    return this.#clock.now() < Date.parse(secrets.accessTokenRefreshAt);
  }

  #remember(secrets: OAuthSecrets): string {
    const token = secrets.accessToken!;
    this.#cached = { token, refreshAtMs: Date.parse(secrets.accessTokenRefreshAt!) };
    return token;
  }
}
