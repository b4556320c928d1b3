import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ConnectionRepository } from '../../../src/connections/connection-repository.js';
import { SecretKeyMismatchError } from '../../../src/connections/connection-errors.js';
import { refreshOAuthToken } from '../../../src/connections/oauth-token-endpoint.js';
import { OAuthTokenSource } from '../../../src/connections/oauth-token-source.js';
import { clientForConnection } from '../../../src/workers/connection-client.js';
import { generateSecretKey, parseSecretKey } from '../../../src/connections/secret-key.js';
import { GongAuthError } from '../../../src/errors.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { ManualClock } from '../../../src/util/clock.js';
import { startOAuthTokenServer, type OAuthTokenServer } from '../../support/oauth-token-server.js';
import { startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';

const key = parseSecretKey(generateSecretKey());
let pg: TestPostgres;
let a: GongStore;
let b: GongStore;
let server: OAuthTokenServer;

beforeAll(async () => {
  pg = await startTestPostgres();
  a = await openStore(pg.url);
  b = await openStore(pg.url);
  server = await startOAuthTokenServer({ apiBaseUrl: 'https://company-17.api.gong.example', expiresInSeconds: 1, delayMs: 150 });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.close();
  await pg?.stop();
});

// Token lifetimes run on an injected clock: a token expires when the test moves the clock, so
// the tests never wait for real seconds and never race the machine's speed.
const clock = new ManualClock(Date.parse('2026-06-12T12:00:00Z'));
/** Past the refresh point of the current token (half of its 1 s lifetime). */
const PAST_REFRESH_POINT_MS = 700;

async function storedText(store: GongStore): Promise<string> {
  const { rows } = await sql<{ t: string }>`SELECT c::text AS t FROM connections c`.execute(store.allTenants);
  return rows.map((r) => r.t).join('\n');
}

describe('OAuth connections: single-use refresh tokens rotated atomically', () => {
  it('adds the connection with a first refresh, keeps the host Gong names, stores no token in clear', async () => {
    await new ConnectionRepository(a, clock).add(
      { name: 'oauth-co', baseUrl: 'https://api.gong.io', since: null, everySeconds: null, dailyBudget: null, rate: '3/s', limitKey: 'oauth-co', oauthTokenUrl: server.tokenUrl },
      { kind: 'oauth', clientId: server.clientId, clientSecret: server.clientSecret, refreshToken: server.initialRefreshToken, accessToken: null, accessTokenRefreshAt: null },
      key,
    );
    expect(server.refreshes()).toBe(1);
    const info = await new ConnectionRepository(a).require('oauth-co');
    expect(info.baseUrl).toBe('https://company-17.api.gong.example');
    const text = await storedText(a);
    for (const secret of [...server.issuedRefreshTokens(), server.accessTokens[0]!, server.clientSecret]) expect(text).not.toContain(secret);
  });

  it('lets exactly one of many concurrent workers refresh an expired token; the others wait and reuse it', async () => {
    clock.advance(PAST_REFRESH_POINT_MS);
    const before = server.refreshes();
    const sources = [a, b, a, b, a, b, a, b].map((store) => new OAuthTokenSource({ store, connection: 'oauth-co', key, clock }));
    const tokens = await Promise.all(sources.map((s) => s.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(server.refreshes()).toBe(before + 1);
    expect(server.reuses()).toBe(0);
    expect(tokens[0]).toBe(server.accessTokens[before]);
  });

  it('keeps rotating across expiries, and the stored refresh token is always the newest', async () => {
    const source = new OAuthTokenSource({ store: b, connection: 'oauth-co', key, clock });
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      clock.advance(PAST_REFRESH_POINT_MS);
      seen.add(await source.accessToken());
    }
    expect(seen.size).toBe(3);
    expect(server.reuses()).toBe(0);
    // The server accepts only the newest refresh token: the one we stored must be it, so a
    // replay of any older one is refused (proving the server is strict, not lenient).
    const older = server.issuedRefreshTokens().at(-2)!;
    await expect(refreshOAuthToken({ tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret, refreshToken: older })).rejects.toThrow(GongAuthError);
    expect(server.reuses()).toBe(1);
    clock.advance(PAST_REFRESH_POINT_MS);
    await expect(source.accessToken()).resolves.toBeTypeOf('string');
  });

  it('refreshes early after Gong refused a token (invalidate), unless another worker already did', async () => {
    const source = new OAuthTokenSource({ store: a, connection: 'oauth-co', key, clock });
    const token = await source.accessToken();
    const before = server.refreshes();
    await source.invalidate(token);
    const fresh = await source.accessToken();
    expect(fresh).not.toBe(token);
    expect(server.refreshes()).toBe(before + 1);
    await new OAuthTokenSource({ store: b, connection: 'oauth-co', key, clock }).invalidate(token);
    expect(await source.accessToken()).toBe(fresh);
    expect(server.refreshes()).toBe(before + 1);
  });

  it('with a wrong key: a clear error, no refresh spent, nothing written', async () => {
    clock.advance(PAST_REFRESH_POINT_MS);
    const before = { refreshes: server.refreshes(), row: await a.allTenants.selectFrom('connections').selectAll().executeTakeFirstOrThrow() };
    const wrong = new OAuthTokenSource({ store: a, connection: 'oauth-co', key: parseSecretKey(generateSecretKey()), clock });
    await expect(wrong.accessToken()).rejects.toThrow(SecretKeyMismatchError);
    await expect(wrong.accessToken()).rejects.toThrow(/PANDORA_GONG_SECRET_KEY does not match the key/);
    expect(server.refreshes()).toBe(before.refreshes);
    expect(await a.allTenants.selectFrom('connections').selectAll().executeTakeFirstOrThrow()).toEqual(before.row);
  });

  it('stores nothing when the token endpoint refuses the first refresh', async () => {
    const repo = new ConnectionRepository(a, clock);
    await expect(
      repo.add(
        { name: 'refused', baseUrl: 'https://api.gong.io', since: null, everySeconds: null, dailyBudget: null, rate: '3/s', limitKey: 'refused', oauthTokenUrl: server.tokenUrl },
        { kind: 'oauth', clientId: server.clientId, clientSecret: server.clientSecret, refreshToken: 'spent-or-made-up', accessToken: null, accessTokenRefreshAt: null },
        key,
      ),
    ).rejects.toThrow(/refused the refresh/);
    expect(await repo.get('refused')).toBeUndefined();
  });
});

describe('OAuth refresh under a job\'s hard stop', () => {
  it('keeps the rotated refresh token when the hard stop lands after Gong spent the old one', async () => {
    const tokens = await startOAuthTokenServer({ apiBaseUrl: 'https://company-18.api.gong.example', expiresInSeconds: 1 });
    try {
      const repo = new ConnectionRepository(a);
      await repo.add(
        { name: 'hard-stop-co', baseUrl: 'https://api.gong.io', since: null, everySeconds: null, dailyBudget: null, rate: 'off', limitKey: 'hard-stop-co', oauthTokenUrl: tokens.tokenUrl },
        { kind: 'oauth', clientId: tokens.clientId, clientSecret: tokens.clientSecret, refreshToken: tokens.initialRefreshToken, accessToken: null, accessTokenRefreshAt: null },
        key,
      );
      // Gong refused the access token `add` fetched: the next use refreshes (no waiting for expiry).
      const stale = (token: string) => new OAuthTokenSource({ store: a, connection: 'hard-stop-co', key }).invalidate(token);
      await stale(tokens.accessTokens[0]!);
      const hard = new AbortController();
      // The job's stop arrives at the worst moment: Gong has spent the old refresh token and
      // answered, and the answer has not been read yet.
      const stopAfterAnswer: typeof globalThis.fetch = async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if (String(input) === tokens.tokenUrl) hard.abort(new Error('the worker stopped before the sync finished its page'));
        return response;
      };
      const { info, secrets } = await repo.openSecrets('hard-stop-co', key);
      const { oauth } = clientForConnection({ info, secrets, store: a, key, hard: hard.signal, fetch: stopAfterAnswer });
      const token = await oauth!.tokens.accessToken();
      expect(hard.signal.aborted).toBe(true);
      expect(token).toBe(tokens.accessTokens[1]);
      expect(tokens.refreshes()).toBe(2);
      // The next worker refreshes with what is stored: the newest refresh token, never a spent one.
      await stale(token);
      await expect(new OAuthTokenSource({ store: b, connection: 'hard-stop-co', key }).accessToken()).resolves.toBe(tokens.accessTokens[2]);
      expect(tokens.reuses()).toBe(0);
    } finally {
      await tokens.close();
    }
  });
});
