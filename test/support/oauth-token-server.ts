import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { STREAMS } from '../../src/sync/streams/registry.js';

/**
 * A strict stand-in for Gong's OAuth token endpoint (docs/gong-api.md §1.3): refresh tokens are
 * single-use, and a reused one is answered `400 invalid_grant` and counted, so tests can prove
 * that no two workers ever refreshed the same connection with the same token.
 */
export interface OAuthTokenServer {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The refresh token to start from (what the operator would paste). */
  initialRefreshToken: string;
  /** Access tokens it hands out, in order (give them to the simulator's `tokens`). */
  accessTokens: readonly string[];
  /** Successful refreshes. */
  refreshes(): number;
  /** Refreshes refused because the token had been used before. */
  reuses(): number;
  /** Every refresh token ever issued (to scan the database for them). */
  issuedRefreshTokens(): string[];
  close(): Promise<void>;
}

export async function startOAuthTokenServer(options: {
  /** `api_base_url_for_customer`; a function when the host starts after this server. */
  apiBaseUrl: string | (() => string);
  expiresInSeconds: number;
  tokens?: number;
  delayMs?: number;
}): Promise<OAuthTokenServer> {
  const clientId = `client-${randomBytes(4).toString('hex')}`;
  const clientSecret = `client-secret-${randomBytes(12).toString('hex')}`;
  const accessTokens = Array.from({ length: options.tokens ?? 500 }, (_, i) => `oauth-access-${i}-${randomBytes(12).toString('hex')}`);
  const issued = [`oauth-refresh-initial-${randomBytes(12).toString('hex')}`];
  let current: string | null = issued[0]!;
  let next = 0;
  let refreshes = 0;
  let reuses = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const reply = (status: number, json: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      if (req.method !== 'POST' || req.headers.authorization !== expected) return reply(401, { error: 'invalid_client' });
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'refresh_token') return reply(400, { error: 'unsupported_grant_type' });
      const token = form.get('refresh_token');
      // Spent the moment it arrives, as Gong does: a concurrent second use is a reuse.
      if (token === null || token !== current) {
        reuses++;
        return reply(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      }
      current = null;
      setTimeout(() => {
        const access = accessTokens[next++];
        if (!access) return reply(500, { error: 'server_error', error_description: 'test server ran out of access tokens' });
        const fresh = `oauth-refresh-${refreshes}-${randomBytes(12).toString('hex')}`;
        issued.push(fresh);
        current = fresh;
        refreshes++;
        reply(200, {
          access_token: access,
          refresh_token: fresh,
          expires_in: options.expiresInSeconds,
          token_type: 'bearer',
          scope: SYNC_SCOPES.join(' '),
          api_base_url_for_customer: typeof options.apiBaseUrl === 'function' ? options.apiBaseUrl() : options.apiBaseUrl,
        });
      }, options.delayMs ?? 50);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    tokenUrl: `http://127.0.0.1:${port}/oauth2/generate-customer-token`,
    clientId,
    clientSecret,
    initialRefreshToken: issued[0]!,
    accessTokens,
    refreshes: () => refreshes,
    reuses: () => reuses,
    issuedRefreshTokens: () => [...issued],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Scopes a Bearer token needs for a full sync (docs/gong-api.md §1.4): what every stream declares,
 * plus the basic call list that `connections test` reads.
 */
export const SYNC_SCOPES = [...new Set(['api:calls:read:basic', ...STREAMS.flatMap((s) => s.scopes)])];
