import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCompany, startSimulator, type Company, type Simulator } from '../../../src/simulator/index.js';
import { get, iso, NOW, post } from './helpers.js';

const HOUR = 3_600_000;
let company: Company;
let sim: Simulator;
beforeAll(async () => {
  company = generateCompany({ seed: 8, calls: 2000, now: NOW });
  sim = await startSimulator({ company, rateLimit: false, frozenClock: true });
});
afterAll(() => sim.close());

const window = (from: number, to: number) => `fromDateTime=${encodeURIComponent(iso(from))}&toDateTime=${encodeURIComponent(iso(to))}`;

describe('time that moves', () => {
  it('shows a late-arriving call only after its visibleAt, though it started earlier', async () => {
    const late = company.calls.find((c) => c.startedMs < NOW && c.visibleAt > NOW + HOUR)!;
    const range = window(late.startedMs, late.startedMs + 1);
    expect((await get(sim, `/v2/calls?${range}`)).status).toBe(404);
    expect((await get(sim, `/v2/calls/${late.id}`)).status).toBe(404);
    sim.advance(late.visibleAt - sim.clock.now());
    const res = await get(sim, `/v2/calls?${range}`);
    expect(res.status).toBe(200);
    expect(res.body.calls.map((c: any) => c.id)).toContain(late.id);
    expect(res.headers.get('date')).toBe(new Date(late.visibleAt).toUTCString());
  });

  it('serves a transcript only from its ready time; pending calls are left out (default)', async () => {
    const now = sim.clock.now();
    const pending = company.calls.find((c) => c.visibleAt <= now && c.transcriptReadyAt !== null && c.transcriptReadyAt > now)!;
    const ready = company.calls.find((c) => company.hasTranscriptAt(c, now))!;
    const body = { filter: { callIds: [pending.id, ready.id] } };
    const before = await post(sim, '/v2/calls/transcript', body);
    expect(before.body.callTranscripts.map((t: any) => t.callId)).toEqual([ready.id]);
    expect((await post(sim, '/v2/calls/transcript', { filter: { callIds: [pending.id] } })).status).toBe(404);
    sim.advance(pending.transcriptReadyAt! - now);
    const after = await post(sim, '/v2/calls/transcript', { filter: { callIds: [pending.id] } });
    expect(after.status).toBe(200);
    expect(after.body.callTranscripts[0].transcript).toEqual(company.transcriptFor(pending.id));
  });

  it('never serves a transcript for calls that will not get one', async () => {
    const never = company.calls.find((c) => c.transcriptReadyAt === null && c.visibleAt <= sim.clock.now())!;
    expect((await post(sim, '/v2/calls/transcript', { filter: { callIds: [never.id] } })).status).toBe(404);
    expect(company.transcriptFor(never.id)).toBeUndefined();
  });

  it('returns private calls with isPrivate true, and flips a call that turns private', async () => {
    const now = sim.clock.now();
    const privateCall = company.calls.find((c) => c.isPrivate && c.visibleAt <= now)!;
    expect((await get(sim, `/v2/calls/${privateCall.id}`)).body.call.isPrivate).toBe(true);
    const turning = company.calls.find((c) => c.becomesPrivateAt !== null && c.becomesPrivateAt > now && c.visibleAt <= now)!;
    expect((await get(sim, `/v2/calls/${turning.id}`)).body.call.isPrivate).toBe(false);
    sim.advance(turning.becomesPrivateAt! - now);
    expect((await get(sim, `/v2/calls/${turning.id}`)).body.call.isPrivate).toBe(true);
  });

  it('brings the calendar tail in as the week passes', async () => {
    const nextWeek = window(NOW, NOW + 8 * 24 * HOUR);
    const before = await get(sim, `/v2/calls?${nextWeek}`);
    const countBefore = before.status === 404 ? 0 : before.body.records.totalRecords;
    sim.advance(NOW + 8 * 24 * HOUR - sim.clock.now());
    const after = await get(sim, `/v2/calls?${nextWeek}`);
    expect(after.body.records.totalRecords).toBeGreaterThan(countBefore + 10);
  });
});

describe("pendingTranscript: 'empty'", () => {
  it('returns calls still being processed with transcript: []', async () => {
    const empty = await startSimulator({ company, rateLimit: false, frozenClock: true, pendingTranscript: 'empty' });
    try {
      const pending = company.calls.find((c) => c.visibleAt <= NOW && c.transcriptReadyAt !== null && c.transcriptReadyAt > NOW)!;
      const res = await post(empty, '/v2/calls/transcript', { filter: { callIds: [pending.id] } });
      expect(res.status).toBe(200);
      expect(res.body.callTranscripts).toEqual([{ callId: pending.id, transcript: [] }]);
    } finally {
      await empty.close();
    }
  });
});
