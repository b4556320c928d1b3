/**
 * Answered scorecards, daily activity and interaction stats (docs/gong-api.md §3.5) → their rows.
 * Gong's day-by-day counters are lists of call ids; a column holds how many.
 */
import type { GongAnsweredScorecard, GongDailyActivityStats, GongUserDailyActivity, GongUserInteractionStats } from '../../gong/types.js';
import { DAILY_ACTIVITY_COUNTERS } from '../schema/tables/coaching-tables.js';
import { boolOrNull, gongTimeToUtcLenient, numberOrNull, text } from './values.js';

export function answeredScorecardRows(card: GongAnsweredScorecard): { gong_answered_scorecards: Record<string, unknown>[]; gong_scorecard_answers: Record<string, unknown>[] } {
  const id = String(card.answeredScorecardId);
  const answers = (Array.isArray(card.answers) ? card.answers : []).filter((a) => a && a.questionId !== undefined && a.questionId !== null);
  return {
    gong_answered_scorecards: [
      {
        id,
        scorecard_id: text(card.scorecardId),
        scorecard_name: text(card.scorecardName),
        call_id: text(card.callId),
        call_started_at: gongTimeToUtcLenient(card.callStartTime),
        reviewed_user_id: text(card.reviewedUserId),
        reviewer_user_id: text(card.reviewerUserId),
        review_time: gongTimeToUtcLenient(card.reviewTime),
        visibility: text(card.visibilityType),
        raw: card,
      },
    ],
    gong_scorecard_answers: answers.map((a) => ({
      answered_scorecard_id: id,
      question_id: String(a.questionId),
      is_overall: boolOrNull(a.isOverall),
      score: numberOrNull(a.score),
      answer_text: text(a.answerText),
      not_applicable: boolOrNull(a.notApplicable),
      selected_options: Array.isArray(a.selectedOptions) ? a.selectedOptions.map(String) : null,
    })),
  };
}

/** Each counter with its column (`callsAsHost` → `calls_as_host`), worked out once, not per row. */
const COUNTER_COLUMNS = DAILY_ACTIVITY_COUNTERS.map((counter) => [counter, counter.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] as const);

/** The company-time date a day of stats is about: the date part of its `fromDate`. */
export function statsDay(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

/** One row per user and day. */
export function dailyActivityRows(user: GongUserDailyActivity): Record<string, unknown>[] {
  const days: GongDailyActivityStats[] = Array.isArray(user.userDailyActivityStats) ? user.userDailyActivityStats : [];
  return days.flatMap((day) => {
    const date = statsDay(day.fromDate);
    if (date === null) return [];
    const row: Record<string, unknown> = { user_id: String(user.userId), day: date };
    for (const [counter, column] of COUNTER_COLUMNS) {
      const ids = day[counter];
      row[column] = Array.isArray(ids) ? ids.length : 0;
    }
    row.raw = day;
    return [row];
  });
}

/** One row per user, period and statistic. */
export function interactionStatsRows(user: GongUserInteractionStats, period: { start: string; end: string }): Record<string, unknown>[] {
  const stats = Array.isArray(user.personInteractionStats) ? user.personInteractionStats : [];
  return stats.flatMap((stat) => {
    const name = text(stat?.name);
    return name === null ? [] : [{ user_id: String(user.userId), period_start: period.start, period_end: period.end, name, value: numberOrNull(stat.value) }];
  });
}
