import { describe, expect, it } from 'vitest';
import { generateSecretKey, parseSecretKey } from '../../../src/connections/secret-key.js';
import { ConfigError } from '../../../src/errors.js';
import { startWorker, type WorkerOptions } from '../../../src/workers/start-worker.js';

// Nothing listens on port 1: a setting that got as far as connecting would fail with a StoreError instead.
const base: WorkerOptions = { url: 'postgres://nobody@127.0.0.1:1/none', key: parseSecretKey(generateSecretKey()) };
const DAY = 86_400;

describe('startWorker refuses settings pg-boss or a timer cannot honour, before connecting (exit 2, never a hung process)', () => {
  it.each<[string, Partial<WorkerOptions>, RegExp]>([
    ['a job timeout of two days (pg-boss: "expiration cannot exceed 24 hours")', { queue: { jobTimeoutSeconds: 2 * DAY } }, /--job-timeout must be at least 5 seconds and under 24 hours/],
    ['a retry delay past an integer column', { queue: { retryDelaySeconds: 99_999 * DAY } }, /--retry-delay must be a whole number of seconds/],
    ['a retry limit past an integer column', { queue: { retryLimit: 99_999_999_999 } }, /--retry-limit must be a whole number from 0/],
    ['a poll interval longer than a timer holds', { pollIntervalSeconds: 30 * DAY }, /--poll must be at least 0.5 seconds .* and at most 24 days/],
    ['a shutdown grace longer than a timer holds', { shutdownGraceMs: 30 * DAY * 1000 }, /--shutdown-grace must be at most 24 days/],
  ])('%s', async (_what, options, message) => {
    const error = await startWorker({ ...base, ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
