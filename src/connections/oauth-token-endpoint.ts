/**
 * Gong's OAuth token endpoint (docs/gong-api.md §1.3): `POST
 * https://app.gong.io/oauth2/generate-customer-token` with the app's client id and secret as Basic
 * auth and `grant_type=refresh_token`. Each answer carries a new refresh token (the old one is
 * spent: Gong's refresh tokens are single-use) and `api_base_url_for_customer`, the host every API
 * call with that token must go to (docs/gong-api.md §1.1).
 */
import { normalizeBaseUrl } from '../client/client-options.js';
import { GongAuthError, GongConnectionError, GongProtocolError, GongServerError, GongTimeoutError } from '../errors.js';

/** Gong's token URL (docs/gong-api.md §1.3; the same in n8n, amp-labs and Nango). */
export const GONG_TOKEN_URL = 'https://app.gong.io/oauth2/generate-customer-token';

/** What a successful refresh gives. */
export interface TokenGrant {
  accessToken: string;
  /** The next refresh token; null when the server did not rotate it (Gong always does). */
  refreshToken: string | null;
  expiresInSeconds: number | null;
  /** `api_base_url_for_customer`, normalised; null when absent. */
  apiBaseUrl: string | null;
}

export interface RefreshRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Exchanges a refresh token for new tokens. Messages never contain a token or the client
 * secret; a refused token is a `GongAuthError` (exit 3), a server failure is retryable.
 *
 * @example
 * const grant = await refreshOAuthToken({ tokenUrl: GONG_TOKEN_URL, clientId, clientSecret, refreshToken });
 */
export async function refreshOAuthToken(request: RefreshRequest): Promise<TokenGrant> {
  const endpoint = 'POST oauth2 token';
  const basic = Buffer.from(`${request.clientId}:${request.clientSecret}`, 'utf8').toString('base64');
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: request.refreshToken }).toString();
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  let text: string;
  try {
    response = await (request.fetch ?? globalThis.fetch)(request.tokenUrl, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    if ((error as Error)?.name === 'TimeoutError') throw new GongTimeoutError(`the OAuth token endpoint did not answer within ${timeoutMs} ms`, timeoutMs, endpoint);
    throw new GongConnectionError(`cannot reach the OAuth token endpoint: ${(error as Error)?.message ?? error}`, endpoint, error);
  }
  const json = parseJson(text);
  if (!response.ok) {
    const reason = [json?.error, json?.error_description].filter((x) => typeof x === 'string').join(': ').slice(0, 200);
    const details = { status: response.status, endpoint, errors: reason ? [reason] : [] };
    if (response.status >= 500) throw new GongServerError(`the OAuth token endpoint failed (HTTP ${response.status})`, details);
    throw new GongAuthError(
      `the OAuth token endpoint refused the refresh (HTTP ${response.status}${reason ? `, ${reason}` : ''}): the refresh token was already used or revoked, or the client id/secret are wrong; authorize the app again and re-add the connection`,
      details,
    );
  }
  if (json === undefined) {
    // Cut short or garbled on the way: asking again may well succeed.
    throw new GongProtocolError(`the OAuth token endpoint answered ${response.status} with a body that is not a JSON object`, endpoint, { kind: 'transient' });
  }
  if (typeof json.access_token !== 'string' || json.access_token === '') {
    // A whole answer without the one thing we need: asking again the same way cannot help.
    throw new GongProtocolError('the OAuth token endpoint answered without an access_token', endpoint, { kind: 'protocol' });
  }
  const expires = Number(json.expires_in);
  return {
    accessToken: json.access_token,
    refreshToken: typeof json.refresh_token === 'string' && json.refresh_token !== '' ? json.refresh_token : null,
    expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : null,
    apiBaseUrl: typeof json.api_base_url_for_customer === 'string' && json.api_base_url_for_customer !== '' ? normalizeBaseUrl(json.api_base_url_for_customer) : null,
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
