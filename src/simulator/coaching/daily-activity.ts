/**
 * `POST /v2/stats/activity/day-by-day` truth: what each user did on each company day, as lists of
 * call ids. Hosting and attending come from the calls themselves, scorecards from the answered
 * scorecards; listens, comments, feedback and shares are drawn from each call's seed. Every
 * event has the instant it happened (which decides its day) and the instant Gong's stats show it:
 * stats lag behind, so a day keeps filling in for up to `LATE_FILL_MS` after it ends.
 */
import type { Company } from '../company/company.js';
import type { CompanyCall } from '../company/types.js';
import { hashSeed, Prng } from '../prng.js';
import type { AnsweredScorecard } from './answered-scorecards.js';
import { dayOf, daysOf, dayStartMs, dayStartOf } from './company-days.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How long after a day ends its counters may still grow. */
export const LATE_FILL_MS = 36 * HOUR;

/** Gong's 15 counters, in the order the docs list them. */
export const ACTIVITY_COUNTERS = [
  'callsAsHost',
  'callsGaveFeedback',
  'callsRequestedFeedback',
  'callsReceivedFeedback',
  'ownCallsListenedTo',
  'othersCallsListenedTo',
  'callsSharedInternally',
  'callsSharedExternally',
  'callsScorecardsFilled',
  'callsScorecardsReceived',
  'callsAttended',
  'callsCommentsGiven',
  'callsCommentsReceived',
  'callsMarkedAsFeedbackGiven',
  'callsMarkedAsFeedbackReceived',
] as const;
export type ActivityCounter = (typeof ACTIVITY_COUNTERS)[number];

export interface ActivityEvent {
  userId: string;
  counter: ActivityCounter;
  callId: string;
  /** When it happened; its company day is the stats day. */
  atMs: number;
  /** When the stats show it. */
  recordedMs: number;
}

export interface ActivityDay {
  day: string;
  fromMs: number;
  toMs: number;
  /** Every counter, each a list of distinct call ids in the order they happened. */
  counters: Record<ActivityCounter, string[]>;
}

export interface UserDailyActivity {
  userId: string;
  emailAddress: string;
  days: ActivityDay[];
}

/**
 * Every activity event, ascending by `atMs`.
 *
 * @example buildActivityEvents(company, answered).filter((e) => e.counter === 'callsAsHost').length
 */
export function buildActivityEvents(company: Company, answered: readonly AnsweredScorecard[]): ActivityEvent[] {
  const events: ActivityEvent[] = [];
  const offset = company.offsetMinutes;
  const add = (userId: string | null | undefined, counter: ActivityCounter, callId: string, atMs: number, recordedMs: number) => {
    if (!userId) return;
    const dayEnd = dayStartOf(atMs, offset) + DAY;
    events.push({ userId, counter, callId, atMs, recordedMs: Math.max(atMs, Math.min(recordedMs, dayEnd + LATE_FILL_MS)) });
  };
  for (const call of company.calls) {
    const rng = new Prng(hashSeed(call.seed, 'activity'));
    const host = call.primaryUserId;
    add(host, 'callsAsHost', call.id, call.startedMs, call.visibleAt);
    for (const id of call.userIds) if (id !== host) add(id, 'callsAttended', call.id, call.startedMs, call.visibleAt);
    collaboration(company, call, rng, add);
  }
  for (const review of answered) {
    const lag = (n: number) => review.reviewMs + n;
    add(review.reviewerUserId, 'othersCallsListenedTo', review.callId, lag(-25 * MINUTE), lag(0));
    add(review.reviewerUserId, 'callsScorecardsFilled', review.callId, review.reviewMs, lag(5 * MINUTE));
    add(review.reviewedUserId, 'callsScorecardsReceived', review.callId, review.reviewMs, lag(5 * MINUTE));
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}

type Add = (userId: string | null | undefined, counter: ActivityCounter, callId: string, atMs: number, recordedMs: number) => void;

/** Listens, comments, feedback and shares after a call, each recorded a few hours late. */
function collaboration(company: Company, call: CompanyCall, rng: Prng, add: Add): void {
  const endMs = Math.max(call.startedMs + call.durationSec * 1000, call.visibleAt);
  const after = (median: number) => endMs + Math.round(rng.logNormal(median, 1, 5 * MINUTE, 20 * DAY));
  const statsLag = () => Math.round(rng.logNormal(3 * HOUR, 1.2, MINUTE, LATE_FILL_MS));
  const host = call.primaryUserId;
  const manager = company.userById(host)?.managerId ?? null;
  if (rng.chance(0.3)) {
    const at = after(6 * HOUR);
    add(host, 'ownCallsListenedTo', call.id, at, at + statsLag());
  }
  if (manager && rng.chance(0.12)) {
    const at = after(DAY);
    add(manager, 'othersCallsListenedTo', call.id, at, at + statsLag());
    if (rng.chance(0.5)) {
      const recorded = at + statsLag();
      add(manager, 'callsCommentsGiven', call.id, at, recorded);
      add(host, 'callsCommentsReceived', call.id, at, recorded);
    }
  }
  if (manager && rng.chance(0.06)) {
    const asked = after(2 * HOUR);
    add(host, 'callsRequestedFeedback', call.id, asked, asked + statsLag());
    const given = asked + Math.round(rng.logNormal(DAY, 0.8, HOUR, 10 * DAY));
    const recorded = given + statsLag();
    add(manager, 'callsGaveFeedback', call.id, given, recorded);
    add(host, 'callsReceivedFeedback', call.id, given, recorded);
    if (rng.chance(0.7)) {
      add(manager, 'callsMarkedAsFeedbackGiven', call.id, given, recorded);
      add(host, 'callsMarkedAsFeedbackReceived', call.id, given, recorded);
    }
  }
  if (rng.chance(0.08)) {
    const at = after(DAY);
    add(host, 'callsSharedInternally', call.id, at, at + statsLag());
  }
  if (call.kind === 'external' && rng.chance(0.04)) {
    const at = after(4 * HOUR);
    add(host, 'callsSharedExternally', call.id, at, at + statsLag());
  }
}

/**
 * What the stats show at `atMs` for the days `[from, to)`: users with at least one recorded event
 * in the range, in the company's user order, each with every day of the range.
 *
 * @example dailyActivity(company, events, now, '2026-05-01', '2026-05-08')[0]?.days.length // 7
 */
export function dailyActivity(company: Company, events: readonly ActivityEvent[], atMs: number, from: string, to: string, userIds?: ReadonlySet<string>): UserDailyActivity[] {
  const offset = company.offsetMinutes;
  const fromMs = dayStartMs(from, offset)!, toMs = dayStartMs(to, offset)!;
  const byUser = new Map<string, ActivityEvent[]>();
  for (let i = firstAtOrAfter(events, fromMs); i < events.length && events[i]!.atMs < toMs; i++) {
    const e = events[i]!;
    if (e.recordedMs > atMs || (userIds && !userIds.has(e.userId))) continue;
    const list = byUser.get(e.userId);
    if (list) list.push(e);
    else byUser.set(e.userId, [e]);
  }
  const days = daysOf(from, to);
  const out: UserDailyActivity[] = [];
  for (const user of company.users) {
    const list = byUser.get(user.id);
    if (!list) continue;
    const byDay = new Map(days.map((day) => [day, emptyDay(day, offset)]));
    for (const e of list) {
      const counters = byDay.get(dayOf(e.atMs, offset))!.counters;
      if (!counters[e.counter].includes(e.callId)) counters[e.counter].push(e.callId);
    }
    out.push({ userId: user.id, emailAddress: user.emailAddress, days: [...byDay.values()] });
  }
  return out;
}

function emptyDay(day: string, offset: number): ActivityDay {
  const fromMs = dayStartMs(day, offset)!;
  const counters = Object.fromEntries(ACTIVITY_COUNTERS.map((c) => [c, [] as string[]])) as Record<ActivityCounter, string[]>;
  return { day, fromMs, toMs: fromMs + DAY, counters };
}

function firstAtOrAfter(events: readonly ActivityEvent[], ms: number): number {
  let lo = 0, hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.atMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
