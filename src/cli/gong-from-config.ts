import { credentialsFromEnv } from '../client/credentials.js';
import { GongClient } from '../client/gong-client.js';
import type { ClientEventListener } from '../client/client-events.js';
import type { GongStore } from '../store/gong-store.js';
import { setting } from './env-config.js';
import { durationOption, positiveIntOption } from './cli-options.js';

export interface GongConnectionFlags {
  baseUrl?: string;
  rate?: string;
  dailyBudget?: string;
  maxWait?: string;
  timeout?: string;
}

/**
 * The client the CLI uses: credentials from the environment (never from flags, which `ps`
 * shows), the base URL from `--base-url` or `GONG_BASE_URL`, and the day's request count
 * persisted in the store so that every run, and every process, shares one budget.
 */
export function gongFromConfig(
  flags: GongConnectionFlags,
  env: Record<string, string | undefined>,
  store: GongStore | undefined,
  onEvent?: ClientEventListener,
): GongClient {
  const credentials = credentialsFromEnv(env);
  const rate = setting(flags.rate, env, 'PANDORA_GONG_RATE', '3/s');
  const maxWaitMs = durationOption('--max-wait', setting(flags.maxWait, env, 'PANDORA_GONG_MAX_WAIT'));
  const timeoutMs = durationOption('--timeout', setting(flags.timeout, env, 'PANDORA_GONG_TIMEOUT'));
  const dailyLimit = positiveIntOption('--daily-budget', setting(flags.dailyBudget, env, 'PANDORA_GONG_DAILY_BUDGET'));
  return new GongClient({
    baseUrl: setting(flags.baseUrl, env, 'GONG_BASE_URL'),
    credentials,
    rateLimit: rate === 'off' ? false : rate,
    budget: { dailyLimit, store: store?.budgetStore() },
    retry: maxWaitMs === undefined ? undefined : { maxRetryAfterMs: maxWaitMs },
    timeoutMs,
    onEvent,
  });
}
