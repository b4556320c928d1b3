import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { GongClient } from '../../../src/client/gong-client.js';
import type { ClientEvent } from '../../../src/client/client-events.js';
import { jsonLinesProgress } from '../../../src/cli/progress/json-lines-progress.js';
import { ProgressTally } from '../../../src/cli/progress/progress-reporter.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { openStore } from '../../../src/store/open-store.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { DAY } from '../../../src/util/time.js';
import { snapshot } from '../../support/db-snapshot.js';

/**
 * Gong down for 20 s of real time in the middle of a backfill (the simulator's `outage` fault):
 * the sync waits it out with the client's retry loop and its real clock, says so on the progress
 * stream, and ends with exactly the data of a clean run. Wall time: the outage plus a few seconds.
 */
const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = NOW - 120 * DAY;
const OUTAGE_MS = 20_000;

const dir = mkdtempSync(join(tmpdir(), 'pgong-outage-'));
const open: { sims: Simulator[]; stores: GongStore[] } = { sims: [], stores: [] };
afterAll(async () => {
  await Promise.all(open.stores.map((s) => s.close()));
  await Promise.all(open.sims.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** The real clock; a backoff capped at 4 s (instead of 60 s) so the test ends soon after the outage. */
function client(sim: Simulator, store: GongStore, onEvent?: (e: ClientEvent) => void): GongClient {
  return new GongClient({
    baseUrl: sim.url,
    accessKey: sim.credentials.accessKey,
    accessKeySecret: sim.credentials.accessKeySecret,
    rateLimit: false,
    budget: { store: store.budgetStore() },
    retry: { baseDelayMs: 250, maxDelayMs: 4_000 },
    timeoutMs: 10_000,
    ...(onEvent ? { onEvent } : {}),
  });
}

async function freshStore(name: string): Promise<GongStore> {
  const store = await openStore(join(dir, `${name}.db`));
  open.stores.push(store);
  return store;
}

describe('an outage of Gong mid-backfill', () => {
  it('is waited out: the sync completes with the clean data and reports Gong unavailable, retrying', { timeout: 90_000 }, async () => {
    const sim = await startSimulator({ seed: 7, calls: 400, now: NOW, frozenClock: true, rateLimit: false, faultSeed: 5 });
    open.sims.push(sim);

    const cleanStore = await freshStore('clean');
    expect((await syncGong({ client: client(sim, cleanStore), store: cleanStore, since: SINCE })).status).toBe('completed');
    const clean = await snapshot(cleanStore);
    const cleanRequests = sim.log.entries.length;
    expect(clean.gong_calls!.length).toBeGreaterThan(100);

    // From the middle of the backfill, every request fails for 20 s: 502/503 pages and resets.
    const after = Math.floor(cleanRequests / 2);
    sim.setFaults(`outage=${after}:${OUTAGE_MS / 1000}s`);
    sim.log.reset();
    const lines = new PassThrough();
    let output = '';
    lines.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const progress = jsonLinesProgress(lines);
    const tally = new ProgressTally();
    const retries: Extract<ClientEvent, { type: 'retry' }>[] = [];
    let shownUnavailable = 0;
    const onEvent = (event: ClientEvent) => {
      progress.client(event);
      tally.apply(event, Date.now());
      if (event.type === 'retry') retries.push(event);
      // What the progress bar shows: "Gong unavailable, retrying in N s".
      if (tally.waiting?.reason === 'unavailable') shownUnavailable++;
    };
    const store = await freshStore('outage');
    const started = performance.now();
    const report = await syncGong({ client: client(sim, store, onEvent), store, since: SINCE, onProgress: (e) => progress.sync(e) });
    const wallMs = performance.now() - started;

    expect(report.status).toBe('completed');
    expect(await snapshot(store)).toEqual(clean);

    // The outage happened where asked and lasted its span.
    const failed = sim.log.entries.filter((e) => e.fault === 'outage');
    expect(failed.length).toBeGreaterThan(3);
    expect(sim.log.entries.findIndex((e) => e.fault === 'outage')).toBe(after);
    expect(new Set(failed.map((e) => e.status)).size).toBeGreaterThan(1); // gateway pages and resets
    expect(wallMs).toBeGreaterThan(OUTAGE_MS);

    // The client retried through it, for about the outage's span, as server errors and lost connections.
    expect(retries.length).toBe(failed.length);
    expect(new Set(retries.map((r) => r.reason))).toEqual(new Set(['server-error', 'connection']));
    const longest = Math.max(...retries.map((r) => r.failingForMs));
    expect(longest).toBeGreaterThan(OUTAGE_MS - 5_000);
    expect(longest).toBeLessThan(OUTAGE_MS + 1_000);
    expect(shownUnavailable).toBe(retries.length);
    const retryLines = output
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.event === 'retry');
    expect(retryLines).toHaveLength(retries.length);
    expect(retryLines.at(-1)).toMatchObject({ event: 'retry', reason: expect.stringMatching(/server-error|connection/) });
  });
});
