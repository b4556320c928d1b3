import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { get, NOW, post } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 10, calls: 500, now: NOW, rateLimit: false, frozenClock: true, pageSize: 50 });
});
afterAll(() => sim.close());

const admin = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
  const res = await fetch(sim.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

describe('request log', () => {
  it('records each request with its endpoint, status, callIds, cursor and sizes', async () => {
    sim.log.reset();
    const ids = sim.company.visibleCalls(NOW).slice(0, 7).map((c) => c.id);
    await post(sim, '/v2/calls/transcript', { filter: { callIds: ids } });
    const first = await get(sim, '/v2/calls');
    await get(sim, `/v2/calls?cursor=${encodeURIComponent(first.body.records.cursor)}`);
    await get(sim, `/v2/calls/${ids[0]}`);
    await get(sim, '/v2/nowhere');
    const entries = sim.log.entries;
    expect(entries.map((e) => e.endpoint)).toEqual(['POST /v2/calls/transcript', 'GET /v2/calls', 'GET /v2/calls', 'GET /v2/calls/{id}', null]);
    expect(entries[0]).toMatchObject({ method: 'POST', path: '/v2/calls/transcript', status: 200, callIds: 7, cursor: false, fault: null, at: NOW });
    expect(entries[0]!.requestBytes).toBeGreaterThan(0);
    expect(entries[0]!.responseBytes).toBeGreaterThan(entries[0]!.requestBytes);
    expect(entries[2]!.cursor).toBe(true);
    expect(entries[4]!.status).toBe(404);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(sim.log.count('GET /v2/calls')).toBe(2);
    expect(sim.log.countsByEndpoint()).toEqual({ 'POST /v2/calls/transcript': 1, 'GET /v2/calls': 2, 'GET /v2/calls/{id}': 1, 'GET /v2/nowhere': 1 });
  });

  it('measures the busiest second of simulated arrival times', async () => {
    sim.log.reset();
    await Promise.all([get(sim, '/v2/workspaces'), get(sim, '/v2/workspaces'), get(sim, '/v2/workspaces')]);
    sim.advance(400);
    await get(sim, '/v2/workspaces');
    sim.advance(700);
    await get(sim, '/v2/workspaces');
    await get(sim, '/v2/workspaces');
    // [t, t+400] holds 4; [t+400, t+1100] holds 3.
    expect(sim.log.peakPerSecond()).toBe(4);
    sim.log.reset();
    expect(sim.log.count()).toBe(0);
  });
});

describe('admin surface', () => {
  it('reports status and the log, and resets the log', async () => {
    await get(sim, '/v2/workspaces');
    const status = await admin('GET', '/__simulator/status');
    expect(status.body).toMatchObject({ seed: 10, calls: 500, faults: '', pageSize: 50, rateLimit: false });
    const log = await admin('GET', '/__simulator/log');
    expect(log.body.total).toBeGreaterThan(0);
    expect(log.body.counts['GET /v2/workspaces']).toBeGreaterThan(0);
    expect(typeof log.body.peakPerSecond).toBe('number');
    expect((await admin('POST', '/__simulator/reset-log')).status).toBe(200);
    expect((await admin('GET', '/__simulator/log')).body.total).toBe(0);
  });

  it('advances time and changes faults without auth; never logs itself', async () => {
    const before = sim.clock.now();
    const advanced = await admin('POST', '/__simulator/advance', { ms: 60_000 });
    expect(advanced.body.now).toBe(before + 60_000);
    expect((await admin('POST', '/__simulator/advance', { ms: -1 })).status).toBe(400);
    const faults = await admin('POST', '/__simulator/faults', { spec: '5xx=1:500' });
    expect(faults.body.faults).toBe('5xx=1:500');
    expect((await get(sim, '/v2/workspaces')).status).toBe(500);
    expect((await admin('POST', '/__simulator/faults', { spec: 'bogus=1' })).body.error).toMatch(/"bogus=1"/);
    await admin('POST', '/__simulator/faults', { spec: '' });
    expect((await get(sim, '/v2/workspaces')).status).toBe(200);
    expect(sim.log.entries.every((e) => !e.path.startsWith('/__simulator'))).toBe(true);
  });

  it('serves the ground truth', async () => {
    const summary = await admin('GET', '/__simulator/ground-truth/summary');
    expect(summary.body.counts.calls).toBe(500);
    expect(summary.body.utcOffset).toBe('-04:00');
    expect((await admin('GET', '/__simulator/ground-truth/users')).body).toHaveLength(sim.company.users.length);
    expect((await admin('GET', '/__simulator/ground-truth/crm')).body.accounts).toHaveLength(sim.company.crm.accounts.length);
    expect((await admin('GET', '/__simulator/ground-truth/people')).body.people.length).toBe(sim.company.people.length);
    const visible = await admin('GET', '/__simulator/ground-truth/calls?visible=true');
    expect(visible.body.length).toBe(sim.company.visibleCalls(sim.clock.now()).length);
    const call = sim.company.calls.find((c) => c.transcriptReadyAt !== null)!;
    const one = await admin('GET', `/__simulator/ground-truth/calls/${call.id}`);
    expect(one.body.call.id).toBe(call.id);
    expect(one.body.parties.length).toBe(sim.company.cast(call).members.length);
    const transcript = await admin('GET', `/__simulator/ground-truth/transcripts/${call.id}`);
    expect(transcript.body.monologues).toEqual(sim.company.transcriptFor(call.id));
    expect((await admin('GET', '/__simulator/ground-truth/calls/1')).status).toBe(404);
    expect((await admin('GET', '/__simulator/nothing')).status).toBe(404);
  });

  it('serves the coaching ground truth at the simulated now', async () => {
    const now = sim.clock.now();
    const truth = sim.company.coaching;
    const answered = await admin('GET', '/__simulator/ground-truth/coaching/answered-scorecards');
    expect(answered.body.map((a: { id: string }) => a.id)).toEqual(truth.answeredScorecardsAt(now).map((a) => a.id));
    expect((await admin('GET', '/__simulator/ground-truth/coaching/trackers')).body).toHaveLength(sim.company.trackers.length);
    expect((await admin('GET', '/__simulator/ground-truth/coaching/scorecards')).body).toHaveLength(truth.scorecards.length);
    expect((await admin('GET', '/__simulator/ground-truth/coaching/manual-associations')).body).toHaveLength(truth.manualAssociationsAt(now).length);
    const library = (await admin('GET', '/__simulator/ground-truth/coaching/library')).body;
    expect(library.map((f: { id: string }) => f.id)).toEqual(truth.publicFolders(now).map((f) => f.id));
    expect(library[0].entries).toEqual(truth.folderEntriesAt(library[0].id, now));
    const activity = await admin('GET', '/__simulator/ground-truth/coaching/daily-activity?fromDate=2026-05-20&toDate=2026-05-22');
    expect(activity.body).toEqual(truth.dailyActivityAt(now, '2026-05-20', '2026-05-22'));
    const stats = await admin('GET', '/__simulator/ground-truth/coaching/interaction-stats?fromDate=2026-05-01&toDate=2026-05-22');
    expect(stats.body).toEqual(truth.interactionStatsAt(now, '2026-05-01', '2026-05-22'));
    expect((await admin('GET', '/__simulator/ground-truth/coaching/daily-activity?fromDate=2026-05-20')).status).toBe(400);
    expect((await admin('GET', '/__simulator/ground-truth/coaching/nothing')).status).toBe(404);
  });
});
