/**
 * The coaching endpoints' behaviour over real sockets, checked against the company's ground truth
 * (`company.coaching`): paging reassembles the truth exactly, empty results are the documented
 * 404s (or 200s where Gong answers so), date filters are company-time days with an inclusive start
 * and an exclusive end, stats days fill in late, reviews and re-associations arrive as time
 * passes, and Bearer scopes gate each endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCompany, startSimulator, type Company, type Simulator } from '../../../src/simulator/index.js';
import { get, post } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Wednesday, 08:00 in the company's -04:00: yesterday (Tuesday 2026-06-02) is a working day still filling in. */
const NOW = Date.parse('2026-06-03T12:00:00Z');

let company: Company;
beforeAll(() => {
  company = generateCompany({ seed: 21, calls: 1500, now: NOW });
});

const simulator = (options: Parameters<typeof startSimulator>[0] = {}) => startSimulator({ company, frozenClock: true, rateLimit: false, pageSize: 25, ...options });
const localDay = (iso: string) => iso.slice(0, 10);

async function allPages(sim: Simulator, path: string, body: Record<string, unknown>, key: string): Promise<{ items: any[]; pages: any[] }> {
  const items: any[] = [];
  const pages: any[] = [];
  let cursor: string | undefined;
  do {
    const res = await post(sim, path, { ...body, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    pages.push(res.body);
    items.push(...res.body[key]);
    cursor = res.body.records.cursor;
  } while (cursor);
  for (const page of pages) expect(page.records.totalRecords).toBe(items.length);
  return { items, pages };
}

describe('GET /v2/settings/trackers and /v2/settings/scorecards', () => {
  let sim: Simulator;
  beforeAll(async () => (sim = await simulator()));
  afterAll(() => sim.close());

  it('lists the trackers that fire in call content, per workspace, without paging', async () => {
    const all = await get(sim, '/v2/settings/trackers');
    expect(all.status).toBe(200);
    expect(all.body.records).toBeUndefined();
    expect(all.body.keywordTrackers.map((t: any) => t.trackerId).sort()).toEqual(company.trackers.map((t) => t.id).sort());
    const pricing = all.body.keywordTrackers.find((t: any) => t.trackerName === 'Pricing');
    expect(pricing.languageKeywords[0].keywords).toEqual(company.trackers.find((t) => t.name === 'Pricing')!.phrases);
    const perWorkspace: string[] = [];
    for (const workspace of company.workspaces) {
      const res = await get(sim, `/v2/settings/trackers?workspaceId=${workspace.id}`);
      expect(res.status).toBe(200);
      for (const t of res.body.keywordTrackers) expect(t.workspaceId).toBe(workspace.id);
      expect(res.body.keywordTrackers.map((t: any) => t.trackerId)).toEqual(company.coaching.trackersOf(workspace.id)!.map((t) => t.id));
      perWorkspace.push(...res.body.keywordTrackers.map((t: any) => t.trackerId));
    }
    expect(perWorkspace.sort()).toEqual(company.trackers.map((t) => t.id).sort());
    expect((await get(sim, '/v2/settings/trackers?workspaceId=')).body.keywordTrackers.length).toBe(company.trackers.length);
  });

  it('answers 404 "Workspace not found" for a workspace the company lacks', async () => {
    const res = await get(sim, '/v2/settings/trackers?workspaceId=123456789012345678');
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual(['Workspace not found']);
  });

  it('lists every scorecard with string ids and questions', async () => {
    const res = await get(sim, '/v2/settings/scorecards');
    expect(res.body.scorecards.map((s: any) => s.scorecardId)).toEqual(company.coaching.scorecards.map((s) => s.id));
    for (const s of res.body.scorecards) {
      expect(typeof s.scorecardId).toBe('string');
      expect(s.questions.filter((q: any) => q.isOverall)).toHaveLength(1);
    }
    expect(res.body.scorecards.some((s: any) => !s.enabled)).toBe(true);
    expect(res.body.scorecards.flatMap((s: any) => s.questions).some((q: any) => q.answerOptions.length > 0)).toBe(true);
  });
});

describe('POST /v2/stats/activity/scorecards', () => {
  let sim: Simulator;
  beforeAll(async () => (sim = await simulator()));
  afterAll(() => sim.close());

  it('pages through exactly the reviews published by now, in review order', async () => {
    const { items, pages } = await allPages(sim, '/v2/stats/activity/scorecards', { filter: {} }, 'answeredScorecards');
    expect(pages.length).toBeGreaterThan(3);
    const truth = company.coaching.answeredScorecardsAt(NOW);
    expect(items.map((a) => a.answeredScorecardId)).toEqual(truth.map((a) => a.id));
    expect(new Set(items.map((a) => a.answeredScorecardId)).size).toBe(items.length);
    const first = items[0];
    const question = company.coaching.scorecards.find((s) => s.id === first.scorecardId)!.questions;
    expect(first.answers.map((x: any) => x.questionId)).toEqual(question.map((q) => q.id));
  });

  it('reviews come days after the call, so a later time brings reviews of old calls', async () => {
    const truth = company.coaching.allAnsweredScorecards;
    for (const a of truth) expect(a.reviewMs).toBeGreaterThan(a.callStartedMs);
    expect(truth.filter((a) => a.reviewMs - a.callStartedMs > 7 * DAY).length).toBeGreaterThan(0);
    const later = truth.filter((a) => a.reviewMs > NOW && a.reviewMs <= NOW + 5 * DAY);
    expect(later.length).toBeGreaterThan(0);
    expect(later.some((a) => a.callStartedMs < NOW - 2 * DAY)).toBe(true);
    const lateSim = await simulator({ now: NOW + 5 * DAY });
    try {
      const { items } = await allPages(lateSim, '/v2/stats/activity/scorecards', { filter: {} }, 'answeredScorecards');
      expect(items.length).toBe(company.coaching.answeredScorecardsAt(NOW).length + later.length);
      const ids = new Set(items.map((a) => a.answeredScorecardId));
      for (const a of later) expect(ids.has(a.id)).toBe(true);
    } finally {
      await lateSim.close();
    }
  });

  it('filters on company-time review and call days: from inclusive, to exclusive', async () => {
    const truth = company.coaching.answeredScorecardsAt(NOW);
    const day = localDay(new Date(truth[Math.floor(truth.length / 2)]!.reviewMs - 4 * HOUR).toISOString());
    const next = localDay(new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString());
    const { items } = await allPages(sim, '/v2/stats/activity/scorecards', { filter: { reviewFromDate: day, reviewToDate: next } }, 'answeredScorecards');
    expect(items.length).toBeGreaterThan(0);
    for (const a of items) expect(localDay(a.reviewTime)).toBe(day);
    expect(items.length).toBe(truth.filter((a) => localDay(new Date(a.reviewMs - 4 * HOUR).toISOString()) === day).length);

    const callDay = localDay(items[0].callStartTime);
    const callNext = localDay(new Date(Date.parse(`${callDay}T00:00:00Z`) + DAY).toISOString());
    const byCall = await allPages(sim, '/v2/stats/activity/scorecards', { filter: { callFromDate: callDay, callToDate: callNext } }, 'answeredScorecards');
    for (const a of byCall.items) expect(localDay(a.callStartTime)).toBe(callDay);
    expect(byCall.items.map((a) => a.answeredScorecardId)).toContain(items[0].answeredScorecardId);

    const reviewed = items[0].reviewedUserId;
    const byUser = await allPages(sim, '/v2/stats/activity/scorecards', { filter: { reviewedUserIds: [reviewed] } }, 'answeredScorecards');
    expect(byUser.items.length).toBe(truth.filter((a) => a.reviewedUserId === reviewed).length);
  });

  it('answers 404 "Answered scorecards not found" when nothing matches, 400 for bad dates', async () => {
    const none = await post(sim, '/v2/stats/activity/scorecards', { filter: { reviewedUserIds: ['1'] } });
    expect(none.status).toBe(404);
    expect(none.body.errors).toEqual(['Answered scorecards not found']);
    expect((await post(sim, '/v2/stats/activity/scorecards', { filter: { reviewFromDate: '2026-06-01', reviewToDate: '2026-06-01' } })).status).toBe(400);
    expect((await post(sim, '/v2/stats/activity/scorecards', { filter: { callFromDate: '2026-02-30' } })).status).toBe(400);
    expect((await post(sim, '/v2/stats/activity/scorecards', {})).status).toBe(400);
  });
});

describe('POST /v2/stats/activity/day-by-day', () => {
  let sim: Simulator;
  beforeAll(async () => (sim = await simulator()));
  afterAll(() => sim.close());
  const WEEK = { fromDate: '2026-05-18', toDate: '2026-05-25' };

  it('pages through every user with activity, each with every day of the range', async () => {
    const { items } = await allPages(sim, '/v2/stats/activity/day-by-day', { filter: WEEK }, 'usersDetailedActivities');
    const truth = company.coaching.dailyActivityAt(NOW, WEEK.fromDate, WEEK.toDate);
    expect(items.map((u) => u.userId)).toEqual(truth.map((u) => u.userId));
    expect(items.length).toBeGreaterThan(25);
    for (const u of items) {
      expect(u.userDailyActivityStats.map((d: any) => d.fromDate)).toEqual(['18', '19', '20', '21', '22', '23', '24'].map((d) => `2026-05-${d}T00:00:00-04:00`));
    }
    const expected = Object.fromEntries(truth.map((u) => [u.userId, u.days.map((d) => d.counters)]));
    for (const u of items) expect(u.userDailyActivityStats.map(({ fromDate: _f, toDate: _t, ...counters }: any) => counters)).toEqual(expected[u.userId]);
  });

  it('counts hosting and attending from the calls themselves, on the company-time day they started', async () => {
    const { items } = await allPages(sim, '/v2/stats/activity/day-by-day', { filter: WEEK }, 'usersDetailedActivities');
    const from = Date.parse('2026-05-18T04:00:00Z'), to = Date.parse('2026-05-25T04:00:00Z');
    const calls = company.calls.filter((c) => c.startedMs >= from && c.startedMs < to);
    const hosted = items.flatMap((u) => u.userDailyActivityStats.flatMap((d: any) => d.callsAsHost));
    expect(hosted.sort()).toEqual(calls.map((c) => c.id).sort());
    const host = items.find((u) => u.userDailyActivityStats.some((d: any) => d.callsAsHost.length > 0))!;
    const day = host.userDailyActivityStats.find((d: any) => d.callsAsHost.length > 0)!;
    for (const id of day.callsAsHost) {
      const call = company.callById(id)!;
      expect(call.primaryUserId).toBe(host.userId);
      expect(localDay(new Date(call.startedMs - 4 * HOUR).toISOString())).toBe(localDay(day.fromDate));
    }
    const attended = items.flatMap((u) => u.userDailyActivityStats.flatMap((d: any) => d.callsAttended.map((id: string) => [u.userId, id])));
    for (const [userId, id] of attended) expect(company.callById(id)!.userIds.slice(1)).toContain(userId);
  });

  it('keeps filling a day in for up to 36 hours after it ends, then never changes it', async () => {
    const yesterday = { fromDate: '2026-06-02', toDate: '2026-06-03' };
    const flat = (users: any[]) => users.flatMap((u) => u.userDailyActivityStats.flatMap((d: any) => Object.entries(d).filter(([k]) => k.startsWith('calls') || k.endsWith('ListenedTo')).flatMap(([k, ids]) => (ids as string[]).map((id) => `${u.userId}/${k}/${id}`))));
    const at = async (ms: number) => {
      const s = await simulator({ now: ms });
      try {
        return flat((await allPages(s, '/v2/stats/activity/day-by-day', { filter: yesterday }, 'usersDetailedActivities')).items);
      } finally {
        await s.close();
      }
    };
    const dayEnd = Date.parse('2026-06-03T04:00:00Z');
    const early = await at(NOW);
    const again = await at(NOW);
    const later = await at(dayEnd + 24 * HOUR);
    const final = await at(dayEnd + 36 * HOUR);
    const muchLater = await at(dayEnd + 10 * DAY);
    expect(again).toEqual(early);
    for (const entry of early) expect(later).toContain(entry);
    for (const entry of later) expect(final).toContain(entry);
    expect(final.length).toBeGreaterThan(early.length);
    expect(muchLater.sort()).toEqual(final.sort());
  });

  it('takes toDate up to the current company day (exclusive), refuses a later one, and 404s an empty period', async () => {
    expect((await post(sim, '/v2/stats/activity/day-by-day', { filter: { fromDate: '2026-06-02', toDate: '2026-06-03' } })).status).toBe(200);
    const future = await post(sim, '/v2/stats/activity/day-by-day', { filter: { fromDate: '2026-06-02', toDate: '2026-06-04' } });
    expect(future.status).toBe(400);
    expect(future.body.errors[0]).toContain('filter.toDate');
    expect((await post(sim, '/v2/stats/activity/day-by-day', { filter: { fromDate: '2026-06-02', toDate: '2026-06-02' } })).status).toBe(400);
    expect((await post(sim, '/v2/stats/activity/day-by-day', { filter: { toDate: '2026-06-02' } })).status).toBe(400);
    expect((await post(sim, '/v2/stats/activity/day-by-day', { filter: { fromDate: '2026/06/01', toDate: '2026-06-02' } })).status).toBe(400);
    const empty = await post(sim, '/v2/stats/activity/day-by-day', { filter: { fromDate: '2024-01-01', toDate: '2024-01-08' } });
    expect(empty.status).toBe(404);
    expect(empty.body.errors).toEqual(['No stats found for the specified period']);
  });

  it('filters on userIds', async () => {
    const someone = company.coaching.dailyActivityAt(NOW, WEEK.fromDate, WEEK.toDate)[3]!.userId;
    const res = await post(sim, '/v2/stats/activity/day-by-day', { filter: { ...WEEK, userIds: [someone] } });
    expect(res.body.usersDetailedActivities.map((u: any) => u.userId)).toEqual([someone]);
  });
});

describe('POST /v2/stats/interaction', () => {
  let sim: Simulator;
  beforeAll(async () => (sim = await simulator()));
  afterAll(() => sim.close());
  const MAY = { fromDate: '2026-05-01', toDate: '2026-06-01' };

  it('gives each host the average of their analysed calls in the period', async () => {
    const { items, pages } = await allPages(sim, '/v2/stats/interaction', { filter: MAY }, 'peopleInteractionStats');
    const truth = company.coaching.interactionStatsAt(NOW, MAY.fromDate, MAY.toDate);
    expect(items).toEqual(truth.map((u) => ({ userId: u.userId, userEmailAddress: u.emailAddress, personInteractionStats: u.stats })));
    expect(items[0].personInteractionStats.map((s: any) => s.name)).toEqual(['Talk Ratio', 'Longest Monologue', 'Longest Customer Story', 'Interactivity', 'Patience', 'Question Rate']);
    expect(pages[0]).toMatchObject({ timeZone: 'Etc/GMT+4', fromDateTime: '2026-05-01T00:00:00-04:00', toDateTime: '2026-06-01T00:00:00-04:00' });
    const from = Date.parse('2026-05-01T04:00:00Z'), to = Date.parse('2026-06-01T04:00:00Z');
    const hosts = new Set(company.calls.filter((c) => c.startedMs >= from && c.startedMs < to && (c.kind === 'external' || c.kind === 'dialer') && company.hasTranscriptAt(c, NOW)).map((c) => c.primaryUserId));
    expect(new Set(items.map((u) => u.userId))).toEqual(hosts);
  });

  it('counts a call once its transcript is ready', async () => {
    const call = company.calls.find((c) => c.transcriptReadyAt !== null && c.transcriptReadyAt > NOW && c.kind === 'external' && c.startedMs < NOW)!;
    expect(call).toBeDefined();
    const day = localDay(new Date(call.startedMs - 4 * HOUR).toISOString());
    const range = { fromDate: day, toDate: '2026-06-03', userIds: [call.primaryUserId] };
    const before = company.coaching.interactionStatsAt(NOW, range.fromDate, range.toDate, range.userIds)[0]?.callIds ?? [];
    expect(before).not.toContain(call.id);
    const later = await simulator({ now: call.transcriptReadyAt! });
    try {
      const res = await post(later, '/v2/stats/interaction', { filter: range });
      expect(res.status).toBe(200);
      expect(company.coaching.interactionStatsAt(call.transcriptReadyAt!, range.fromDate, range.toDate, range.userIds)[0]!.callIds).toContain(call.id);
    } finally {
      await later.close();
    }
  });

  it('404s "No stats found for the specified period" and refuses a toDate after today', async () => {
    const empty = await post(sim, '/v2/stats/interaction', { filter: { fromDate: '2024-01-01', toDate: '2024-02-01' } });
    expect(empty.status).toBe(404);
    expect(empty.body.errors).toEqual(['No stats found for the specified period']);
    expect((await post(sim, '/v2/stats/interaction', { filter: { fromDate: '2026-06-01', toDate: '2026-06-10' } })).status).toBe(400);
  });
});

describe('GET /v2/library/folders and /v2/library/folder-content', () => {
  it('lists public folders per workspace, nested and empty ones included', async () => {
    const sim = await simulator();
    try {
      const all = await get(sim, '/v2/library/folders');
      expect(all.status).toBe(200);
      expect(all.body.records).toBeUndefined();
      const truth = company.coaching.publicFolders(NOW);
      expect(all.body.folders.map((f: any) => f.id)).toEqual(truth.map((f) => f.id));
      const ids = new Set(all.body.folders.map((f: any) => f.id));
      const nested = all.body.folders.filter((f: any) => f.parentFolderId !== null);
      expect(nested.length).toBeGreaterThan(0);
      for (const f of nested) expect(ids.has(f.parentFolderId)).toBe(true);
      for (const workspace of company.workspaces) {
        const res = await get(sim, `/v2/library/folders?workspaceId=${workspace.id}`);
        expect(res.body.folders.map((f: any) => f.id)).toEqual(company.coaching.publicFolders(NOW, workspace.id).map((f) => f.id));
      }
      const unknown = await get(sim, '/v2/library/folders?workspaceId=1');
      expect(unknown.status).toBe(404);

      let empty = 0;
      for (const folder of all.body.folders) {
        const res = await get(sim, `/v2/library/folder-content?folderId=${folder.id}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: folder.id, name: folder.name, updated: folder.updated });
        expect(res.body.calls.map((c: any) => c.id)).toEqual(company.coaching.folderEntriesAt(folder.id, NOW)!.map((e) => e.callId));
        for (const c of res.body.calls) expect(company.isVisible(company.callById(c.id)!, NOW)).toBe(true);
        if (res.body.calls.length === 0) empty++;
      }
      expect(empty).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });

  it('404s an unknown folder, 400s a missing folderId', async () => {
    const sim = await simulator();
    try {
      const unknown = await get(sim, '/v2/library/folder-content?folderId=42');
      expect(unknown.status).toBe(404);
      expect(unknown.body.errors).toEqual(['Folder ID 42 was not found']);
      expect((await get(sim, '/v2/library/folder-content')).status).toBe(400);
    } finally {
      await sim.close();
    }
  });

  it('changes over time: a call leaves a folder, another joins, a new folder appears', async () => {
    const sim = await simulator();
    try {
      const folders = (await get(sim, '/v2/library/folders')).body.folders;
      const contents = new Map<string, string[]>();
      for (const f of folders) contents.set(f.id, (await get(sim, `/v2/library/folder-content?folderId=${f.id}`)).body.calls.map((c: any) => c.id));
      sim.advance(3 * DAY);
      const laterFolders = (await get(sim, '/v2/library/folders')).body.folders;
      expect(laterFolders.length).toBeGreaterThan(folders.length);
      const created = laterFolders.find((f: any) => !contents.has(f.id));
      expect((await get(sim, `/v2/library/folder-content?folderId=${created.id}`)).status).toBe(200);
      let removed = 0, added = 0;
      for (const f of folders) {
        const now = (await get(sim, `/v2/library/folder-content?folderId=${f.id}`)).body;
        const before = contents.get(f.id)!;
        removed += before.filter((id) => !now.calls.some((c: any) => c.id === id)).length;
        added += now.calls.filter((c: any) => !before.includes(c.id)).length;
        if (removed + added > 0 && now.updated !== f.updated) expect(Date.parse(now.updated)).toBeGreaterThan(Date.parse(f.updated));
      }
      expect(removed).toBeGreaterThan(0);
      expect(added).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});

describe('GET /v2/calls/manual-crm-associations', () => {
  const pagesOf = async (sim: Simulator, query: string) => {
    const items: any[] = [];
    let cursor: string | undefined;
    do {
      const res = await get(sim, `/v2/calls/manual-crm-associations?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      items.push(...res.body.associations);
      cursor = res.body.records.cursor;
    } while (cursor);
    return items;
  };

  it('pages (cursor in the query) through every association event so far, oldest first, with CRM ids', async () => {
    const sim = await simulator();
    try {
      const items = await pagesOf(sim, '');
      const truth = company.coaching.manualAssociationsAt(NOW);
      expect(items.length).toBeGreaterThan(25);
      expect(items.map((a) => `${a.callId}@${Date.parse(a.created)}`)).toEqual(truth.map((a) => `${a.callId}@${a.createdMs}`));
      for (const a of items) {
        const [object] = a.associatedCrmObjects;
        expect(company.accountById(object.accountCrmId)).toBeDefined();
        if (object.dealCrmId) expect(company.dealById(object.dealCrmId)!.accountId).toBe(object.accountCrmId);
        expect(Date.parse(a.created)).toBeGreaterThanOrEqual(company.callById(a.callId)!.visibleAt);
      }
    } finally {
      await sim.close();
    }
  });

  it('takes fromDateTime inclusively and binds the cursor to it', async () => {
    const sim = await simulator({ pageSize: 5 });
    try {
      const truth = company.coaching.manualAssociationsAt(NOW);
      const pivot = truth[truth.length - 8]!;
      const from = new Date(pivot.createdMs).toISOString();
      const items = await pagesOf(sim, `fromDateTime=${encodeURIComponent(from)}`);
      expect(items[0].callId).toBe(truth.find((a) => a.createdMs >= pivot.createdMs)!.callId);
      expect(items.length).toBe(truth.filter((a) => a.createdMs >= pivot.createdMs).length);
      const after = await pagesOf(sim, `fromDateTime=${encodeURIComponent(new Date(pivot.createdMs + 1).toISOString())}`);
      expect(after.length).toBe(truth.filter((a) => a.createdMs > pivot.createdMs).length);
      const first = await get(sim, `/v2/calls/manual-crm-associations?fromDateTime=${encodeURIComponent(from)}`);
      const mismatch = await get(sim, `/v2/calls/manual-crm-associations?cursor=${encodeURIComponent(first.body.records.cursor)}`);
      expect(mismatch.status).toBe(400);
      const none = await get(sim, `/v2/calls/manual-crm-associations?fromDateTime=${encodeURIComponent('2030-01-01T00:00:00Z')}`);
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({ records: { totalRecords: 0, currentPageSize: 0 }, associations: [] });
      expect((await get(sim, '/v2/calls/manual-crm-associations?fromDateTime=yesterday')).status).toBe(400);
    } finally {
      await sim.close();
    }
  });

  it('re-associates calls later with another deal; the newest event is the call association', async () => {
    const sim = await simulator();
    try {
      sim.advance(2 * DAY);
      const items = await pagesOf(sim, `fromDateTime=${encodeURIComponent(new Date(NOW).toISOString())}`);
      expect(items.length).toBeGreaterThan(0);
      const all = company.coaching.manualAssociationsAt(NOW + 2 * DAY);
      const reassociated = items.find((a) => all.some((o) => o.callId === a.callId && o.createdMs < Date.parse(a.created)));
      expect(reassociated).toBeDefined();
      const older = all.filter((o) => o.callId === reassociated.callId && o.createdMs < Date.parse(reassociated.created));
      expect(older.at(-1)!.dealCrmId).not.toBe(reassociated.associatedCrmObjects[0].dealCrmId);
      expect(company.coaching.latestManualAssociationsAt(NOW + 2 * DAY).get(reassociated.callId)!.dealCrmId).toBe(reassociated.associatedCrmObjects[0].dealCrmId);
      expect(company.coaching.latestManualAssociationsAt(NOW).get(reassociated.callId)!.dealCrmId).toBe(older.at(-1)!.dealCrmId);
    } finally {
      await sim.close();
    }
  });
});

describe('scopes, faults and the request log apply to the coaching endpoints', () => {
  const ENDPOINTS: [method: 'GET' | 'POST', path: string, scope: string, body?: unknown][] = [
    ['GET', '/v2/settings/trackers', 'api:settings:trackers:read'],
    ['GET', '/v2/settings/scorecards', 'api:settings:scorecards:read'],
    ['POST', '/v2/stats/activity/scorecards', 'api:stats:scorecards', { filter: {} }],
    ['POST', '/v2/stats/activity/day-by-day', 'api:stats:user-actions:detailed', { filter: { fromDate: '2026-05-18', toDate: '2026-05-25' } }],
    ['POST', '/v2/stats/interaction', 'api:stats:interaction', { filter: { fromDate: '2026-05-18', toDate: '2026-05-25' } }],
    ['GET', '/v2/library/folders', 'api:library:read'],
    ['GET', '/v2/calls/manual-crm-associations', 'api:crm-calls:manual-association:read'],
  ];
  let sim: Simulator;
  beforeAll(async () => {
    sim = await simulator({ tokens: { 'calls-only': ['api:calls:read:basic'], coaching: ENDPOINTS.map(([, , scope]) => scope) } });
  });
  afterAll(() => sim.close());
  const call = (method: 'GET' | 'POST', path: string, body: unknown, auth?: string | null) => (method === 'GET' ? get(sim, path, auth) : post(sim, path, body, auth));

  it('refuses a Bearer token without the scope with 401 naming it, and serves one with it', async () => {
    for (const [method, path, scope, body] of ENDPOINTS) {
      const refused = await call(method, path, body, 'Bearer calls-only');
      expect(refused.status).toBe(401);
      expect(refused.body.errors).toEqual([`You don't have permission to use '${scope}' in your app.`]);
      expect((await call(method, path, body, 'Bearer coaching')).status).toBe(200);
      expect((await call(method, path, body, null)).status).toBe(401);
    }
    const folder = company.coaching.publicFolders(NOW)[0]!.id;
    expect((await get(sim, `/v2/library/folder-content?folderId=${folder}`, 'Bearer calls-only')).status).toBe(401);
  });

  it('logs each endpoint under its own key and injects faults there too', async () => {
    sim.log.reset();
    for (const [method, path, , body] of ENDPOINTS) await call(method, path, body);
    expect(Object.keys(sim.log.countsByEndpoint()).sort()).toEqual(ENDPOINTS.map(([method, path]) => `${method} ${path}`).sort());
    sim.setFaults('5xx=1:500');
    try {
      for (const [method, path, , body] of ENDPOINTS) expect((await call(method, path, body)).status).toBe(500);
    } finally {
      sim.setFaults('');
    }
    expect((await send405(sim)).status).toBe(405);
  });
});

const send405 = (sim: Simulator) => get(sim, '/v2/stats/interaction');
