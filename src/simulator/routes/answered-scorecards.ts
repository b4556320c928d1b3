/**
 * `POST /v2/stats/activity/scorecards` (docs/gong-api.md §3.5): reviews published by now, filtered
 * by the call's day and the review's day (company time, `from` inclusive, `to` exclusive, S1), by
 * reviewed user and by scorecard; in review-time order, 100 a page, cursor in the body. Nothing
 * found is the 404 "Answered scorecards not found" (Airbyte treats it as empty).
 */
import { readDayRange, type DayRange } from '../coaching/company-days.js';
import { NO_ANSWERED_SCORECARDS } from '../messages.js';
import { locatePage, pageOf } from '../pagination.js';
import { toWireAnsweredScorecard } from '../wire/coaching.js';
import { readIds } from './calls-filter.js';
import { bodyObject, fail, isResult, ok, type RouteContext, type RouteResult } from './route.js';

const within = (ms: number, range: DayRange) => (range.fromMs === undefined || ms >= range.fromMs) && (range.toMs === undefined || ms < range.toMs);

/** @example answeredScorecards({ ...ctx, body: { filter: { reviewFromDate: '2026-05-01' } } }) */
export function answeredScorecards(ctx: RouteContext): RouteResult {
  const body = bodyObject(ctx);
  if (isResult(body)) return body;
  const filter = body.filter;
  if (filter === undefined || filter === null) return fail(400, 'filter: must not be null');
  if (typeof filter !== 'object' || Array.isArray(filter)) return fail(400, 'filter: must be an object');
  const f = filter as Record<string, unknown>;
  const offset = ctx.company.offsetMinutes;
  const calls = readDayRange(f.callFromDate, f.callToDate, { from: 'filter.callFromDate', to: 'filter.callToDate' }, offset);
  if (typeof calls === 'string') return fail(400, calls);
  const reviews = readDayRange(f.reviewFromDate, f.reviewToDate, { from: 'filter.reviewFromDate', to: 'filter.reviewToDate' }, offset);
  if (typeof reviews === 'string') return fail(400, reviews);
  const sets: Record<'reviewedUserIds' | 'scorecardIds', Set<string> | undefined> = { reviewedUserIds: undefined, scorecardIds: undefined };
  for (const key of ['reviewedUserIds', 'scorecardIds'] as const) {
    if (f[key] === undefined || f[key] === null) continue;
    const ids = readIds(f[key], `filter.${key}`);
    if (typeof ids === 'string') return fail(400, ids);
    if (ids.length > 0) sets[key] = new Set(ids);
  }
  const { cursor, ...inputs } = body;
  const position = locatePage(ctx.pagination, 'POST /v2/stats/activity/scorecards', inputs, cursor, ctx.now);
  if (typeof position === 'string') return fail(400, position);
  const found = ctx.company.coaching
    .answeredScorecardsAt(ctx.now)
    .filter(
      (a) =>
        within(a.callStartedMs, calls) &&
        within(a.reviewMs, reviews) &&
        (!sets.reviewedUserIds || sets.reviewedUserIds.has(a.reviewedUserId)) &&
        (!sets.scorecardIds || sets.scorecardIds.has(a.scorecardId)),
    );
  const page = pageOf(ctx.pagination, found, position);
  if (!page) return fail(404, NO_ANSWERED_SCORECARDS);
  return ok({ records: page.records, answeredScorecards: page.items.map((a) => toWireAnsweredScorecard(ctx.company, a)) });
}
