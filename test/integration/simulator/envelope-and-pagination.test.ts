import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { get, iso, NOW, post, send, shared } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 1, calls: 2000, now: NOW, rateLimit: false, frozenClock: true });
});
afterAll(() => sim.close());

const HISTORY = { fromDateTime: iso(NOW - 200 * 86_400_000), toDateTime: iso(NOW) };

describe('envelope', () => {
  it('puts requestId first, mirrors it in x-traceid, and dates the answer in simulated time', async () => {
    const res = await get(sim, '/v2/users');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['requestId', 'records', 'users']);
    expect(res.body.requestId).toMatch(/^[a-z0-9]{18,19}$/);
    expect(res.headers.get('x-traceid')).toBe(res.body.requestId);
    expect(res.headers.get('date')).toBe(new Date(NOW).toUTCString());
    expect(res.body.records).toEqual({ totalRecords: sim.company.users.length, currentPageSize: sim.company.users.length, currentPageNumber: 0 });
  });

  it('answers an empty result with the exact 404 body Gong sends', async () => {
    const fixture = shared('fixtures/error-404-no-calls.real.json');
    const window = `fromDateTime=${encodeURIComponent('2001-01-01T00:00:00Z')}&toDateTime=${encodeURIComponent('2001-02-01T00:00:00Z')}`;
    for (const res of [
      await get(sim, `/v2/calls?${window}`),
      await post(sim, '/v2/calls/extensive', { filter: { fromDateTime: '2001-01-01T00:00:00Z', toDateTime: '2001-02-01T00:00:00Z' } }),
      await post(sim, '/v2/calls/transcript', { filter: { callIds: ['12345'] } }),
    ]) {
      expect(res.status).toBe(404);
      expect(Object.keys(res.body)).toEqual(Object.keys(fixture));
      expect(res.body.errors).toEqual(fixture.errors);
      expect(res.body.requestId).toMatch(/^[a-z0-9]{18,19}$/);
    }
    const users = await post(sim, '/v2/users/extensive', { filter: { userIds: ['1'] } });
    expect(users.status).toBe(404);
    expect(users.body.errors).toEqual(['No users found corresponding to the provided filters']);
  });

  it('says which call id was not found', async () => {
    const res = await get(sim, '/v2/calls/894411314421502864');
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual(['Call ID 894411314421502864 was not found']);
    const known = sim.company.visibleCalls(NOW)[0]!;
    const ok = await get(sim, `/v2/calls/${known.id}`);
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body)).toEqual(['requestId', 'call']);
    expect(ok.body.call.id).toBe(known.id);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const unknown = await get(sim, '/v2/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.requestId).toBeDefined();
    const wrong = await get(sim, '/v2/calls/extensive');
    expect(wrong.status).toBe(405);
    expect(wrong.body.errors).toEqual(['Method Not Allowed']);
    expect((await send(sim, 'DELETE', '/v2/users')).status).toBe(405);
  });

  it('rejects bad dates and from ≥ to with 400 {requestId, errors}', async () => {
    const bad = await get(sim, '/v2/calls?fromDateTime=yesterday');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body)).toEqual(['requestId', 'errors']);
    expect(bad.body.errors[0]).toMatch(/^fromDateTime: invalid date-time/);
    // An unencoded "+" arrives as a space.
    expect((await get(sim, '/v2/calls?fromDateTime=2026-01-01T00:00:00+02:00')).status).toBe(400);
    expect((await get(sim, `/v2/calls?fromDateTime=${encodeURIComponent('2026-01-01T00:00:00+02:00')}`)).status).toBe(200);
    const reversed = await post(sim, '/v2/calls/extensive', { filter: { fromDateTime: '2026-02-01T00:00:00Z', toDateTime: '2026-01-01T00:00:00Z' } });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual(['filter.fromDateTime: must be before toDateTime']);
    expect((await post(sim, '/v2/calls/extensive', {})).status).toBe(400);
    expect((await send(sim, 'POST', '/v2/calls/extensive', { body: '{not json' })).status).toBe(400);
  });

  it('accepts a null toDateTime (tap-gong sends one, R2)', async () => {
    const res = await post(sim, '/v2/calls/extensive', { filter: { fromDateTime: iso(NOW - 86_400_000 * 3), toDateTime: null } });
    expect(res.status).toBe(200);
  });
});

describe('callIds', () => {
  it('refuses an empty list and more than 100 ids', async () => {
    for (const path of ['/v2/calls/extensive', '/v2/calls/transcript']) {
      const empty = await post(sim, path, { filter: { callIds: [] } });
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0]).toMatch(/callIds/);
      const tooMany = await post(sim, path, { filter: { callIds: sim.company.calls.slice(0, 101).map((c) => c.id) } });
      expect(tooMany.status).toBe(400);
    }
    const hundred = await post(sim, '/v2/calls/extensive', { filter: { callIds: sim.company.visibleCalls(NOW).slice(0, 100).map((c) => c.id) } });
    expect(hundred.status).toBe(200);
    expect(hundred.body.calls).toHaveLength(100);
  });

  it('leaves unknown ids out and returns the rest in start order', async () => {
    const [a, b] = sim.company.visibleCalls(NOW).slice(3, 5);
    const res = await post(sim, '/v2/calls/extensive', { filter: { callIds: [b!.id, '111111111111111111', a!.id] } });
    expect(res.status).toBe(200);
    expect(res.body.calls.map((c: any) => c.metaData.id)).toEqual([a!.id, b!.id]);
    expect(res.body.records.totalRecords).toBe(2);
  });
});

describe('pagination', () => {
  it('walks GET /v2/calls with the cursor in the query: 100 per page, ascending, no repeats, cursor only while more remain', async () => {
    const q = `fromDateTime=${encodeURIComponent(HISTORY.fromDateTime)}&toDateTime=${encodeURIComponent(HISTORY.toDateTime)}`;
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    let total: number;
    do {
      const res = await get(sim, `/v2/calls?${q}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.records.currentPageNumber).toBe(page);
      total = res.body.records.totalRecords;
      cursor = res.body.records.cursor;
      if (cursor) expect(res.body.records.currentPageSize).toBe(100);
      else expect('cursor' in res.body.records).toBe(false);
      seen.push(...res.body.calls.map((c: any) => c.id));
      page++;
    } while (cursor);
    const expected = sim.company.calls.filter((c) => c.startedMs >= NOW - 200 * 86_400_000 && c.startedMs < NOW && c.visibleAt <= NOW).map((c) => c.id);
    expect(seen).toEqual(expected);
    expect(total).toBe(expected.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(page).toBe(Math.ceil(expected.length / 100));
  });

  it('walks POST /v2/calls/extensive with the cursor in the body', async () => {
    const body = { filter: { ...HISTORY, workspaceId: sim.company.workspaces[0]!.id } };
    const first = await post(sim, '/v2/calls/extensive', body);
    const second = await post(sim, '/v2/calls/extensive', { ...body, cursor: first.body.records.cursor });
    expect(second.status).toBe(200);
    expect(second.body.records.currentPageNumber).toBe(1);
    const ids1 = first.body.calls.map((c: any) => c.metaData.id);
    const ids2 = second.body.calls.map((c: any) => c.metaData.id);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
    for (const c of [...first.body.calls, ...second.body.calls]) expect(c.metaData.workspaceId).toBe(sim.company.workspaces[0]!.id);
    expect(Date.parse(second.body.calls[0].metaData.started)).toBeGreaterThanOrEqual(Date.parse(first.body.calls.at(-1).metaData.started));
  });

  it('ignores a cursor in the query string of a POST: page 1 comes back (R2)', async () => {
    const body = { filter: HISTORY };
    const first = await post(sim, '/v2/calls/extensive', body);
    const again = await post(sim, `/v2/calls/extensive?cursor=${encodeURIComponent(first.body.records.cursor)}`, body);
    expect(again.status).toBe(200);
    expect(again.body.records.currentPageNumber).toBe(0);
    expect(again.body.calls.map((c: any) => c.metaData.id)).toEqual(first.body.calls.map((c: any) => c.metaData.id));
  });

  it('refuses a cursor used with different inputs', async () => {
    const first = await post(sim, '/v2/calls/extensive', { filter: HISTORY });
    const other = await post(sim, '/v2/calls/extensive', { filter: { ...HISTORY, toDateTime: iso(NOW - 86_400_000) }, cursor: first.body.records.cursor });
    expect(other.status).toBe(400);
    expect(other.body.errors[0]).toMatch(/cursor/);
    const forged = await get(sim, '/v2/users?cursor=eyJhbGciOiJIUzI1NiJ9.e30.xyz');
    expect(forged.status).toBe(400);
  });

  it('pages users and transcripts too', async () => {
    const small = await startSimulator({ company: sim.company, rateLimit: false, frozenClock: true, pageSize: 30 });
    try {
      const p0 = await get(small, '/v2/users');
      expect(p0.body.records.currentPageSize).toBe(30);
      const p1 = await get(small, `/v2/users?cursor=${encodeURIComponent(p0.body.records.cursor)}`);
      expect(p1.body.records.currentPageNumber).toBe(1);
      expect(p1.body.users[0].id).toBe(sim.company.users[30]!.id);
      const t0 = await post(small, '/v2/calls/transcript', { filter: HISTORY });
      const t1 = await post(small, '/v2/calls/transcript', { filter: HISTORY, cursor: t0.body.records.cursor });
      expect(t1.body.records.currentPageNumber).toBe(1);
      expect(t1.body.callTranscripts).toHaveLength(30);
    } finally {
      await small.close();
    }
  });
});
