/**
 * The call-intelligence and coaching streams against the simulator's ground truth, on SQLite and
 * PostgreSQL: after a backfill, after an incremental run in which reviews, stats days, library
 * folders and manual associations changed, and on a run with nothing new, whose requests are only
 * the documented ones (settings one each, the library one per folder, the day streams their
 * re-read days, call content none).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GongClient } from '../../../src/client/gong-client.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';
import { openStore } from '../../../src/store/open-store.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { DAY } from '../../../src/util/time.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = NOW - 21 * DAY;
const sorted = <T>(list: T[]) => [...list].sort();
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`call intelligence and coaching streams equal the simulator's truth: ${target.name}`, () => {
    let sim: Simulator;
    let store: GongStore;

    const sync = () =>
      syncGong({
        client: new GongClient({
          baseUrl: sim.url,
          accessKey: sim.credentials.accessKey,
          accessKeySecret: sim.credentials.accessKeySecret,
          rateLimit: false,
          budget: { store: store.budgetStore() },
          retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 8 },
        }),
        store,
        since: SINCE,
      });
    const rows = (table: string, columns: string[]) =>
      (store.scoped as any).selectFrom(table).select(columns).execute() as Promise<Record<string, any>[]>;
    const state = async (stream: string) => (await store.getStreamState(stream)) as { watermark?: string } | undefined;

    /** Every table against the truth at `at`, over the days the day streams have covered. */
    async function expectTruth(at: number) {
      const truth = sim.company.coaching;

      expect(sorted((await rows('gong_trackers', ['id'])).map((r) => r.id))).toEqual(sorted(truth.trackersOf()!.map((t) => t.id)));
      expect(sorted((await rows('gong_scorecards', ['id'])).map((r) => r.id))).toEqual(sorted(truth.scorecards.map((s) => s.id)));

      // Answered scorecards: every review made by `at` on a company day the stream covered.
      const fromDate = dateOf(SINCE);
      const toDate = (await state('answered-scorecards'))!.watermark!.slice(0, 10);
      const reviews = truth.answeredScorecardsAt(at).filter((r) => truth.currentDay(r.reviewMs) >= fromDate && truth.currentDay(r.reviewMs) < toDate);
      expect(reviews.length).toBeGreaterThan(0);
      expect(sorted((await rows('gong_answered_scorecards', ['id'])).map((r) => r.id))).toEqual(sorted(reviews.map((r) => r.id)));
      const answers = await rows('gong_scorecard_answers', ['answered_scorecard_id', 'question_id', 'score']);
      expect(answers.length).toBe(reviews.reduce((n, r) => n + r.answers.length, 0));

      // Daily activity: each user-day the stats show, with each counter's number of calls.
      const activityTo = (await state('activity'))!.watermark!.slice(0, 10);
      const truthDays = truth.dailyActivityAt(at, fromDate, activityTo).flatMap((u) =>
        u.days.map((d) => `${u.userId} ${d.day} ${d.counters.callsAsHost.length} ${d.counters.callsAttended.length} ${d.counters.ownCallsListenedTo.length}`),
      );
      const storedDays = (await rows('gong_user_daily_activity', ['user_id', 'day', 'calls_as_host', 'calls_attended', 'own_calls_listened_to'])).map(
        (r) => `${r.user_id} ${String(r.day).slice(0, 10)} ${r.calls_as_host} ${r.calls_attended} ${r.own_calls_listened_to}`,
      );
      // A user with no activity in a window's days is not listed for them (Gong lists users, not
      // days), so days where these counters are all zero are left out on both sides.
      const active = (line: string) => !line.endsWith(' 0 0 0');
      expect(truthDays.filter(active).length).toBeGreaterThan(0);
      expect(sorted(storedDays.filter(active))).toEqual(sorted(truthDays.filter(active)));

      // Interaction stats: one period a day, each user's statistics of that day.
      const statsTo = (await state('interaction-stats'))!.watermark!.slice(0, 10);
      const expectedStats: string[] = [];
      for (let day = Date.parse(`${fromDate}T00:00:00Z`); dateOf(day) < statsTo; day += DAY) {
        for (const user of truth.interactionStatsAt(at, dateOf(day), dateOf(day + DAY))) {
          for (const stat of user.stats) expectedStats.push(`${user.userId} ${dateOf(day)} ${stat.name} ${stat.value}`);
        }
      }
      const storedStats = (await rows('gong_user_interaction_stats', ['user_id', 'period_start', 'name', 'value'])).map(
        (r) => `${r.user_id} ${String(r.period_start).slice(0, 10)} ${r.name} ${Number(r.value)}`,
      );
      expect(sorted(storedStats)).toEqual(sorted(expectedStats));

      // The library: public folders and what each holds now.
      const folders = truth.publicFolders(at);
      expect(sorted((await rows('gong_library_folders', ['id'])).map((r) => r.id))).toEqual(sorted(folders.map((f) => f.id)));
      const entries = folders.flatMap((f) => (truth.folderEntriesAt(f.id, at) ?? []).map((e) => `${f.id} ${e.callId}`));
      expect(sorted((await rows('gong_library_folder_calls', ['folder_id', 'call_id'])).map((r) => `${r.folder_id} ${r.call_id}`))).toEqual(sorted(entries));

      // Manual associations: each call's newest association made since the first run's start.
      const latest = [...truth.latestManualAssociationsAt(at).values()].filter((a) => a.createdMs >= SINCE);
      const expectedLinks = latest.flatMap((a) => [`${a.callId} account ${a.accountCrmId}`, ...(a.dealCrmId ? [`${a.callId} deal ${a.dealCrmId}`] : [])]);
      expect(expectedLinks.length).toBeGreaterThan(0);
      const storedLinks = (await rows('gong_manual_crm_associations', ['call_id', 'crm_object_type', 'crm_object_id'])).map(
        (r) => `${r.call_id} ${r.crm_object_type} ${r.crm_object_id}`,
      );
      expect(sorted(storedLinks)).toEqual(sorted(expectedLinks));

      // Call content comes with the calls: one row per stored call that has content, trackers that fired.
      const calls = await rows('gong_calls', ['id']);
      const content = await rows('gong_call_content', ['call_id', 'brief']);
      expect(content.length).toBeGreaterThan(calls.length * 0.8);
      expect(content.every((c) => calls.some((k) => k.id === c.call_id))).toBe(true);
      expect((await rows('gong_call_trackers', ['call_id'])).length).toBeGreaterThan(0);
    }

    beforeAll(async () => {
      await target.setup();
      sim = await startSimulator({ seed: 11, calls: 400, now: NOW, frozenClock: true, rateLimit: false });
      store = await openStore(await target.location());
    }, 300_000);

    afterAll(async () => {
      await store?.close();
      await sim?.close();
      await target.teardown();
    });

    it('a backfill stores every table exactly', async () => {
      expect((await sync()).status).toBe('completed');
      await expectTruth(NOW);
    }, 300_000);

    it('migration 005 fills the content tables of a database that held calls before it, from their raw, without a request', async () => {
      const tables = ['gong_call_content', 'gong_call_trackers', 'gong_call_tracker_occurrences', 'gong_call_interaction_stats', 'gong_call_speakers'];
      const everything = async () => Promise.all(tables.map(async (t) => sorted((await (store.scoped as any).selectFrom(t).selectAll().execute()).map((r: unknown) => JSON.stringify(r)))));
      const synced = await everything();
      expect(synced[1]!.length).toBeGreaterThan(0);
      const backfill = MIGRATIONS.find((m) => m.id === '005-call-intelligence')!.backfill!;
      const requests = sim.log.count();
      await store.write(async (w) => {
        for (const t of tables) await (w.tx as any).deleteFrom(t).execute();
        await backfill(w.tx as never, store.kind);
      });
      expect(await everything()).toEqual(synced);
      expect(sim.log.count()).toBe(requests);
    }, 300_000);

    it('an incremental run two days later picks up new reviews, filled-in days, library changes and re-associations', async () => {
      const before = await rows('gong_manual_crm_associations', ['call_id', 'crm_object_id']);
      const later = sim.advance(2 * DAY);
      expect((await sync()).status).toBe('completed');
      await expectTruth(later);
      const after = await rows('gong_manual_crm_associations', ['call_id', 'crm_object_id']);
      expect(after).not.toEqual(before);
    }, 300_000);

    it('a run with nothing new asks only for what the documented re-reads need, and nothing for call content', async () => {
      sim.log.reset();
      expect((await sync()).status).toBe('completed');
      const counts = sim.log.countsByEndpoint();
      expect(counts['GET /v2/workspaces']).toBe(1);
      expect(counts['GET /v2/settings/trackers']).toBe(1);
      expect(counts['GET /v2/settings/scorecards']).toBe(1);
      expect(counts['GET /v2/library/folders']).toBe(1);
      expect(counts['GET /v2/library/folder-content']).toBe(sim.company.coaching.publicFolders(sim.clock.now()).length);
      // Day streams re-read the lookback (3 days) and the day Gong is still filling: a handful each.
      expect(counts['POST /v2/stats/interaction']).toBeLessThanOrEqual(5);
      expect(counts['POST /v2/stats/activity/day-by-day']).toBeLessThanOrEqual(2);
      expect(counts['POST /v2/stats/activity/scorecards'] ?? 0).toBeLessThanOrEqual(2);
      expect(counts['GET /v2/calls/manual-crm-associations']).toBeLessThanOrEqual(2);
      await expectTruth(sim.clock.now());
    }, 300_000);
  });
}
