import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GongClient } from '../../src/client/gong-client.js';
import { GongError } from '../../src/errors.js';
import { FAULT_KINDS, Prng, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { GongStore } from '../../src/store/gong-store.js';
import { syncGong } from '../../src/sync/sync-gong.js';
import { snapshot } from '../support/db-snapshot.js';
import type { Clock } from '../../src/util/clock.js';

/**
 * The fault campaign (RELIABILITY.md, "Fault campaign"): seeded random mixes of every fault the
 * simulator can inject. Each run must end with exactly the data of a clean run, or stop with a
 * clear, typed error and leave a database from which a fault-free run resumes to exactly that data.
 * Nothing may be lost.
 *
 * `npm run test:chaos` runs it at full size (PANDORA_GONG_CHAOS_RUNS, default 200 there);
 * `npm test` at a size that fits CI (30 runs: every stream now rides in each run).
 */
const RUNS = Number(process.env.PANDORA_GONG_CHAOS_RUNS ?? 30);
const CALLS = Number(process.env.PANDORA_GONG_CHAOS_CALLS ?? 300);
const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = NOW - 200 * 86_400_000;

interface Tally {
  runs: number;
  faultsInjected: number;
  byKind: Record<string, number>;
  equalToClean: number;
  stoppedCleanly: number;
  resumedEqual: number;
  lost: number;
  stopReasons: Record<string, number>;
}

let dir: string;
let sim: Simulator;
let reference: Awaited<ReturnType<typeof snapshot>>;
const tally: Tally = { runs: 0, faultsInjected: 0, byKind: {}, equalToClean: 0, stoppedCleanly: 0, resumedEqual: 0, lost: 0, stopReasons: {} };

/**
 * Real time, except that waits (backoff, Retry-After) pass at once and are added to the clock:
 * the client's decisions are the same, the campaign just does not sit through them.
 */
class SkippingClock implements Clock {
  private skipped = 0;
  now(): number {
    return Date.now() + this.skipped;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.skipped += Math.max(0, ms);
  }
}

function client(store: GongStore, timeoutMs: number): GongClient {
  return new GongClient({
    clock: new SkippingClock(),
    baseUrl: sim.url,
    accessKey: sim.credentials.accessKey,
    accessKeySecret: sim.credentials.accessKeySecret,
    rateLimit: false,
    budget: { store: store.budgetStore(), dailyLimit: 1_000_000 },
    retry: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 6 },
    timeoutMs,
  });
}

/**
 * The fault spec of run `run`: first one run per fault kind on its own (so every kind is
 * exercised whatever the draws; kinds that only hit requests carrying a cursor get a high
 * probability), then seeded mixes.
 */
function faultSpecFor(run: number): string {
  const solo = FAULT_KINDS[run];
  if (solo === undefined) return faultMix(1000 + run);
  if (solo === 'expire' || solo === 'repeatcursor') return `${solo}=0.6`;
  if (solo === 'slow') return 'slow=0.3:800ms';
  if (solo === '429storm') return '429storm=0.1:3600s';
  return `${solo}=0.3`;
}

/** A seeded mix: 2 to 5 fault kinds, each with its own probability and parameter. */
function faultMix(seed: number): string {
  const rng = new Prng(seed).derive('chaos');
  const kinds = [...FAULT_KINDS].sort(() => rng.next() - 0.5).slice(0, 2 + rng.int(0, 3));
  return kinds
    .map((kind) => {
      const p = (0.02 + rng.next() * 0.25).toFixed(3);
      if (kind === 'slow') return `slow=${p}:${400 + rng.int(0, 600)}ms`;
      if (kind === '5xx') return `5xx=${(Number(p) + 0.15).toFixed(3)}`; // bursts: often several in a row
      if (kind === '429storm') return `429storm=${(Number(p) / 4).toFixed(3)}:3600s`;
      if (kind === 'reset') return `reset=${p}:${rng.next() < 0.5 ? 'before' : 'mid'}`;
      return `${kind}=${p}`;
    })
    .join(',');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pgong-chaos-'));
  sim = await startSimulator({ seed: 21, calls: CALLS, now: NOW, frozenClock: true, rateLimit: false });
  const store = await openStore(join(dir, 'reference.db'));
  await syncGong({ client: client(store, 5_000), store, since: SINCE });
  reference = await snapshot(store);
  await store.close();
});

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nFault campaign: ${JSON.stringify(tally, null, 2)}`);
});

describe(`fault campaign: ${RUNS} seeded runs`, () => {
  it('ends every run with the clean data, or stops cleanly and resumes to it; loses nothing', { timeout: 60 * 60_000 }, async () => {
    for (let run = 0; run < RUNS; run++) {
      const spec = faultSpecFor(run);
      sim.setFaults(spec);
      sim.log.reset();
      const store = await openStore(join(dir, `run-${run}.db`));
      try {
        let stopped: string | undefined;
        try {
          const report = await syncGong({ client: client(store, 300), store, since: SINCE });
          if (report.status !== 'completed') stopped = `stopped:${report.stopReason}`;
        } catch (error) {
          // A clean stop is a typed error with a one-line message, never a crash of another kind.
          expect(error, `run ${run} (${spec})`).toBeInstanceOf(GongError);
          expect((error as Error).message).not.toMatch(/\n/);
          stopped = `error:${(error as Error).name}`;
        }
        const injected = sim.log.entries.filter((e) => e.fault);
        tally.faultsInjected += injected.length;
        for (const e of injected) tally.byKind[e.fault!] = (tally.byKind[e.fault!] ?? 0) + 1;
        tally.runs++;
        if (stopped === undefined) {
          const equal = JSON.stringify(await snapshot(store)) === JSON.stringify(reference);
          if (equal) tally.equalToClean++;
          else tally.lost++;
          expect(equal, `run ${run} (${spec}) completed with different data`).toBe(true);
          continue;
        }
        tally.stoppedCleanly++;
        tally.stopReasons[stopped] = (tally.stopReasons[stopped] ?? 0) + 1;
        sim.setFaults('');
        const resumed = await syncGong({ client: client(store, 5_000), store, since: SINCE });
        expect(resumed.status).toBe('completed');
        const equal = JSON.stringify(await snapshot(store)) === JSON.stringify(reference);
        if (equal) tally.resumedEqual++;
        else tally.lost++;
        expect(equal, `run ${run} (${spec}) did not resume to the clean data`).toBe(true);
      } finally {
        await store.close();
      }
    }
    expect(tally.lost).toBe(0);
    expect(tally.runs).toBe(RUNS);
    // The campaign is only worth something if it actually hurt: every fault kind fired.
    for (const kind of FAULT_KINDS) expect(tally.byKind[kind] ?? 0, kind).toBeGreaterThan(0);
  });
});
