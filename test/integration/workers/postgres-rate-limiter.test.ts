import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GongClient } from '../../../src/client/gong-client.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { fleetSpacingMs, PostgresRateLimiter } from '../../../src/workers/postgres-rate-limiter.js';
import { startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';

let pg: TestPostgres;
// Separate stores stand for separate worker processes: separate pools, one database.
const stores: GongStore[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  for (let i = 0; i < 3; i++) stores.push(await openStore(pg.url));
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await pg?.stop();
});

describe('the PostgreSQL-shared rate limiter (GCRA, one row per limit key)', () => {
  it('spaces request starts across pools as one limiter would, and keys apart', async () => {
    const spacing = 60;
    const starts: number[] = [];
    const other: number[] = [];
    const limiters = stores.map((s) => new PostgresRateLimiter(s.allTenants, 'shared', spacing));
    const loops = limiters.flatMap((limiter) =>
      [0, 1].map(async () => {
        for (let i = 0; i < 5; i++) {
          await limiter.acquire();
          starts.push(performance.now());
        }
      }),
    );
    // Another company's key is not slowed down by this one.
    const separate = new PostgresRateLimiter(stores[0]!.allTenants, 'another-company', spacing);
    const began = performance.now();
    loops.push(
      (async () => {
        for (let i = 0; i < 3; i++) {
          await separate.acquire();
          other.push(performance.now() - began);
        }
      })(),
    );
    await Promise.all(loops);
    starts.sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(starts).toHaveLength(30);
    // Wake-up jitter of a few ms either way; never a pair squeezed together.
    expect(Math.min(...gaps)).toBeGreaterThan(spacing * 0.75);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThan(29 * spacing * 0.95);
    expect(other.at(-1)!).toBeLessThan(4 * spacing);
  });

  it('gives up a slot the request did not reach the wire in time for, and takes a new one', async () => {
    const limiter = new PostgresRateLimiter(stores[0]!.allTenants, 'confirm-check', 100);
    await limiter.acquire();
    expect(await limiter.confirm()).toBe(0);
    await limiter.acquire();
    await new Promise((r) => setTimeout(r, 60)); // an OAuth refresh between the throttle and the wire
    const began = performance.now();
    await limiter.confirm();
    expect(limiter.skipped).toBe(1);
    // The spoiled slot still counts: the new one is a full spacing after it.
    expect(performance.now() - began).toBeGreaterThan(25);
  });

  it('moves every slot not yet handed out, in any pool, after a request that reached the socket late', async () => {
    const spacing = 100;
    const first = new PostgresRateLimiter(stores[0]!.allTenants, 'late-wire', spacing);
    const second = new PostgresRateLimiter(stores[1]!.allTenants, 'late-wire', spacing);
    await first.acquire();
    first.sentLate(3); // jitter within the margin: nothing moves
    await first.settled();
    expect(first.shifted).toBe(0);
    await first.acquire();
    const granted = performance.now();
    await new Promise((r) => setTimeout(r, 250)); // the request spends 250 ms opening a connection
    first.sentLate(performance.now() - granted); // then its headers go out (the transport reports it)
    await first.settled();
    expect(first.shifted).toBe(1);
    // Another process's next slot is a spacing after the late request's real send, not after its slot.
    await second.acquire();
    // Without the move it would have had its slot at once (the late slot's spacing had passed).
    expect(performance.now() - granted).toBeGreaterThan(250 + spacing * 0.8);
  });

  it('keeps three clients on three pools at or under a company\'s 3 requests per second, with no 429', async () => {
    const sim: Simulator = await startSimulator({ seed: 3, calls: 50, rateLimit: { perSecond: 3, daily: 10_000 } });
    try {
      const spacing = fleetSpacingMs('3/s');
      const clients = stores.map(
        (s) =>
          new GongClient({
            baseUrl: sim.url,
            accessKey: sim.credentials.accessKey,
            accessKeySecret: sim.credentials.accessKeySecret,
            rateLimit: new PostgresRateLimiter(s.allTenants, 'sim-company', spacing),
            budget: false,
            retry: { maxAttempts: 1 },
          }),
      );
      await Promise.all(clients.map(async (c) => {
        for (let i = 0; i < 5; i++) await c.request({ method: 'GET', path: '/v2/workspaces' });
      }));
      expect(sim.log.count()).toBe(15);
      expect(sim.log.entries.filter((e) => e.status === 429)).toEqual([]);
      expect(sim.log.peakPerSecond()).toBeLessThanOrEqual(3);
    } finally {
      await sim.close();
    }
  });
});
