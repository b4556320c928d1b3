import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCompany, startSimulator, type Company, type Simulator } from '../../../src/simulator/index.js';
import { ManualClock } from '../../../src/util/clock.js';
import { basicAuth, get, NOW, post } from './helpers.js';

let company: Company;
let sim: Simulator;
beforeAll(async () => {
  company = generateCompany({ seed: 9, calls: 600, now: NOW });
  sim = await startSimulator({ company, rateLimit: false, frozenClock: true, pageSize: 50 });
});
afterAll(() => sim.close());

const raw = (path: string) => fetch(sim.url + path, { headers: { authorization: basicAuth(sim) } });
const lastEntry = () => sim.log.entries.at(-1)!;

describe('faults produce what they say', () => {
  it('reset: the connection dies, fetch rejects', async () => {
    for (const mode of ['before', 'mid']) {
      sim.setFaults(`reset=1:${mode}`);
      await expect(raw('/v2/users').then((r) => r.text())).rejects.toThrow();
    }
    sim.setFaults('');
    expect((await get(sim, '/v2/users')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(sim.log.entries.filter((e) => e.fault === 'reset').length).toBe(2);
  });

  it('malformed: a 200 whose body is not JSON', async () => {
    sim.setFaults('malformed=1');
    const res = await raw('/v2/users');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"requestId"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    sim.setFaults([]);
  });

  it('truncate: the full Content-Length is announced but the body stops half way', async () => {
    sim.setFaults('truncate=1');
    const res = await raw('/v2/users');
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
    await expect(res.text()).rejects.toThrow();
    sim.setFaults('');
  });

  it('5xx: 500 as Gong JSON, 502–504 as a gateway page', async () => {
    sim.setFaults('5xx=1:500');
    const five = await get(sim, '/v2/users');
    expect(five.status).toBe(500);
    expect(five.body.errors).toEqual(['Internal server error occurred']);
    sim.setFaults('5xx=1:503');
    const gateway = await raw('/v2/users');
    expect(gateway.status).toBe(503);
    expect(gateway.headers.get('content-type')).toMatch(/text\/html/);
    expect(await gateway.text()).toMatch(/503/);
    expect(lastEntry()).toMatchObject({ status: 503, fault: '5xx' });
    sim.setFaults('');
  });

  it('429 and 429storm: short and long Retry-After', async () => {
    sim.setFaults('429=1:2s');
    const short = await get(sim, '/v2/users');
    expect(short.status).toBe(429);
    expect(short.headers.get('retry-after')).toBe('2');
    sim.setFaults('429storm=1:7200s');
    const storm = await get(sim, '/v2/users');
    expect(storm.status).toBe(429);
    expect(storm.headers.get('retry-after')).toBe('7200');
    sim.setFaults('');
  });

  it('slow: the answer comes after the delay', async () => {
    sim.setFaults('slow=1:300ms');
    const t0 = performance.now();
    expect((await get(sim, '/v2/workspaces')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    sim.setFaults('');
  });

  it('expire: pages after the first answer "cursor has expired"', async () => {
    sim.setFaults('expire=1');
    const body = { filter: {} };
    const first = await post(sim, '/v2/calls/extensive', body);
    expect(first.status).toBe(200);
    const second = await post(sim, '/v2/calls/extensive', { ...body, cursor: first.body.records.cursor });
    expect(second.status).toBe(400);
    expect(second.body.errors[0]).toContain('cursor has expired');
    sim.setFaults('');
  });

  it('repeatcursor: a page hands back the cursor it was asked with', async () => {
    const q = '/v2/calls';
    const first = await get(sim, q);
    sim.setFaults('repeatcursor=1');
    const cursor = first.body.records.cursor;
    const second = await get(sim, `${q}?cursor=${encodeURIComponent(cursor)}`);
    expect(second.status).toBe(200);
    expect(second.body.records.currentPageNumber).toBe(1);
    expect(second.body.records.cursor).toBe(cursor);
    expect(lastEntry().fault).toBe('repeatcursor');
    sim.setFaults('');
  });

  it('draws the same faults for the same faultSeed', async () => {
    const run = async () => {
      const s = await startSimulator({ company, rateLimit: false, frozenClock: true, faults: '5xx=0.3:500,429=0.3', faultSeed: 77 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await get(s, '/v2/workspaces')).status);
      await s.close();
      return statuses;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 429, 500]));
  });

  it('refuses a bad spec with an error naming the token', async () => {
    expect(() => sim.setFaults('5xx=0.1,oops=1')).toThrow(/"oops=1"/);
    await expect(startSimulator({ company, faults: 'slow=abc' })).rejects.toThrow(/"slow=abc"/);
  });
});

describe('outage over HTTP', () => {
  it('serves N requests, fails every request for the span (gateway pages, resets), then serves again', async () => {
    const real = new ManualClock(0);
    const down = await startSimulator({ company, rateLimit: false, frozenClock: true, realClock: real, faults: 'outage=2:30s:5xx', faultSeed: 3 });
    try {
      const status = async () => (await fetch(down.url + '/v2/users', { headers: { authorization: basicAuth(down) } })).status;
      expect([await status(), await status()]).toEqual([200, 200]);
      const during: number[] = [];
      for (let i = 0; i < 6; i++) {
        during.push(await status());
        real.advance(5_000); // the 3rd request starts the outage at 0 s; requests at 0–25 s fail
      }
      expect(during.every((s) => s === 502 || s === 503)).toBe(true);
      expect(await status()).toBe(200); // at 30 s: over
      expect(down.log.entries.filter((e) => e.fault === 'outage')).toHaveLength(6);
      down.setFaults('outage=0:1m:reset');
      await expect(fetch(down.url + '/v2/users', { headers: { authorization: basicAuth(down) } }).then((r) => r.text())).rejects.toThrow();
    } finally {
      await down.close();
    }
  });
});
