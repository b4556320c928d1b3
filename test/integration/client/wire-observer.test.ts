import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GongClient } from '../../../src/client/gong-client.js';
import { observeWire } from '../../../src/client/wire-observer.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';

/**
 * When a request really reaches the socket (undici's `sendHeaders`), and what the throttle does
 * with it: a request that leaves late (a connection opened first) moves the slots after it, so
 * arrivals at Gong keep the spacing even though the slots alone would not.
 */
let server: Server;
let url: string;
const arrivals: { path: string; at: number }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    arrivals.push({ path: req.url ?? '', at: performance.now() });
    req.resume();
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('observeWire', () => {
  it('reports once, for the request made inside it, when its headers went out; concurrent calls apart', async () => {
    const seen: Record<string, number[]> = { a: [], b: [] };
    const before = performance.now();
    await Promise.all(
      (['a', 'b'] as const).map((name) =>
        observeWire(
          (at) => seen[name]!.push(at),
          async () => (await fetch(`${url}/${name}`)).text(),
        ),
      ),
    );
    // A request made outside any observation is reported to nobody.
    await (await fetch(`${url}/outside`)).text();
    expect(seen.a).toHaveLength(1);
    expect(seen.b).toHaveLength(1);
    for (const name of ['a', 'b'] as const) {
      const arrival = arrivals.find((x) => x.path === `/${name}`)!.at;
      expect(seen[name]![0]!).toBeGreaterThanOrEqual(before);
      expect(seen[name]![0]!).toBeLessThanOrEqual(arrival);
    }
  });

  it('reports nothing for a fetch that is not undici, and the request still completes', async () => {
    let told = 0;
    const text = await observeWire(() => told++, async () => 'not undici');
    expect(text).toBe('not undici');
    expect(told).toBe(0);
  });
});

describe('the throttle and a request that leaves late', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, calls: 400, rateLimit: { perSecond: 3, daily: 10_000 } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('keeps arrivals a spacing apart when the first request spends 250 ms before reaching the socket', async () => {
    let calls = 0;
    // Stands for a connection being opened (TCP, TLS) after the slot and before the headers go out.
    const slowFirstConnect: typeof fetch = async (input, init) => {
      if (calls++ === 0) await new Promise((r) => setTimeout(r, 250));
      return fetch(input, init);
    };
    const client = new GongClient({ baseUrl: sim.url, accessKey: sim.credentials.accessKey, accessKeySecret: sim.credentials.accessKeySecret, rateLimit: '3/s', budget: false, fetch: slowFirstConnect });
    sim.log.reset();
    await client.calls({ from: '2000-01-01', to: '2099-01-01' }).toArray();
    const at = sim.log.entries.map((e) => e.at);
    expect(at.length).toBeGreaterThanOrEqual(4);
    // Without the move, the second request arrives ~100 ms after the first (348 ms spacing - 250 ms).
    expect(at[1]! - at[0]!).toBeGreaterThan(300);
    expect(sim.log.peakPerSecond()).toBeLessThanOrEqual(3);
    expect(sim.log.entries.filter((e) => e.status === 429)).toEqual([]);
  });
});
