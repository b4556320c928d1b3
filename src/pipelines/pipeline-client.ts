/**
 * The Gong client of a protocol command, from its config: access key and secret, or OAuth with a
 * refresh token that rotates (the first token is fetched before the client exists, because
 * Gong's answer names the company's API host); the throttle, retries, timeout and daily budget
 * as configured.
 */
import type { ClientEventListener } from '../client/client-events.js';
import { GongClient } from '../client/gong-client.js';
import type { BudgetStore } from '../client/request-budget.js';
import type { ParsedPipelineConfig } from './pipeline-config.js';
import { PipelineOAuth, type RotatedAuth } from './pipeline-oauth.js';

export interface PipelineClientOptions {
  /** The daily budget's count (default: in memory, from 0). */
  budgetStore?: BudgetStore;
  /** Gong's clock offset the last read measured, assumed until a response says otherwise. */
  clockOffsetMs?: number;
  onRotate?: (rotated: RotatedAuth) => void;
  onClientEvent?: ClientEventListener;
  fetch?: typeof globalThis.fetch;
}

/**
 * @example const client = await pipelineClient(parsePipelineConfig(json), { onRotate });
 * @throws GongAuthError when the OAuth token endpoint refuses the refresh token
 */
export async function pipelineClient(config: ParsedPipelineConfig, options: PipelineClientOptions = {}): Promise<GongClient> {
  let baseUrl = config.baseUrl;
  let credentials: { accessKey: string; accessKeySecret: string } | { tokenProvider: () => Promise<string> };
  if (config.auth.auth_type === 'oauth2') {
    const seen: { host: string | null } = { host: null };
    const oauth = new PipelineOAuth(
      config.auth,
      (rotated) => {
        seen.host ??= rotated.baseUrl;
        options.onRotate?.(rotated);
      },
      { fetch: options.fetch },
    );
    // The first token decides the host: Gong names the company's own in the token's answer.
    await oauth.accessToken();
    if (seen.host) baseUrl = seen.host;
    credentials = { tokenProvider: () => oauth.accessToken() };
  } else {
    credentials = { accessKey: config.auth.access_key, accessKeySecret: config.auth.access_key_secret };
  }
  const client = new GongClient({
    ...credentials,
    baseUrl,
    rateLimit: config.rate,
    retry: config.retry,
    timeoutMs: config.timeoutMs,
    budget: { dailyLimit: config.dailyLimit, ...(options.budgetStore ? { store: options.budgetStore } : {}) },
    onEvent: options.onClientEvent,
    fetch: options.fetch,
  });
  if (options.clockOffsetMs !== undefined) client.assumeServerClockOffset(options.clockOffsetMs);
  await client.restore();
  return client;
}
