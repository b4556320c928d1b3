import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCompany, startSimulator, type Company, type Simulator } from '../../../src/simulator/index.js';
import { ManualClock } from '../../../src/util/clock.js';
import { basicAuth, get, NOW, post } from './helpers.js';

let company: Company;
beforeAll(() => {
  company = generateCompany({ seed: 4, calls: 400, now: NOW });
});

describe('authentication and scopes', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      company,
      rateLimit: false,
      frozenClock: true,
      credentials: { accessKey: 'key-1', accessKeySecret: 'secret-1' },
      tokens: { 'calls-only': ['api:calls:read:basic', 'api:calls:read:extensive'], everything: ['api:calls:read:basic', 'api:calls:read:extensive', 'api:calls:read:media-url', 'api:calls:read:transcript', 'api:users:read', 'api:workspaces:read'] },
    });
  });
  afterAll(() => sim.close());

  it('accepts the configured Basic key and secret', async () => {
    expect((await get(sim, '/v2/workspaces')).status).toBe(200);
    expect(sim.credentials).toEqual({ accessKey: 'key-1', accessKeySecret: 'secret-1' });
  });

  it('denies missing or wrong credentials: 401, but 403 for /v2/users and /v2/workspaces (spec)', async () => {
    const wrong = 'Basic ' + Buffer.from('key-1:nope').toString('base64');
    for (const auth of [null, wrong, 'Bearer unknown-token', 'Basic', 'Token abc']) {
      const calls = await get(sim, '/v2/calls', auth);
      expect(calls.status).toBe(401);
      expect(calls.body.errors).toEqual(['Access denied']);
      expect(calls.body.requestId).toMatch(/^[a-z0-9]{18,19}$/);
      expect((await get(sim, '/v2/users', auth)).status).toBe(403);
      expect((await get(sim, '/v2/workspaces', auth)).status).toBe(403);
      expect((await post(sim, '/v2/users/extensive', { filter: {} }, auth)).status).toBe(401);
      expect((await post(sim, '/v2/calls/transcript', { filter: {} }, auth)).status).toBe(401);
    }
  });

  it('lets a Bearer token use only its scopes, with Gong missing-scope message', async () => {
    expect((await get(sim, '/v2/calls', 'Bearer calls-only')).status).toBe(200);
    const transcript = await post(sim, '/v2/calls/transcript', { filter: {} }, 'Bearer calls-only');
    expect(transcript.status).toBe(401);
    expect(transcript.body.errors).toEqual(["You don't have permission to use 'api:calls:read:transcript' in your app."]);
    const users = await get(sim, '/v2/users', 'Bearer calls-only');
    expect(users.status).toBe(401);
    expect(users.body.errors).toEqual(["You don't have permission to use 'api:users:read' in your app."]);
    const media = await post(sim, '/v2/calls/extensive', { filter: {}, contentSelector: { exposedFields: { media: true } } }, 'Bearer calls-only');
    expect(media.status).toBe(401);
    expect(media.body.errors).toEqual(["You don't have permission to use 'api:calls:read:media-url' in your app."]);
    expect((await post(sim, '/v2/calls/extensive', { filter: {}, contentSelector: { exposedFields: { media: true } } }, 'Bearer everything')).status).toBe(200);
    expect((await post(sim, '/v2/calls/transcript', { filter: {} }, 'Bearer everything')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 with an integer Retry-After above 3 requests a second', async () => {
    const sim = await startSimulator({ company, frozenClock: true });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await get(sim, '/v2/workspaces')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await get(sim, '/v2/workspaces');
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(Object.keys(limited.body)).toEqual(['requestId', 'errors']);
      sim.advance(1000);
      expect((await get(sim, '/v2/workspaces')).status).toBe(200);
      // Only admitted requests count toward the day.
      expect(sim.requestsToday()).toBe(4);
    } finally {
      await sim.close();
    }
  });

  it('lets 3 requests a second through when time moves on its own', async () => {
    // Real time is injected: the second passes when the test says, not after a real wait.
    const real = new ManualClock(0);
    const sim = await startSimulator({ company, now: NOW, realClock: real });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await get(sim, '/v2/workspaces')).status);
      expect(statuses).toEqual([200, 200, 200]);
      const fourth = await get(sim, '/v2/workspaces');
      if (fourth.status === 429) expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      real.advance(1050);
      expect((await get(sim, '/v2/workspaces')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('spends the daily budget per simulated UTC day, with Retry-After until midnight', async () => {
    const sim = await startSimulator({ company, frozenClock: true, rateLimit: { perSecond: 100, daily: 5 } });
    try {
      for (let i = 0; i < 5; i++) expect((await get(sim, '/v2/workspaces')).status).toBe(200);
      const spent = await get(sim, '/v2/calls');
      expect(spent.status).toBe(429);
      expect(Number(spent.headers.get('retry-after'))).toBe(12 * 3600);
      sim.advance(12 * 3600 * 1000);
      expect((await get(sim, '/v2/workspaces')).status).toBe(200);
      expect(sim.requestsToday()).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it('can be turned off', async () => {
    const sim = await startSimulator({ company, frozenClock: true, rateLimit: false });
    try {
      const statuses = await Promise.all(Array.from({ length: 10 }, () => get(sim, '/v2/workspaces').then((r) => r.status)));
      expect(statuses.every((s) => s === 200)).toBe(true);
    } finally {
      await sim.close();
    }
  });
});

describe('cursor expiry', () => {
  it('refuses a cursor once the TTL since the first page has passed, with "cursor has expired"', async () => {
    const sim = await startSimulator({ company, frozenClock: true, rateLimit: false, cursorTtlMs: 60_000, pageSize: 50 });
    try {
      const body = { filter: { fromDateTime: new Date(NOW - 100 * 86_400_000).toISOString() } };
      const first = await post(sim, '/v2/calls/extensive', body);
      sim.advance(40_000);
      const second = await post(sim, '/v2/calls/extensive', { ...body, cursor: first.body.records.cursor });
      expect(second.status).toBe(200);
      sim.advance(30_000);
      // 70 s after the first page: even the fresh cursor from page 2 is expired.
      const third = await post(sim, '/v2/calls/extensive', { ...body, cursor: second.body.records.cursor });
      expect(third.status).toBe(400);
      expect(third.body.errors.some((e: string) => e.includes('cursor has expired'))).toBe(true);
      const restart = await post(sim, '/v2/calls/extensive', body);
      expect(restart.status).toBe(200);
      expect(basicAuth(sim)).toMatch(/^Basic /);
    } finally {
      await sim.close();
    }
  });
});
