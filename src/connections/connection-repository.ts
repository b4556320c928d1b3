/**
 * The `connections` table: add, read, list and error bookkeeping. Secrets go in sealed and come
 * out only through `openSecrets`, which needs the key; every other read returns settings only, so
 * `list` and `status` cannot leak a credential even by mistake.
 */
import type { Kysely, Selectable } from 'kysely';
import { ConfigError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import { systemClock, type Clock } from '../util/clock.js';
import { toUtcIso } from '../util/time.js';
import { openCredentials, sealCredentials } from './credential-box.js';
import { SecretKeyMismatchError, UnknownConnectionError } from './connection-errors.js';
import { asConnectionSecrets, type AuthKind, type ConnectionSecrets } from './connection-secrets.js';
import type { ConnectionsTable, Database } from '../store/schema/index.js';
import { GONG_TOKEN_URL, refreshOAuthToken } from './oauth-token-endpoint.js';
import { applyGrant } from './oauth-token-source.js';
import type { SecretKey } from './secret-key.js';

/** What `connections add` stores besides the secrets. */
export interface ConnectionSettings {
  name: string;
  /** API host; for OAuth, replaced by the token's `api_base_url_for_customer`. */
  baseUrl: string;
  /** Start of the history the first sync backfills (UTC ISO), or null for the default 90 days. */
  since: string | null;
  /** Seconds between scheduled syncs, or null for on-demand only. */
  everySeconds: number | null;
  dailyBudget: number | null;
  rate: string;
  /** Whose rate limit and daily budget this connection spends; its own name unless shared. */
  limitKey: string;
  /** OAuth only: the token endpoint (default Gong's). */
  oauthTokenUrl: string | null;
}

/** A connection as everything but the worker sees it: settings and bookkeeping, no secret. */
export interface ConnectionInfo extends ConnectionSettings {
  authKind: AuthKind;
  /** Fingerprint of the key its credentials are sealed with. */
  keyId: string;
  lastError: string | null;
  lastErrorAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * @example
 * const connections = new ConnectionRepository(store);
 * await connections.add(settings, { kind: 'basic', accessKey, accessKeySecret }, key);
 * const { info, secrets } = await connections.openSecrets('acme', key);
 */
export class ConnectionRepository {
  readonly #store: GongStore;
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;

  constructor(store: GongStore, clock: Clock = systemClock) {
    this.#store = store;
    // The connections table lists every tenant: it is read across them by design.
    this.#db = store.allTenants;
    this.#clock = clock;
  }

  async list(): Promise<ConnectionInfo[]> {
    const rows = await this.#db.selectFrom('connections').selectAll().orderBy('id').execute();
    return rows.map(toInfo);
  }

  async get(name: string): Promise<ConnectionInfo | undefined> {
    const row = await this.#db.selectFrom('connections').selectAll().where('id', '=', name).executeTakeFirst();
    return row ? toInfo(row) : undefined;
  }

  /** @throws UnknownConnectionError */
  async require(name: string): Promise<ConnectionInfo> {
    const info = await this.get(name);
    if (!info) throw new UnknownConnectionError(name);
    return info;
  }

  /**
   * Refuses a key that differs from the one existing connections are sealed with: one fleet,
   * one key, so every worker can open every connection it may be handed.
   *
   * @throws SecretKeyMismatchError naming the connections sealed with another key
   */
  async assertKeyMatches(key: SecretKey): Promise<void> {
    const rows = await this.#db.selectFrom('connections').select(['id', 'key_id']).where('key_id', '!=', key.id).orderBy('id').execute();
    if (rows.length === 0) return;
    const names = rows.slice(0, 5).map((r) => `"${r.id}"`).join(', ') + (rows.length > 5 ? ` and ${rows.length - 5} more` : '');
    throw new SecretKeyMismatchError(rows[0]!.key_id, key.id, `the credentials of connection${rows.length > 1 ? 's' : ''} ${names}`);
  }

  /**
   * Stores a new connection with its secrets sealed. An OAuth connection's refresh token is
   * exchanged right away, inside the transaction that inserts the row: the name is taken before
   * the single-use token is spent, the token is checked, and the host from
   * `api_base_url_for_customer` is recorded. Nothing is stored when the refresh fails.
   *
   * @throws ConfigError when the name is taken or the key differs from the fleet's
   * @throws GongAuthError when the OAuth token endpoint refuses the refresh token
   */
  async add(settings: ConnectionSettings, secrets: ConnectionSecrets, key: SecretKey, options: { fetch?: typeof globalThis.fetch } = {}): Promise<ConnectionInfo> {
    await this.assertKeyMatches(key);
    if (await this.get(settings.name)) throw new ConfigError(`a connection named "${settings.name}" exists already: remove it first, or choose another name`);
    const now = toUtcIso(this.#clock.now());
    const row: Selectable<ConnectionsTable> = {
      id: settings.name,
      base_url: settings.baseUrl,
      auth_kind: secrets.kind,
      credentials: sealCredentials(key, settings.name, secrets),
      key_id: key.id,
      oauth_token_url: secrets.kind === 'oauth' ? (settings.oauthTokenUrl ?? GONG_TOKEN_URL) : null,
      since: settings.since,
      every_seconds: settings.everySeconds,
      daily_budget: settings.dailyBudget,
      rate: settings.rate,
      limit_key: settings.limitKey,
      last_error: null,
      last_error_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.#store.engine.write(async (raw) => {
      const tx = raw;
      try {
        await tx.insertInto('connections').values(row).execute();
      } catch (error) {
        if ((error as { code?: string }).code === '23505' || /UNIQUE/i.test(String((error as Error).message))) {
          throw new ConfigError(`a connection named "${settings.name}" exists already: remove it first, or choose another name`);
        }
        throw error;
      }
      if (secrets.kind !== 'oauth') return;
      const grant = await refreshOAuthToken({
        tokenUrl: row.oauth_token_url!,
        clientId: secrets.clientId,
        clientSecret: secrets.clientSecret,
        refreshToken: secrets.refreshToken,
        fetch: options.fetch,
      });
      row.credentials = sealCredentials(key, settings.name, applyGrant(secrets, grant, this.#clock.now()));
      if (grant.apiBaseUrl) row.base_url = grant.apiBaseUrl;
      await tx.updateTable('connections').set({ credentials: row.credentials, base_url: row.base_url }).where('id', '=', settings.name).execute();
    });
    return toInfo(row);
  }

  /**
   * The connection's settings and opened secrets, for the worker that runs its job.
   *
   * @throws UnknownConnectionError, SecretKeyMismatchError, CredentialsCorruptError
   */
  async openSecrets(name: string, key: SecretKey): Promise<{ info: ConnectionInfo; secrets: ConnectionSecrets }> {
    const row = await this.#db.selectFrom('connections').selectAll().where('id', '=', name).executeTakeFirst();
    if (!row) throw new UnknownConnectionError(name);
    return { info: toInfo(row), secrets: asConnectionSecrets(openCredentials(key, name, row.credentials), name) };
  }

  /** Records (or, with null, clears) the last error outside a sync run's own record. */
  async recordError(name: string, message: string | null): Promise<void> {
    const now = toUtcIso(this.#clock.now());
    await this.#db
      .updateTable('connections')
      .set({ last_error: message, last_error_at: message === null ? null : now })
      .where('id', '=', name)
      .execute();
  }
}

function toInfo(row: Selectable<ConnectionsTable>): ConnectionInfo {
  return {
    name: row.id,
    baseUrl: row.base_url,
    authKind: row.auth_kind,
    keyId: row.key_id,
    oauthTokenUrl: row.oauth_token_url,
    since: row.since,
    everySeconds: row.every_seconds === null ? null : Number(row.every_seconds),
    dailyBudget: row.daily_budget === null ? null : Number(row.daily_budget),
    rate: row.rate,
    limitKey: row.limit_key,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
