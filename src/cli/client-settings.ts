import { credentialsFromEnv } from '../client/credentials.js';
import { GongClient } from '../client/gong-client.js';
import { normalizeBaseUrl } from '../client/client-options.js';
import { parseRateSpec } from '../client/rate-limiter.js';
import { ConfigError } from '../errors.js';
import type { RunSyncOptions } from '../sync/run-sync.js';
import { setting } from './env-config.js';
import { durationOption, positiveIntOption } from './cli-options.js';

export interface GongConnectionFlags {
  baseUrl?: string;
  rate?: string;
  dailyBudget?: string;
  maxWait?: string;
  retryFor?: string;
  timeout?: string;
}

/**
 * How the CLI reaches Gong: credentials from the environment (never from flags, which `ps`
 * shows), the base URL from `--base-url` or `GONG_BASE_URL`, the rate, budget, wait ceiling and
 * timeout from their flags or variables. Everything is checked here, before any database is
 * opened or any request sent: a malformed key or a bad value exits 2 at once.
 *
 * @throws ConfigError naming the setting at fault
 */
export function clientSettings(flags: GongConnectionFlags, env: Record<string, string | undefined>): RunSyncOptions['client'] {
  const credentials = credentialsFromEnv(env);
  const rate = setting(flags.rate, env, 'PANDORA_GONG_RATE', '3/s');
  const maxWaitMs = durationOption('--max-wait', setting(flags.maxWait, env, 'PANDORA_GONG_MAX_WAIT'));
  const retryForMs = durationOption('--retry-for', setting(flags.retryFor, env, 'PANDORA_GONG_RETRY_FOR'));
  const timeoutMs = durationOption('--timeout', setting(flags.timeout, env, 'PANDORA_GONG_TIMEOUT'));
  const dailyLimit = positiveIntOption('--daily-budget', setting(flags.dailyBudget, env, 'PANDORA_GONG_DAILY_BUDGET'));
  const baseUrl = setting(flags.baseUrl, env, 'GONG_BASE_URL');
  // Checked here too so that a message names what the user set, not the library's option.
  if (baseUrl !== undefined) normalizeBaseUrl(baseUrl, '--base-url / GONG_BASE_URL');
  if (rate !== undefined && rate !== 'off') {
    try {
      parseRateSpec(rate);
    } catch (error) {
      throw error instanceof ConfigError ? new ConfigError(`--rate / PANDORA_GONG_RATE: ${error.message}`) : error;
    }
  }
  const settings: RunSyncOptions['client'] = {
    baseUrl,
    credentials,
    rateLimit: rate === 'off' ? false : rate,
    dailyLimit,
    retry: {
      ...(maxWaitMs === undefined ? {} : { maxRetryAfterMs: maxWaitMs }),
      ...(retryForMs === undefined ? {} : { retryForMs }),
    },
    timeoutMs,
  };
  // The client checks the host, the rate spec, the waits and the timeout when it is built.
  new GongClient({ ...settings, budget: false });
  return settings;
}
