import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GongClient } from '../../../src/client/gong-client.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { openStore } from '../../../src/store/open-store.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { syncGong, type SyncOptions } from '../../../src/sync/sync-gong.js';
import type { SyncEvent } from '../../../src/sync/sync-events.js';
import { formatTranscript } from '../../../src/transcript/format-transcript.js';
import { DAY, HOUR } from '../../../src/util/time.js';
import { snapshot } from '../../support/db-snapshot.js';

const CALLS = 1500;
const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = NOW - 120 * DAY;

const open: { sims: Simulator[]; stores: GongStore[]; dirs: string[] } = { sims: [], stores: [], dirs: [] };
afterEach(async () => {
  await Promise.all(open.stores.splice(0).map((s) => s.close()));
  await Promise.all(open.sims.splice(0).map((s) => s.close()));
  for (const d of open.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function simulator(options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  const sim = await startSimulator({ seed: 7, calls: CALLS, now: NOW, frozenClock: true, rateLimit: false, ...options });
  open.sims.push(sim);
  return sim;
}

async function freshStore(): Promise<GongStore> {
  const dir = mkdtempSync(join(tmpdir(), 'pgong-sync-'));
  open.dirs.push(dir);
  const store = await openStore(join(dir, 'test.db'));
  open.stores.push(store);
  return store;
}

function client(sim: Simulator, store: GongStore, extra: ConstructorParameters<typeof GongClient>[0] = {}): GongClient {
  return new GongClient({
    baseUrl: sim.url,
    credentials: undefined,
    accessKey: sim.credentials.accessKey,
    accessKeySecret: sim.credentials.accessKeySecret,
    rateLimit: false,
    budget: { store: store.budgetStore() },
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 8 },
    timeoutMs: 5_000,
    ...extra,
  });
}

async function sync(sim: Simulator, store: GongStore, options: Partial<SyncOptions> = {}, clientOptions = {}) {
  const events: SyncEvent[] = [];
  const report = await syncGong({ client: client(sim, store, clientOptions), store, since: SINCE, onProgress: (e) => events.push(e), ...options });
  return { report, events };
}

/** What a complete sync at simulated time `at` must hold, from the simulator's ground truth. */
function expectedCalls(sim: Simulator, from: number, at: number) {
  return sim.company.calls.filter((c) => c.startedMs >= from && c.startedMs < at && sim.company.isVisible(c, at) && !sim.company.isPrivateAt(c, at));
}

describe('sync against the simulator', () => {
  it('first sync stores every visible non-private call, party, user and ready transcript, exactly', async () => {
    const sim = await simulator();
    const store = await freshStore();
    const { report } = await sync(sim, store);
    expect(report.status).toBe('completed');

    const expected = expectedCalls(sim, SINCE, NOW);
    const snap = await snapshot(store);
    expect(snap.gong_calls!.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(snap.gong_users!.map((u) => u.id).sort()).toEqual(sim.company.users.map((u) => u.id).sort());

    // Values, not just ids: a sample of calls checked field by field against the ground truth.
    for (const call of expected.filter((_, i) => i % 97 === 0)) {
      const row = snap.gong_calls!.find((c) => c.id === call.id)!;
      expect(row.started_at).toBe(new Date(call.startedMs).toISOString());
      expect(row).toMatchObject({ title: call.title, duration_seconds: call.durationSec, primary_user_id: call.primaryUserId, scope: call.scope, system: call.system, is_private: false });
      const parties = snap.gong_call_parties!.filter((p) => p.call_id === call.id);
      const members = call.imported ? [] : sim.company.cast(call).members;
      expect(parties.map((p) => p.party_id).sort()).toEqual(members.map((m) => m.partyId).sort());
      for (const m of members) {
        expect(parties.find((p) => p.party_id === m.partyId)).toMatchObject({
          speaker_id: m.speakerId,
          user_id: m.userId ?? null,
          email: m.emailAddress ?? null,
          name: m.name ?? null,
          affiliation: m.affiliation,
        });
      }
    }
    // Imported calls are stored, with no parties (docs/gong-api.md §5.6).
    const imported = expected.filter((c) => c.imported);
    expect(imported.length).toBeGreaterThan(0);
    expect(snap.gong_call_parties!.filter((p) => imported.some((c) => c.id === p.call_id))).toEqual([]);

    // Transcripts: exactly the calls whose transcript is ready, segments as Gong sent them.
    const ready = expected.filter((c) => sim.company.hasTranscriptAt(c, NOW));
    expect(snap.gong_transcripts!.map((t) => t.call_id).sort()).toEqual(ready.map((c) => c.id).sort());
    const sample = snap.gong_transcripts![0]!;
    expect(sample.segments).toEqual(JSON.parse(JSON.stringify(sim.company.transcriptFor(sample.call_id as string))));
    const call = sim.company.callById(sample.call_id as string)!;
    const users = new Map(sim.company.users.map((u) => [u.id, u]));
    const wireParties = call.imported ? [] : sim.company.cast(call).members.map((m) => ({ id: m.partyId, speakerId: m.speakerId, userId: m.userId, emailAddress: m.emailAddress, name: m.name, affiliation: m.affiliation }));
    expect(sample.text).toBe(formatTranscript(sample.segments as any, wireParties, users));

    // Private calls never reach the store.
    const privateIds = sim.company.calls.filter((c) => sim.company.isPrivateAt(c, NOW)).map((c) => c.id);
    expect(privateIds.length).toBeGreaterThan(0);
    expect(snap.gong_calls!.some((c) => privateIds.includes(c.id as string))).toBe(false);
    expect(report.stats.privateSkipped).toBeGreaterThan(0);

    // Requests: one users page per 100 users, one extensive page per 100 calls, one transcript batch per 100 calls.
    const counts = sim.log.countsByEndpoint();
    const visibleInWindow = sim.company.calls.filter((c) => c.startedMs >= SINCE && c.startedMs < NOW && sim.company.isVisible(c, NOW)).length;
    expect(counts['GET /v2/users']).toBe(Math.ceil(sim.company.users.length / 100));
    expect(counts['POST /v2/calls/extensive']).toBe(Math.ceil(visibleInWindow / 100));
    expect(counts['POST /v2/calls/transcript']).toBe(Math.ceil(expected.length / 100));
    expect(report.stats.requests).toBe(sim.log.entries.length);
  });

  it('a later sync picks up late calls, late transcripts, new calls and newly private calls, with no duplicates and few requests', async () => {
    const sim = await simulator();
    const store = await freshStore();
    await sync(sim, store);
    const before = await snapshot(store);

    const later = sim.advance(2 * DAY);
    sim.log.reset();
    const { report } = await sync(sim, store, { since: undefined });
    expect(report.status).toBe('completed');

    const expected = expectedCalls(sim, SINCE, later);
    const after = await snapshot(store);
    expect(after.gong_calls!.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    const lateArrivals = expected.filter((c) => c.startedMs < NOW && c.visibleAt > NOW);
    expect(lateArrivals.length).toBeGreaterThan(0);
    const newCalls = expected.filter((c) => c.startedMs >= NOW);
    expect(newCalls.length).toBeGreaterThan(0);
    const nowPrivate = before.gong_calls!.filter((c) => sim.company.isPrivateAt(sim.company.callById(c.id as string)!, later));
    for (const c of nowPrivate) expect(after.gong_transcripts!.some((t) => t.call_id === c.id)).toBe(false);

    const ready = expected.filter((c) => sim.company.hasTranscriptAt(c, later));
    expect(after.gong_transcripts!.map((t) => t.call_id).sort()).toEqual(ready.map((c) => c.id).sort());
    expect(new Set(after.gong_calls!.map((c) => c.id)).size).toBe(after.gong_calls!.length);

    // Few requests: the privacy re-check window (30 days, due once a day) and the transcripts
    // still missing, not a re-read of the whole history.
    const counts = sim.log.countsByEndpoint();
    const reread = sim.company.calls.filter((c) => c.startedMs >= later - 30 * DAY && c.startedMs < later && sim.company.isVisible(c, later)).length;
    expect(counts['POST /v2/calls/extensive']).toBe(Math.ceil(reread / 100));
    expect(counts['POST /v2/calls/transcript']).toBeLessThanOrEqual(Math.ceil((after.gong_calls!.length - before.gong_transcripts!.length) / 100) + 1);
  });

  it('ends with the same data as a clean run despite 5xx, resets, 429s, slow answers and expired cursors', async () => {
    const clean = await simulator();
    const cleanStore = await freshStore();
    await sync(clean, cleanStore);

    const faulty = await simulator({ faults: '5xx=0.08,reset=0.04,429=0.05,malformed=0.03,truncate=0.03,expire=0.2,repeatcursor=0.1', faultSeed: 11 });
    const store = await freshStore();
    const { report, events } = await sync(faulty, store);
    expect(report.status).toBe('completed');
    const fired = new Set(faulty.log.entries.map((e) => e.fault).filter(Boolean));
    expect(fired).toContain('expire');
    expect(fired.size).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.type === 'window-restart').length).toBeGreaterThan(0);
    expect(await snapshot(store)).toEqual(await snapshot(cleanStore));
  });

  it('stops when the daily budget is spent and resumes the next day without redoing finished work', async () => {
    const sim = await simulator();
    const store = await freshStore();
    const first = await sync(sim, store, {}, { budget: { dailyLimit: 6, store: store.budgetStore() } });
    expect(first.report.status).toBe('stopped');
    expect(first.report.stopReason).toBe('budget');
    expect(first.report.resumeAfter).toBe('2026-11-21T00:00:00.000Z');
    // The first request of a fresh store is counted on the local day (Gong's clock is not known
    // before its first answer); every later one on Gong's day.
    expect(sim.log.entries.length).toBeLessThanOrEqual(7);
    expect(await store.budgetStore().load(client(sim, store).budget!.accountKey, '2026-11-20')).toBe(6);

    sim.advance(10 * HOUR); // the next UTC day: the saved clock offset puts the new client there at once
    const second = await sync(sim, store, {}, { budget: { dailyLimit: 10_000, store: store.budgetStore() } });
    expect(second.report.status).toBe('completed');
    expect(second.events.find((e) => e.type === 'stream-skip' && e.stream === 'users')).toBeDefined();

    // The same data as one clean run at the same moment, for at most one request more (the page
    // the resume point sits in is read again).
    const clean = await simulator();
    clean.advance(10 * HOUR);
    const cleanStore = await freshStore();
    await sync(clean, cleanStore);
    expect(sim.log.entries.length).toBeLessThanOrEqual(clean.log.entries.length + 1);
    expect(await snapshot(store)).toEqual(await snapshot(cleanStore));
  });

  it('refuses a second concurrent sync on the same connection', async () => {
    const sim = await simulator();
    const store = await freshStore();
    // The first sync's first request waits at a gate: from the moment it reaches it until the
    // test opens it, that sync is certainly running and holding the lock (no timing involved).
    let reached!: () => void;
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const gated: typeof fetch = async (input, init) => {
      reached();
      await gate;
      return fetch(input, init);
    };
    const running = sync(sim, store, {}, { fetch: gated });
    await atGate;
    await expect(sync(sim, store)).rejects.toThrow(/another sync is running/);
    open();
    expect((await running).report.status).toBe('completed');
  });

  it('stops between pages on abort, keeps what it committed, and the next run completes it', async () => {
    const clean = await simulator();
    const cleanStore = await freshStore();
    await sync(clean, cleanStore);

    const sim = await simulator();
    const store = await freshStore();
    const controller = new AbortController();
    let pages = 0;
    const { report } = await sync(sim, store, {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'page' && e.stream === 'calls' && ++pages === 4) controller.abort(new Error('stop'));
      },
    });
    expect(report).toMatchObject({ status: 'stopped', stopReason: 'signal' });
    expect((await store.getStreamState('calls'))?.progress).not.toBeNull();
    const resumed = await sync(sim, store);
    expect(resumed.events.find((e) => e.type === 'stream-skip' && e.stream === 'users')).toBeDefined();
    expect(await snapshot(store)).toEqual(await snapshot(cleanStore));
  });
});
