import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GongClient } from '../../../src/client/gong-client.js';
import type { ClientEvent } from '../../../src/client/client-events.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { openStore } from '../../../src/store/open-store.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { DAY } from '../../../src/util/time.js';

/**
 * The sync reads one page ahead (src/sync/engine/read-ahead.ts): while a page of calls commits,
 * the request for the next page is already on the wire, so Gong's time to answer and ours to
 * write overlap. Seen from inside a page's transaction: the simulator has already received the
 * next request. And when a run ends early, the page read ahead does not outlive it.
 */
const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = NOW - 120 * DAY;
const EXTENSIVE = 'POST /v2/calls/extensive';

const dir = mkdtempSync(join(tmpdir(), 'pgong-read-ahead-'));
const open: { sims: Simulator[]; stores: GongStore[] } = { sims: [], stores: [] };
afterAll(async () => {
  await Promise.all(open.stores.map((s) => s.close()));
  await Promise.all(open.sims.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function setup(name: string, onEvent?: (e: ClientEvent) => void, faults?: string) {
  const sim = await startSimulator({ seed: 11, calls: 250, now: NOW, frozenClock: true, rateLimit: false, pageSize: 50, ...(faults ? { faults, faultSeed: 1 } : {}) });
  open.sims.push(sim);
  const store = await openStore(join(dir, `${name}.db`));
  open.stores.push(store);
  const client = new GongClient({
    baseUrl: sim.url,
    accessKey: sim.credentials.accessKey,
    accessKeySecret: sim.credentials.accessKeySecret,
    rateLimit: false,
    ...(onEvent ? { onEvent } : {}),
  });
  return { sim, store, client };
}

/** Resolves when `ready()` holds, or fails after `ms`. */
async function until(ready: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('reading one page ahead', () => {
  it('puts the next page’s request on the wire while the current page commits, and ends with every call', { timeout: 60_000 }, async () => {
    const { sim, store, client } = await setup('overlap');
    // How many pages the window has: a first sync into another store, then the log starts again.
    const scratch = await openStore(join(dir, 'overlap-scratch.db'));
    open.stores.push(scratch);
    await syncGong({ client, store: scratch, since: SINCE, streams: ['calls'] });
    const pages = sim.log.count(EXTENSIVE);
    expect(pages).toBeGreaterThanOrEqual(4);
    sim.log.reset();

    const requestsSeenInsideCommit: number[] = [];
    let page = 0;
    const report = await syncGong({
      client,
      store,
      since: SINCE,
      streams: ['calls'],
      callsPageHook: {
        // Inside the page's transaction: wait (a while at most) for Gong to have the next request.
        withinPage: async () => {
          const current = ++page;
          if (current < pages) await until(() => sim.log.count(EXTENSIVE) > current, 10_000, `request ${current + 1}`).catch(() => {});
          requestsSeenInsideCommit.push(sim.log.count(EXTENSIVE));
        },
      },
    });
    expect(report.status).toBe('completed');
    // Every page but the last saw the next request arrive while it was being committed.
    expect(requestsSeenInsideCommit).toEqual(Array.from({ length: pages }, (_, i) => Math.min(i + 2, pages)));
    expect((await store.counts()).gong_calls).toBe(report.stats.calls);
  });

  it('cancels the page read ahead when the run ends early, instead of waiting for it or letting it run on', { timeout: 60_000 }, async () => {
    const events: ClientEvent[] = [];
    // Every answer takes 2 s: the request read ahead is still in flight when the run fails.
    const { sim, store, client } = await setup('early-end', (e) => events.push(e), 'slow=1:2s');
    let page = 0;
    const run = syncGong({
      client,
      store,
      since: SINCE,
      streams: ['calls'],
      callsPageHook: {
        withinPage: async () => {
          if (++page === 2) throw new Error('the disk is full');
        },
      },
    });
    await expect(run).rejects.toThrow('the disk is full');
    const ended = events.length;
    // The page read ahead (the third request) was on the wire when the run failed.
    expect(events.filter((e) => e.type === 'request' && e.endpoint === EXTENSIVE)).toHaveLength(3);
    // Wait longer than an answer takes (the slowest of the two seen, and a second more).
    const answerMs = Math.max(...events.map((e) => (e.type === 'response' ? e.ms : 0)));
    await new Promise((resolve) => setTimeout(resolve, answerMs + 1_000));
    // Its answer was never waited for: cancelled when the run ended, silently (no network error).
    expect(events.slice(ended)).toEqual([]);
    expect(events.filter((e) => e.type === 'response' && e.endpoint === EXTENSIVE)).toHaveLength(2);
    expect(sim.log.count(EXTENSIVE)).toBeLessThanOrEqual(3);
  });
});
