import { describe, expect, it } from 'vitest';
import { defaultAccountKey, InMemoryBudgetStore, RequestBudget, type BudgetStore } from '../../../src/client/request-budget.js';
import { BasicCredentials, BearerCredentials } from '../../../src/client/credentials.js';
import { GongQuotaExhaustedError } from '../../../src/errors.js';
import { ManualClock } from '../../../src/util/clock.js';

const DAY_START = Date.parse('2026-09-01T00:00:00Z');

function budget(options: { dailyLimit?: number; store?: BudgetStore; at?: number } = {}) {
  const clock = new ManualClock(options.at ?? DAY_START + 10 * 3_600_000);
  const store = options.store ?? new InMemoryBudgetStore();
  const b = new RequestBudget({ dailyLimit: options.dailyLimit ?? 3, store, accountKey: 'acct', now: () => clock.now() });
  return { b, clock, store };
}

describe('RequestBudget', () => {
  it('persists every reservation through the store and reports used/remaining', async () => {
    const { b, store } = budget({ dailyLimit: 5 });
    await b.reserve();
    await b.reserve();
    expect(await store.load('acct', '2026-09-01')).toBe(2);
    expect(b.used()).toBe(2);
    expect(b.remaining()).toBe(3);
  });

  it('throws GongQuotaExhaustedError(budget) at the limit, resuming at the next UTC midnight', async () => {
    const { b, store } = budget({ dailyLimit: 3 });
    for (let i = 0; i < 3; i++) await b.reserve();
    const error = await b.reserve().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongQuotaExhaustedError);
    expect((error as GongQuotaExhaustedError).reason).toBe('budget');
    expect((error as GongQuotaExhaustedError).resumeAfter.toISOString()).toBe('2026-09-02T00:00:00.000Z');
    expect(await store.load('acct', '2026-09-01')).toBe(3);
    expect(b.remaining()).toBe(0);
  });

  it('starts from the persisted count (a previous run spent it)', async () => {
    const store = new InMemoryBudgetStore();
    await store.add('acct', '2026-09-01', 3);
    const { b } = budget({ dailyLimit: 3, store });
    expect(await b.load()).toBe(3);
    expect(b.remaining()).toBe(0);
    await expect(b.reserve()).rejects.toBeInstanceOf(GongQuotaExhaustedError);
    expect(await store.load('acct', '2026-09-01')).toBe(3);
  });

  it('refuses when another process took the last request between check and add', async () => {
    const store = new InMemoryBudgetStore();
    const { b } = budget({ dailyLimit: 2, store });
    await b.reserve(); // used 1, cached
    await store.add('acct', '2026-09-01', 1); // another worker
    await expect(b.reserve()).rejects.toBeInstanceOf(GongQuotaExhaustedError);
  });

  it('starts afresh on a new UTC day', async () => {
    const { b, clock } = budget({ dailyLimit: 1 });
    await b.reserve();
    await expect(b.reserve()).rejects.toBeInstanceOf(GongQuotaExhaustedError);
    clock.advance(14 * 3_600_000); // 2026-09-02T00:00Z
    expect(b.used()).toBe(0);
    await b.reserve();
    expect(b.used()).toBe(1);
  });

  it('keeps counts apart per account', async () => {
    const store = new InMemoryBudgetStore();
    await store.add('other', '2026-09-01', 99);
    const { b } = budget({ store });
    expect(await b.load()).toBe(0);
  });
});

describe('defaultAccountKey', () => {
  it('is a hex hash of base URL and key, stable, and never the secret in clear', () => {
    const creds = new BasicCredentials('AKEY', 'SUPERSECRET');
    const key = defaultAccountKey('https://api.gong.io', creds);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(defaultAccountKey('https://api.gong.io', new BasicCredentials('AKEY', 'other-secret'))).toBe(key);
    expect(defaultAccountKey('https://us-1.api.gong.io', creds)).not.toBe(key);
    expect(defaultAccountKey('https://api.gong.io', new BearerCredentials('tok'))).not.toBe(key);
    expect(key).not.toContain('SUPERSECRET');
  });
});
