import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { protocolStreams } from '../../../src/pipelines/stream-catalog.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { startOAuthTokenServer, type OAuthTokenServer } from '../../support/oauth-token-server.js';
import { airbyteMessageValidator, Harness, messagesOf } from './pipeline-harness.js';

let h: Harness;
let server: OAuthTokenServer | undefined;
beforeAll(async () => ensureBuilt(), 200_000);
afterEach(async () => {
  await h?.close();
  await server?.close();
});

const SCOPES = ['api:calls:read:extensive', 'api:calls:read:transcript', 'api:users:read'];

async function oauthSetup() {
  h = new Harness();
  let url = '';
  server = await startOAuthTokenServer({ apiBaseUrl: () => url, expiresInSeconds: 3600, tokens: 20, delayMs: 5 });
  const sim = await h.simulator({ tokens: Object.fromEntries(server.accessTokens.map((t) => [t, SCOPES])) });
  url = sim.url;
  const config = {
    credentials: { auth_type: 'oauth2', client_id: server.clientId, client_secret: server.clientSecret, refresh_token: server.initialRefreshToken, token_url: server.tokenUrl },
    start_date: '2026-11-01',
    rate: 'off',
    streams: ['users'],
  };
  return { sim, server, config };
}

describe('OAuth refresh token rotation in the pipelines', () => {
  it('airbyte: the rotated config goes out as a CONTROL message; the spent token is refused, the new config works', async () => {
    const { server, config } = await oauthSetup();
    const catalog = h.file({ streams: protocolStreams().filter((s) => s.name === 'users').map((s) => ({ stream: { name: s.name, json_schema: s.schema, supported_sync_modes: ['full_refresh'] }, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' })) });
    const first = await h.run(['airbyte', 'read', '--config', h.file(config), '--catalog', catalog]).result;
    expect(first.code, first.stderr).toBe(0);
    const messages = messagesOf(first.stdout);
    const validate = airbyteMessageValidator();
    for (const m of messages) expect(validate(m), JSON.stringify(validate.errors)).toBe(true);
    const control = messages.find((m) => m.type === 'CONTROL')!;
    const next = control.control.connectorConfig.config;
    expect(next.credentials.refresh_token).not.toBe(server.initialRefreshToken);
    expect(server.issuedRefreshTokens()).toContain(next.credentials.refresh_token);
    expect(next.base_url).toBe(h.sims[0]!.url);
    expect(messages.filter((m) => m.type === 'RECORD').length).toBeGreaterThan(0);
    // No token or secret anywhere but in the CONTROL message.
    const rest = messages.filter((m) => m.type !== 'CONTROL').map((m) => JSON.stringify(m)).join('\n') + first.stderr;
    for (const secret of [server.clientSecret, ...server.issuedRefreshTokens(), ...server.accessTokens.slice(0, 3)]) expect(rest).not.toContain(secret);

    const stale = await h.run(['airbyte', 'read', '--config', h.file(config), '--catalog', catalog]).result;
    const error = messagesOf(stale.stdout).find((m) => m.type === 'TRACE' && m.trace.type === 'ERROR')!;
    expect(error.trace.error.failure_type).toBe('config_error');
    const fresh = await h.run(['airbyte', 'read', '--config', h.file(next), '--catalog', catalog]).result;
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(server.reuses()).toBe(1);
  });

  it('singer: the rotated config is written back to the --config file', async () => {
    const { server, config } = await oauthSetup();
    const file = h.file(config);
    const run = await h.run(['singer', '--config', file]).result;
    expect(run.code, run.stderr).toBe(0);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.credentials.refresh_token).not.toBe(server.initialRefreshToken);
    expect(run.stdout).not.toContain(after.credentials.refresh_token);
    const again = await h.run(['singer', '--config', file]).result;
    expect(again.code, again.stderr).toBe(0);
    expect(server.reuses()).toBe(0);
  });
});
