import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GongClient } from '../../../src/client/gong-client.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { systemClock, type Clock } from '../../../src/util/clock.js';
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

/**
 * How far the database's clock may be ahead of this process's, at most (ms): its reading, minus
 * ours from before the query. The same host gives ~0; a server elsewhere (PANDORA_GONG_TEST_PG)
 * may differ.
 */
async function databaseClockAheadAtMost(store: GongStore): Promise<number> {
  const before = Date.now();
  const { rows } = await sql<{ now_ms: string | number }>`SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now_ms`.execute(store.allTenants);
  return Number(rows[0]!.now_ms) - before;
}

/** The real clock, noting every wait a limiter asks for (the schedule's answer, not the machine's speed). */
function recordingClock(waits: number[]): Clock {
  return { now: () => systemClock.now(), sleep: (ms, signal) => (waits.push(ms), systemClock.sleep(ms, signal)) };
}

// What these tests check is the schedule the database hands out (slots on PostgreSQL's clock, the
// waits it asks for) and the order of events, never how fast a loaded machine runs: a wall-clock
// limit measured in this process counts every event-loop stall and query round trip against the
// limiter (the CI machine has 2 shared cores).
describe('the PostgreSQL-shared rate limiter (GCRA, one row per limit key)', () => {
  it('spaces request starts across pools as one limiter would, and keys apart', async () => {
    const spacing = 60;
    const granted: { slot: number; startedAt: number }[] = [];
    const otherWaits: number[] = [];
    const limiters = stores.map((s) => new PostgresRateLimiter(s.allTenants, 'shared', spacing));
    const loops = limiters.flatMap((limiter) =>
      [0, 1].map(async () => {
        for (let i = 0; i < 5; i++) {
          await limiter.acquire();
          granted.push({ slot: limiter.lastSlotAt, startedAt: Date.now() });
        }
      }),
    );
    // Another company's key is not slowed down by this one.
    const separate = new PostgresRateLimiter(stores[0]!.allTenants, 'another-company', spacing, { clock: recordingClock(otherWaits) });
    loops.push(
      (async () => {
        for (let i = 0; i < 3; i++) await separate.acquire();
      })(),
    );
    await Promise.all(loops);
    expect(granted).toHaveLength(30);
    const slots = granted.map((g) => g.slot).sort((a, b) => a - b);
    // One schedule for the three pools: every slot a full spacing after the one before (a pool
    // with a schedule of its own would put two slots together)…
    const gaps = slots.slice(1).map((t, i) => t - slots[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(spacing - 0.01);
    expect(slots.at(-1)! - slots[0]!).toBeGreaterThanOrEqual(29 * (spacing - 0.01));
    // …and no request started before its slot (on the database's clock; 2 ms for the millisecond
    // rounding of timers and Date.now()).
    const ahead = await databaseClockAheadAtMost(stores[0]!);
    for (const g of granted) expect(g.startedAt + ahead).toBeGreaterThanOrEqual(g.slot - 2);
    // The other key never waited behind this one's booked slots: at most its own spacing.
    expect(Math.max(0, ...otherWaits)).toBeLessThanOrEqual(spacing + 0.01);
  });

  it('gives up a slot the request did not reach the wire in time for, and takes a new one', async () => {
    const limiter = new PostgresRateLimiter(stores[0]!.allTenants, 'confirm-check', 100);
    await limiter.acquire();
    expect(await limiter.confirm()).toBe(0);
    expect(limiter.skipped).toBe(0);
    await limiter.acquire();
    const spoiled = limiter.lastSlotAt;
    await new Promise((r) => setTimeout(r, 60)); // an OAuth refresh between the throttle and the wire
    await limiter.confirm();
    expect(limiter.skipped).toBe(1);
    // The spoiled slot still counts: the new one is a full spacing after it.
    expect(limiter.lastSlotAt - spoiled).toBeGreaterThanOrEqual(100 - 0.01);
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
    const lateSlot = first.lastSlotAt;
    await new Promise((r) => setTimeout(r, 250)); // the request spends 250 ms opening a connection
    const late = performance.now() - granted;
    first.sentLate(late); // then its headers go out (the transport reports it)
    await first.settled();
    expect(first.shifted).toBe(1);
    // Another process's next slot is a spacing after the late request's real send, not after its
    // slot (without the move it would have been a spacing after the slot, long passed).
    await second.acquire();
    expect(second.lastSlotAt - lateSlot).toBeGreaterThanOrEqual(late + spacing - 0.01);
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
