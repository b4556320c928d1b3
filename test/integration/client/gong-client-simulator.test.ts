/**
 * The client against the Gong simulator on a real port (the tier after the pure units): real
 * sockets, real `fetch`, Gong's pagination, 404-empty, cursor expiry, 429s, 5xx, resets, slow
 * answers, auth and scopes, and the throttle measured at the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../../src/client/client-events.js';
import type { GongClientOptions } from '../../../src/client/client-options.js';
import { GongClient } from '../../../src/client/gong-client.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/simulator/index.js';
import {
  GongAuthError,
  GongCursorExpiredError,
  GongQuotaExhaustedError,
  GongRepeatedCursorError,
  GongScopeError,
} from '../../../src/errors.js';

const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

/** Simulated "now" of every simulator here: fixed, so two simulators serve the same calls. */
const SIM_NOW = Date.parse('2026-06-01T12:00:00Z');

/**
 * A simulator on a free port. Its clock is frozen (time moves only by `advance`) so that what is
 * visible cannot change under a test, unless a test needs real time to pass (the throttle test).
 */
async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, seed: 1, calls: 1200, now: SIM_NOW, frozenClock: true, rateLimit: false, ...options });
  running.push(sim);
  return sim;
}

/** A client for the simulator; fast retries, no throttle unless asked. */
function clientFor(sim: Simulator, options: Partial<GongClientOptions> = {}) {
  const events: ClientEvent[] = [];
  const client = new GongClient({
    baseUrl: sim.url,
    accessKey: sim.credentials.accessKey,
    accessKeySecret: sim.credentials.accessKeySecret,
    rateLimit: false,
    retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 8 },
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { client, events };
}

/** A window that holds every call the simulator generated. */
const ALL = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };

function requestsTo(sim: Simulator, endpoint: string): number {
  return sim.log.count(endpoint);
}

describe('GongClient × simulator: pagination', () => {
  it('walks GET /v2/calls across many pages with exactly ceil(n/100) requests', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const pages = [];
    for await (const page of client.calls(ALL).pages()) pages.push(page);
    const total = pages[0]!.records!.totalRecords;
    const ids = pages.flatMap((p) => p.items.map((c) => c.id));
    expect(total).toBeGreaterThan(1000);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(ids.every((id) => /^\d{15,20}$/.test(id))).toBe(true);
    expect(pages).toHaveLength(Math.ceil(total / 100));
    expect(requestsTo(sim, 'GET /v2/calls')).toBe(Math.ceil(total / 100));
    expect(client.requestsSent).toBe(Math.ceil(total / 100));
    // Ascending by start (docs/gong-api.md §3.2).
    const starts = pages.flatMap((p) => p.items.map((c) => Date.parse(c.started)));
    expect(starts.every((t, i) => i === 0 || t >= starts[i - 1]!)).toBe(true);
  });

  it('walks POST /v2/calls/extensive with the cursor in the body: no page repeats', async () => {
    const sim = await simulator({ calls: 350 });
    const { client } = clientFor(sim);
    const calls = await client.callsExtensive(ALL).toArray();
    const ids = calls.map((c) => c.metaData.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(requestsTo(sim, 'POST /v2/calls/extensive')).toBe(Math.ceil(ids.length / 100));
    expect(calls.some((c) => Array.isArray(c.parties))).toBe(true);
    expect(calls.every((c) => c.media === undefined)).toBe(true);
  });

  it('fetches transcripts by callIds in batches of 100', async () => {
    const sim = await simulator({ calls: 350 });
    const { client } = clientFor(sim);
    const ids = (await client.calls(ALL).toArray()).map((c) => c.id).slice(0, 250);
    const transcripts = await client.transcripts({ callIds: ids }).toArray();
    expect(transcripts.length).toBeGreaterThan(0);
    expect(transcripts.every((t) => ids.includes(t.callId))).toBe(true);
    const sizes = sim.log.entries.filter((e) => e.endpoint === 'POST /v2/calls/transcript').map((e) => e.callIds);
    expect(sizes).toEqual([100, 100, 50]);
    expect(sim.log.entries.filter((e) => e.endpoint === 'POST /v2/calls/transcript').every((e) => e.status === 200 || e.status === 404)).toBe(true);
  });

  it('reads users, workspaces and a single call', async () => {
    const sim = await simulator({ calls: 50 });
    const { client } = clientFor(sim);
    const users = await client.users().toArray();
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => typeof u.id === 'string')).toBe(true);
    const workspaces = await client.workspaces();
    expect(workspaces.length).toBeGreaterThan(0);
    const [first] = await client.calls(ALL).toArray();
    expect((await client.call(first!.id)).id).toBe(first!.id);
  });

  it('reads Gong\'s 404 "no calls" as an empty list, in one request', async () => {
    const sim = await simulator({ calls: 50 });
    const { client } = clientFor(sim);
    expect(await client.calls({ from: '1990-01-01', to: '1990-01-02' }).toArray()).toEqual([]);
    expect(await client.callsExtensive({ from: '1990-01-01', to: '1990-01-02' }).toArray()).toEqual([]);
    expect(requestsTo(sim, 'GET /v2/calls')).toBe(1);
  });

  it('reports an expired cursor with progress and does not restart the sequence', async () => {
    const sim = await simulator({ calls: 450, cursorTtlMs: 60_000 });
    const { client } = clientFor(sim);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of client.calls(ALL).pages()) {
        seen.push(...page.items.map((c) => c.id));
        sim.advance(61_000);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongCursorExpiredError);
    expect((error as GongCursorExpiredError).progress).toMatchObject({ pages: 1, records: seen.length });
    expect(requestsTo(sim, 'GET /v2/calls')).toBe(2);
  });
});

describe('GongClient × simulator: faults', () => {
  /**
   * Walks all calls through a simulator with `faults` and checks the client still gets exactly
   * what a fault-free simulator serves, and that the faults really happened.
   */
  async function walkWithFaults(faults: string, expectFaults: string[], options: Partial<GongClientOptions> = {}) {
    const clean = await simulator();
    const truth = (await clientFor(clean).client.calls(ALL).toArray()).map((c) => c.id);
    // The fault draws come from a seeded PRNG; seed 7 puts several hits in these ~12 requests.
    const sim = await simulator({ faults, faultSeed: 7 });
    const { client, events } = clientFor(sim, options);
    const ids = (await client.calls(ALL).toArray()).map((c) => c.id);
    expect(ids).toEqual(truth);
    const hit = new Set(sim.log.entries.map((e) => e.fault));
    for (const kind of expectFaults) expect(hit).toContain(kind);
    return { sim, client, events };
  }

  it('obeys 429s (Retry-After) and still gets every call', async () => {
    const { events, sim } = await walkWithFaults('429=0.3', ['429']);
    expect(events.filter((e) => e.type === 'rate-limited')).toHaveLength(sim.log.entries.filter((e) => e.status === 429).length);
    // Retry-After: 1 s was obeyed, not a short backoff.
    expect(events.filter((e) => e.type === 'retry' && e.reason === 'rate-limited').every((e) => e.type === 'retry' && e.delayMs === 1000)).toBe(true);
  });

  it('rides out 5xx bursts, JSON 500s and HTML gateway pages alike', async () => {
    const { events } = await walkWithFaults('5xx=0.3', ['5xx']);
    expect(events.some((e) => e.type === 'retry' && e.reason === 'server-error')).toBe(true);
  });

  it('rides out connection resets', async () => {
    const { events } = await walkWithFaults('reset=0.3', ['reset']);
    expect(events.some((e) => e.type === 'retry' && e.reason === 'connection')).toBe(true);
  });

  it('times out slow answers and retries them', async () => {
    // The simulator does not log a request whose client hung up, so count the timeouts client-side.
    const { events, client, sim } = await walkWithFaults('slow=0.3:800ms', [], { timeoutMs: 300 });
    const timeouts = events.filter((e) => e.type === 'retry' && e.reason === 'timeout').length;
    expect(timeouts).toBeGreaterThan(0);
    expect(client.requestsSent).toBe(sim.log.count() + timeouts);
  });

  it('retries malformed and truncated bodies', async () => {
    const { events } = await walkWithFaults('malformed=0.2,truncate=0.2', ['malformed', 'truncate']);
    expect(events.some((e) => e.type === 'retry' && e.reason === 'protocol')).toBe(true);
  });

  it('survives a mix of every transient fault on POST /v2/calls/extensive', async () => {
    const clean = await simulator({ calls: 400 });
    const truth = (await clientFor(clean).client.callsExtensive(ALL).toArray()).map((c) => c.metaData.id);
    const sim = await simulator({ calls: 400, faults: '5xx=0.1,reset=0.1,429=0.1,malformed=0.05,truncate=0.05', faultSeed: 7 });
    const ids = (await clientFor(sim).client.callsExtensive(ALL).toArray()).map((c) => c.metaData.id);
    expect(ids).toEqual(truth);
  });

  it('stops with GongQuotaExhaustedError when Gong asks for an hour (429 storm)', async () => {
    const sim = await simulator({ calls: 50, faults: '429storm=1:3600s' });
    const { client } = clientFor(sim);
    const error = await client.users().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongQuotaExhaustedError);
    expect((error as GongQuotaExhaustedError).reason).toBe('retry-after');
    expect(sim.log.count()).toBe(1);
  });

  it('refuses a repeated cursor instead of looping', async () => {
    const sim = await simulator({ calls: 600, faults: 'repeatcursor=1' });
    const { client } = clientFor(sim);
    const error = await client.calls(ALL).toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongRepeatedCursorError);
    expect(requestsTo(sim, 'GET /v2/calls')).toBeLessThanOrEqual(2);
  });
});

describe('GongClient × simulator: daily budget', () => {
  it('stops at the client budget without sending more', async () => {
    // The budget counts per UTC day of Gong's clock; a simulator on today's date keeps the first
    // request (counted before any Date header was seen) on the same day as the rest.
    const sim = await simulator({ calls: 1200, now: Date.now() });
    const { client } = clientFor(sim, { budget: { dailyLimit: 3 } });
    const error = await client.calls(ALL).toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongQuotaExhaustedError);
    expect((error as GongQuotaExhaustedError).reason).toBe('budget');
    expect(sim.log.count()).toBe(3);
    expect(client.budget!.remaining()).toBe(0);
  });

  it('follows Gong\'s clock from the Date header', async () => {
    const sim = await simulator({ calls: 10 });
    const { client } = clientFor(sim);
    await client.workspaces();
    expect(Math.abs(client.serverNow() - SIM_NOW)).toBeLessThan(2000);
  });
});

describe('GongClient × simulator: credentials and scopes', () => {
  it('refuses bad credentials with GongAuthError and does not retry', async () => {
    const sim = await simulator({ calls: 10 });
    const client = new GongClient({ baseUrl: sim.url, accessKey: sim.credentials.accessKey, accessKeySecret: 'wrong-secret', rateLimit: false });
    await expect(client.users().toArray()).rejects.toBeInstanceOf(GongAuthError);
    await expect(client.calls(ALL).toArray()).rejects.toBeInstanceOf(GongAuthError);
    expect(client.requestsSent).toBe(2);
  });

  it('names the missing scope of a bearer token', async () => {
    const sim = await simulator({ calls: 10, tokens: { 'token-without-transcripts': ['api:calls:read:basic', 'api:users:read'] } });
    const client = new GongClient({ baseUrl: sim.url, accessToken: 'token-without-transcripts', rateLimit: false });
    expect((await client.calls(ALL).toArray()).length).toBeGreaterThan(0);
    const error = await client.transcripts({ callIds: ['1234567890123456789'] }).toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongScopeError);
    expect((error as GongScopeError).scope).toBe('api:calls:read:transcript');
  });
});

describe('GongClient × simulator: throttle', () => {
  it('keeps the peak at or under 3 requests per second, without a single 429', async () => {
    const sim = await simulator({ calls: 1200, frozenClock: false, rateLimit: { perSecond: 3, daily: 10_000 } });
    const { client, events } = clientFor(sim, { rateLimit: '3/s' });
    await client.calls(ALL).toArray();
    expect(requestsTo(sim, 'GET /v2/calls')).toBeGreaterThanOrEqual(10);
    expect(sim.log.peakPerSecond()).toBeLessThanOrEqual(3);
    expect(events.some((e) => e.type === 'response' && e.status === 429)).toBe(false);
    expect(events.some((e) => e.type === 'throttle-wait')).toBe(true);
  });
});
