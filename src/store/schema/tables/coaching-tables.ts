/**
 * Coaching: scorecards managers filled in about calls, and each rep's daily activity and
 * interaction statistics (docs/gong-api.md §3.5). Incremental by review date or by day, with the
 * most recent days re-read because Gong keeps filling them.
 */
import { bool, int, json, real, text, time } from '../column.js';
import { defineTable } from '../table.js';

export const gongAnsweredScorecards = defineTable({
  name: 'gong_answered_scorecards',
  description: 'Scorecards filled in about a call: who reviewed whom, when.',
  key: ['id'],
  tenant: true,
  exportName: 'answered_scorecards',
  columns: {
    id: text(),
    scorecard_id: text().nullable(),
    scorecard_name: text().nullable(),
    call_id: text().nullable(),
    call_started_at: time().nullable(),
    reviewed_user_id: text().nullable(),
    reviewer_user_id: text().nullable(),
    review_time: time().nullable(),
    visibility: text().nullable().describe('PUBLIC, PRIVATE or OPT_IN_USERS.'),
    raw: json().describe('The answered scorecard exactly as Gong sent it.'),
    synced_at: time().internal(),
  },
});

export const gongScorecardAnswers = defineTable({
  name: 'gong_scorecard_answers',
  description: 'The answers of a filled-in scorecard, one per question.',
  key: ['answered_scorecard_id', 'question_id'],
  tenant: true,
  exportName: 'scorecard_answers',
  parent: { table: 'gong_answered_scorecards', column: 'answered_scorecard_id' },
  columns: {
    answered_scorecard_id: text(),
    question_id: text(),
    is_overall: bool().nullable(),
    score: real().nullable(),
    answer_text: text().nullable(),
    not_applicable: bool().nullable(),
    selected_options: json().nullable().shaped({ type: ['array', 'null'], items: { type: 'string' } }),
  },
});

/** Gong's day-by-day counters, each an integer column in snake_case (product.md). */
export const DAILY_ACTIVITY_COUNTERS = [
  'callsAsHost',
  'callsAttended',
  'callsGaveFeedback',
  'callsReceivedFeedback',
  'callsRequestedFeedback',
  'callsScorecardsFilled',
  'callsScorecardsReceived',
  'callsSharedInternally',
  'callsSharedExternally',
  'callsCommentsGiven',
  'callsCommentsReceived',
  'ownCallsListenedTo',
  'othersCallsListenedTo',
  'callsMarkedAsFeedbackGiven',
  'callsMarkedAsFeedbackReceived',
] as const;

export const gongUserDailyActivity = defineTable({
  name: 'gong_user_daily_activity',
  description: "Each user's activity per day: calls hosted, attended, listened to, shared, commented, scored…",
  key: ['user_id', 'day'],
  tenant: true,
  exportName: 'user_daily_activity',
  columns: {
    user_id: text(),
    day: text().describe('YYYY-MM-DD in the company time zone.'),
    calls_as_host: int(),
    calls_attended: int(),
    calls_gave_feedback: int(),
    calls_received_feedback: int(),
    calls_requested_feedback: int(),
    calls_scorecards_filled: int(),
    calls_scorecards_received: int(),
    calls_shared_internally: int(),
    calls_shared_externally: int(),
    calls_comments_given: int(),
    calls_comments_received: int(),
    own_calls_listened_to: int(),
    others_calls_listened_to: int(),
    calls_marked_as_feedback_given: int(),
    calls_marked_as_feedback_received: int(),
    raw: json().describe("The day as Gong sent it: each counter's call ids."),
    synced_at: time().internal(),
  },
});

export const gongUserInteractionStats = defineTable({
  name: 'gong_user_interaction_stats',
  description: "Each user's interaction statistics per period (a day): Interactivity, Patience, Question Rate…",
  key: ['user_id', 'period_start', 'name'],
  tenant: true,
  exportName: 'user_interaction_stats',
  columns: {
    user_id: text(),
    period_start: text().describe('First day of the period, YYYY-MM-DD.'),
    period_end: text().describe('Day after the period, YYYY-MM-DD (exclusive).'),
    name: text(),
    value: real().nullable(),
    synced_at: time().internal(),
  },
});
