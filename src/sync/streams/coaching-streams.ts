/**
 * Coaching (docs/gong-api.md §3.5): scorecards managers filled in, by review date; each user's
 * activity day by day; each user's interaction statistics per day. Incremental by day: Gong's
 * filters take whole days, and the last `--lookback` days (3 by default) are read again on every
 * run because Gong keeps filling them in: a review is published days after the call, and a day's
 * activity and statistics count calls that Gong finishes processing hours (or, for late calls, a
 * day or two) after the day ends — the same lag the calls lookback covers.
 */
import type { GongAnsweredScorecard, GongUserDailyActivity, GongUserInteractionStats } from '../../gong/types.js';
import { answeredScorecardRows, dailyActivityRows, interactionStatsRows } from '../../store/mappers/coaching-rows.js';
import { gongAnsweredScorecards, gongScorecardAnswers, gongUserDailyActivity, gongUserInteractionStats } from '../../store/schema/index.js';
import { DAY, parseInstant } from '../../util/time.js';
import type { SourcePage, StreamDefinition } from '../engine/stream-definition.js';
import { dateOf } from './day-dates.js';
import { pagesOf } from './pages-of.js';
import { checkAnsweredScorecard, checkDailyActivity, checkInteractionStats } from '../../gong/checks/record-shapes.js';

export const answeredScorecardsStream: StreamDefinition<GongAnsweredScorecard> = {
  name: 'answered-scorecards',
  description: 'Scorecards filled in about calls, with their answers: incremental by review date, recent days re-read.',
  tables: [gongAnsweredScorecards, gongScorecardAnswers],
  scopes: ['api:stats:scorecards'],
  source: {
    replication: 'windows',
    granularity: 'day',
    read: (ctx, window) => pagesOf(ctx.client.answeredScorecards({ reviewFrom: dateOf(window.from), reviewTo: dateOf(window.to), signal: ctx.signal })),
    positionOf: (card) => (typeof card.reviewTime === 'string' ? parseInstant(card.reviewTime) : undefined),
    lookbackMs: (ctx) => ctx.options.lookbackMs,
  },
  check: checkAnsweredScorecard,
  toRows: (card) => answeredScorecardRows(card),
};

export const activityStream: StreamDefinition<GongUserDailyActivity> = {
  name: 'activity',
  description: "Each user's activity day by day (calls hosted, attended, listened to, shared, scored…): incremental by day, recent days re-read.",
  tables: [gongUserDailyActivity],
  scopes: ['api:stats:user-actions:detailed'],
  counter: 'activityDays',
  source: {
    replication: 'windows',
    granularity: 'day',
    read: (ctx, window) => pagesOf(ctx.client.dailyActivity({ fromDate: dateOf(window.from), toDate: dateOf(window.to), signal: ctx.signal })),
    // Pages go by user, not by day: a restart reads the window again from its start.
    positionOf: () => undefined,
    lookbackMs: (ctx) => ctx.options.lookbackMs,
  },
  check: checkDailyActivity,
  toRows: (user) => ({ gong_user_daily_activity: dailyActivityRows(user) }),
  summary: (s) => `${(s.activityDays ?? 0).toLocaleString('en-US')} user-days written`,
};

/** One user's statistics over one day. */
export interface UserStatsOfDay {
  day: { start: string; end: string; startMs: number };
  user: GongUserInteractionStats;
}

/**
 * How far back interaction statistics go on a backfill. Gong computes them per period asked for,
 * so daily rows cost one request a day (a 6-month backfill would spend 180 requests on them);
 * coaching looks at recent weeks, and five weeks covers a month-over-month comparison.
 */
export const INTERACTION_STATS_DAYS = 35;

export const interactionStatsStream: StreamDefinition<UserStatsOfDay> = {
  name: 'interaction-stats',
  description: "Each user's interaction statistics per day (Interactivity, Patience, Question Rate…): one request a day, the last 35 days on a backfill, recent days re-read.",
  tables: [gongUserInteractionStats],
  scopes: ['api:stats:interaction'],
  source: {
    replication: 'windows',
    granularity: 'day',
    // Gong aggregates over the period asked for: one period a day keeps the statistics per day.
    // That costs a request a day, so a backfill reads the last INTERACTION_STATS_DAYS only.
    read: async function* (ctx, window): AsyncIterable<SourcePage<UserStatsOfDay>> {
      const first = Math.max(window.from, window.to - INTERACTION_STATS_DAYS * DAY);
      for (let start = first; start < window.to; start += DAY) {
        const day = { start: dateOf(start), end: dateOf(start + DAY), startMs: start };
        for await (const page of ctx.client.interactionStats({ fromDate: day.start, toDate: day.end, signal: ctx.signal }).pages()) {
          yield { items: page.items.map((user) => ({ day, user })), total: page.records?.totalRecords };
        }
      }
    },
    positionOf: (record) => record.day.startMs,
    lookbackMs: (ctx) => ctx.options.lookbackMs,
  },
  check: (record) => checkInteractionStats(record.user),
  toRows: (record) => ({ gong_user_interaction_stats: interactionStatsRows(record.user, record.day) }),
};
