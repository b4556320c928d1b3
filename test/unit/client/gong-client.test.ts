import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../../src/client/client-events.js';
import type { GongClientOptions } from '../../../src/client/client-options.js';
import { GongClient } from '../../../src/client/gong-client.js';
import { InMemoryBudgetStore } from '../../../src/client/request-budget.js';
import {
  ConfigError,
  GongAuthError,
  GongNotFoundError,
  GongQuotaExhaustedError,
  GongServerError,
} from '../../../src/errors.js';
import { ManualClock } from '../../../src/util/clock.js';
import { fakeFetch, json, noResults, page, type Responder } from './fake-fetch.js';

const KEY = 'AK9ZZTOPKEY';
const SECRET = 'S3CR3T-value-never-shown';
const BASE64 = Buffer.from(`${KEY}:${SECRET}`).toString('base64');

function client(answer: Responder | Array<Response | Error>, options: Partial<GongClientOptions> = {}) {
  const fake = fakeFetch(answer);
  const clock = new ManualClock(Date.parse('2026-09-01T12:00:00Z'));
  const events: ClientEvent[] = [];
  const gong = new GongClient({
    accessKey: KEY,
    accessKeySecret: SECRET,
    fetch: fake.fetch,
    clock,
    rateLimit: false,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { gong, requests: fake.requests, clock, events };
}

describe('GongClient construction', () => {
  it('normalises the base URL (trailing slashes, a trailing /v2)', () => {
    const make = (baseUrl?: string) => new GongClient({ apiKey: 'a:b', baseUrl }).baseUrl;
    expect(make()).toBe('https://api.gong.io');
    expect(make('https://us-12345.api.gong.io/')).toBe('https://us-12345.api.gong.io');
    expect(make('https://us-12345.api.gong.io/v2/')).toBe('https://us-12345.api.gong.io');
    expect(make('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  it.each(['not a url', 'ftp://api.gong.io', 'https://user:pw@api.gong.io', 'https://api.gong.io/?x=1'])(
    'refuses the base URL %s with a ConfigError',
    (baseUrl) => {
      expect(() => new GongClient({ apiKey: 'a:b', baseUrl })).toThrow(ConfigError);
    },
  );

  it('refuses missing or malformed credentials and bad options before any request', () => {
    expect(() => new GongClient({})).toThrow(ConfigError);
    expect(() => new GongClient({ apiKey: 'nocolon' })).toThrow(ConfigError);
    expect(() => new GongClient({ apiKey: 'a:b', timeoutMs: 0 })).toThrow(ConfigError);
    expect(() => new GongClient({ apiKey: 'a:b', retry: { maxAttempts: 0 } })).toThrow(ConfigError);
    expect(() => new GongClient({ apiKey: 'a:b', rateLimit: '5/day' })).toThrow(ConfigError);
  });

  it('refuses a timeout longer than a timer holds (it would fire after 1 ms and fail every request)', () => {
    expect(() => new GongClient({ apiKey: 'a:b', timeoutMs: 30 * 86_400_000 })).toThrow(/at most 2147483647 ms/);
    expect(() => new GongClient({ apiKey: 'a:b', timeoutMs: 2_147_483_647 })).not.toThrow();
  });
});

describe('GongClient endpoints', () => {
  it('users(): GET /v2/users with Basic auth, includeAvatars only when asked', async () => {
    const { gong, requests } = client([page('users', [{ id: 1 }])]);
    expect(await gong.users().toArray()).toEqual([{ id: '1' }]);
    await gong.users({ includeAvatars: true }).toArray();
    expect(requests[0]!.url.toString()).toBe('https://api.gong.io/v2/users');
    expect(requests[0]!.headers.get('authorization')).toBe(`Basic ${BASE64}`);
    expect(requests[1]!.url.search).toBe('?includeAvatars=true');
  });

  it('usersExtensive(): POST with {filter: {}} at least', async () => {
    const { gong, requests } = client([page('users', [])]);
    await gong.usersExtensive().toArray();
    await gong.usersExtensive({ userIds: ['1'] }).toArray();
    expect(await gong.usersExtensive({ userIds: [] }).toArray()).toEqual([]);
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ['POST', '/v2/users/extensive', { filter: {} }],
      ['POST', '/v2/users/extensive', { filter: { userIds: ['1'] } }],
    ]);
  });

  it('calls(): dates as Date, epoch ms or ISO text go out as UTC ISO with Z', async () => {
    const { gong, requests } = client([page('calls', [])]);
    await gong.calls({ from: new Date('2026-09-01T00:00:00Z'), to: Date.parse('2026-09-02T00:00:00Z') }).toArray();
    await gong.calls({ from: '2026-09-01T02:00:00+02:00', to: '2026-09-02', workspaceId: '77' }).toArray();
    const q = (i: number) => Object.fromEntries(requests[i]!.url.searchParams);
    expect(q(0)).toEqual({ fromDateTime: '2026-09-01T00:00:00.000Z', toDateTime: '2026-09-02T00:00:00.000Z' });
    expect(q(1)).toEqual({ fromDateTime: '2026-09-01T00:00:00.000Z', toDateTime: '2026-09-02T00:00:00.000Z', workspaceId: '77' });
    expect(() => gong.calls({ from: 'yesterday-ish', to: new Date() })).toThrow(ConfigError);
  });

  it('call(id): returns the metadata; an unknown id is GongNotFoundError', async () => {
    const { gong, requests } = client([
      json(200, { requestId: 'r', call: { id: 7782342274025937895n.toString(), duration: '460' } }),
      json(404, { requestId: 'r', errors: ['Call ID 894411314421502864 was not found'] }),
    ]);
    expect(await gong.call('7782342274025937895')).toEqual({ id: '7782342274025937895', duration: 460 });
    expect(requests[0]!.url.pathname).toBe('/v2/calls/7782342274025937895');
    await expect(gong.call('894411314421502864')).rejects.toBeInstanceOf(GongNotFoundError);
  });

  it('callsExtensive(): the default selector, never media, filter dates', async () => {
    const { gong, requests } = client([page('calls', [])]);
    await gong.callsExtensive({ from: '2026-09-01', to: '2026-09-02', workspaceId: 'w' }).toArray();
    const body = requests[0]!.body!;
    expect(body.filter).toEqual({ fromDateTime: '2026-09-01T00:00:00.000Z', toDateTime: '2026-09-02T00:00:00.000Z', workspaceId: 'w' });
    expect(body).not.toHaveProperty('cursor');
    expect(body.contentSelector).toEqual({
      context: 'Extended',
      contextTiming: ['Now'],
      exposedFields: {
        parties: true,
        content: { structure: true, topics: true, trackers: true, pointsOfInterest: true, brief: true, outline: true, highlights: true, callOutcome: true, keyPoints: true },
        interaction: { speakers: true, personInteractionStats: true, questions: true, video: true },
        collaboration: { publicComments: true },
      },
    });
    expect(JSON.stringify(body)).not.toContain('media');
  });

  it('callsExtensive(): strips media from a caller-supplied selector', async () => {
    const { gong, requests } = client([page('calls', [])]);
    const selector = { context: 'Basic' as const, exposedFields: { parties: true, media: true } };
    await gong.callsExtensive({ callIds: ['1'], contentSelector: selector as never }).toArray();
    expect(requests[0]!.body!.contentSelector).toEqual({ context: 'Basic', exposedFields: { parties: true } });
    expect(selector.exposedFields.media).toBe(true); // the caller's object is not modified
  });

  it('callsExtensive(): callIds in batches of at most 100, never empty', async () => {
    const { gong, requests } = client((request) => page('calls', (request.body!.filter as { callIds: string[] }).callIds.map((id) => ({ metaData: { id } }))));
    const ids = Array.from({ length: 250 }, (_, i) => String(1_000_000_000_000_000_000n + BigInt(i)));
    const calls = await gong.callsExtensive({ callIds: ids }).toArray();
    expect(calls.map((c) => c.metaData.id)).toEqual(ids);
    expect(requests.map((r) => (r.body!.filter as { callIds: string[] }).callIds.length)).toEqual([100, 100, 50]);
    expect(await gong.callsExtensive({ callIds: [] }).toArray()).toEqual([]);
    expect(await gong.callsExtensive({ primaryUserIds: [] }).toArray()).toEqual([]);
    expect(requests).toHaveLength(3);
  });

  it('transcripts(): batches of 100 callIds, each paginated with the cursor in the body; [] sends nothing', async () => {
    const { gong, requests } = client((request) => {
      const ids = (request.body!.filter as { callIds: string[] }).callIds;
      if (ids[0] === '0' && request.body!.cursor === undefined) return page('callTranscripts', [{ callId: '0', transcript: [] }], 'more');
      return page('callTranscripts', ids.slice(request.body!.cursor ? 1 : 0, 2).map((callId) => ({ callId, transcript: [] })));
    });
    const ids = Array.from({ length: 150 }, (_, i) => String(i));
    const transcripts = await gong.transcripts({ callIds: ids }).toArray();
    expect(transcripts.map((t) => t.callId)).toEqual(['0', '1', '100', '101']);
    expect(requests.map((r) => [(r.body!.filter as { callIds: string[] }).callIds.length, r.body!.cursor])).toEqual([
      [100, undefined],
      [100, 'more'],
      [50, undefined],
    ]);
    expect(await gong.transcripts({ callIds: [] }).toArray()).toEqual([]);
    expect(requests).toHaveLength(3);
  });

  it('transcripts(): by date window sends a filter without callIds', async () => {
    const { gong, requests } = client([noResults()]);
    expect(await gong.transcripts({ from: '2026-09-01', to: '2026-09-02' }).toArray()).toEqual([]);
    expect(requests[0]!.body).toEqual({ filter: { fromDateTime: '2026-09-01T00:00:00.000Z', toDateTime: '2026-09-02T00:00:00.000Z' } });
  });

  it('workspaces(): not paginated', async () => {
    const { gong } = client([json(200, { requestId: 'r', workspaces: [{ id: 7273476131570014205n.toString(), name: 'Initial workspace' }] })]);
    expect(await gong.workspaces()).toEqual([{ id: '7273476131570014205', name: 'Initial workspace' }]);
  });
});

describe('GongClient layers', () => {
  it('retries a 5xx and counts both attempts in the budget and in requestsSent', async () => {
    const store = new InMemoryBudgetStore();
    const { gong, events } = client([json(503, { errors: ['x'] }), page('users', [{ id: '1' }])], { budget: { store, dailyLimit: 10, accountKey: 'acct' } });
    expect(await gong.users().toArray()).toEqual([{ id: '1' }]);
    expect(gong.requestsSent).toBe(2);
    expect(gong.budget!.used()).toBe(2);
    expect(gong.budget!.remaining()).toBe(8);
    expect(await store.load('acct', '2026-09-01')).toBe(2);
    expect(events.map((e) => e.type)).toEqual(['request', 'response', 'retry', 'request', 'response']);
  });

  it('stops at the budget without sending: GongQuotaExhaustedError(budget) until next UTC midnight', async () => {
    const store = new InMemoryBudgetStore();
    await store.add('acct', '2026-09-01', 5);
    const { gong, requests } = client([page('users', [])], { budget: { store, dailyLimit: 5, accountKey: 'acct' } });
    const error = await gong.users().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongQuotaExhaustedError);
    expect((error as GongQuotaExhaustedError).reason).toBe('budget');
    expect((error as GongQuotaExhaustedError).resumeAfter.toISOString()).toBe('2026-09-02T00:00:00.000Z');
    expect(requests).toHaveLength(0);
  });

  it('keys the default budget by account and allows 10,000 a day', () => {
    const { gong } = client([]);
    expect(gong.budget!.dailyLimit).toBe(10_000);
    expect(gong.budget!.accountKey).toMatch(/^[0-9a-f]{16}$/);
    expect(client([], { budget: false }).gong.budget).toBeUndefined();
  });

  it('turns a Retry-After above the ceiling into GongQuotaExhaustedError(retry-after)', async () => {
    const { gong, requests, clock } = client([json(429, { errors: ['limit'] }, { 'retry-after': '7200' })]);
    const error = await gong.users().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongQuotaExhaustedError);
    expect((error as GongQuotaExhaustedError).reason).toBe('retry-after');
    expect((error as GongQuotaExhaustedError).resumeAfter.getTime()).toBe(clock.now() + 7_200_000);
    expect(requests).toHaveLength(1);
  });

  it('obeys a short Retry-After, then succeeds', async () => {
    const { gong, clock, events } = client([json(429, { errors: ['limit'] }, { 'retry-after': '3' }), page('users', [])]);
    const before = clock.now();
    await gong.users().toArray();
    expect(clock.now() - before).toBe(3000);
    expect(events).toContainEqual({ type: 'rate-limited', endpoint: 'GET /v2/users', retryAfterMs: 3000 });
  });

  it('throttles request starts at 3/s by default and reports waits', async () => {
    const fake = fakeFetch([page('users', [])]);
    const clock = new ManualClock(0);
    const starts: number[] = [];
    const events: ClientEvent[] = [];
    const gong = new GongClient({
      apiKey: 'a:b',
      clock,
      fetch: async (input, init) => {
        starts.push(clock.now());
        return fake.fetch(input, init);
      },
      onEvent: (e) => events.push(e),
    });
    for (let i = 0; i < 4; i++) await gong.users().toArray();
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(1000 / 3);
    expect(events.filter((e) => e.type === 'throttle-wait')).toHaveLength(3);
  });

  it('asks a token provider before every attempt', async () => {
    let n = 0;
    const { gong, requests } = client([json(500, {}), page('users', [])], {
      accessKey: undefined,
      accessKeySecret: undefined,
      tokenProvider: async () => `token${++n}`,
    });
    await gong.users().toArray();
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token1', 'Bearer token2']);
  });

  it('exposes Gong\'s clock as serverNow()', async () => {
    const { gong, clock } = client(() => json(200, { requestId: 'r', workspaces: [] }, { date: new Date(clock.now() - 120_000).toUTCString() }));
    expect(gong.serverNow()).toBe(clock.now());
    expect(gong.serverClockOffsetMs()).toBeUndefined();
    await gong.workspaces();
    expect(gong.serverClockOffsetMs()).toBe(-120_000);
    expect(gong.serverNow()).toBe(clock.now() - 120_000);
  });

  it('sends arbitrary requests through every layer with request() and paginate()', async () => {
    const { gong, requests } = client([json(200, { requestId: 'r', scorecards: [] }), page('logEntries', [{ a: 1 }])]);
    expect((await gong.request({ method: 'GET', path: '/v2/settings/scorecards' })).data).toEqual({ requestId: 'r', scorecards: [] });
    expect(await gong.paginate({ method: 'GET', path: '/v2/logs', query: { logType: 'UserActivityLog' } }, 'logEntries').toArray()).toEqual([{ a: 1 }]);
    expect(requests.every((r) => r.headers.get('authorization') === `Basic ${BASE64}`)).toBe(true);
  });
});

describe('GongClient never shows the secret', () => {
  it('not through JSON.stringify or inspect of the client', () => {
    const { gong } = client([]);
    for (const text of [JSON.stringify(gong), inspect(gong, { depth: 10, showHidden: true }), String(gong)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(BASE64);
    }
  });

  it('not through errors, events or their serialisations', async () => {
    const { gong, events } = client([json(401, { requestId: 'r401', errors: ['Access denied'] })]);
    const error = await gong.users().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongAuthError);
    const texts = [
      (error as Error).message,
      (error as Error).stack ?? '',
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(error),
      JSON.stringify(events),
    ];
    for (const text of texts) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(BASE64);
      expect(text).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
    }
  });

  it('a server echoing an Authorization value in its error text gets it redacted', async () => {
    const { gong } = client([json(500, { errors: [`bad header Basic ${BASE64}`] })]);
    const error = (await gong.users().toArray().catch((e: unknown) => e)) as GongServerError;
    expect(error).toBeInstanceOf(GongServerError);
    expect(error.message).not.toContain(BASE64);
    expect(error.errors.join()).not.toContain(BASE64);
    expect(error.errors).toEqual(['bad header Basic [redacted]']);
  });
});
