/**
 * `POST /v2/stats/activity/day-by-day` and `POST /v2/stats/interaction` (docs/gong-api.md §3.5):
 * one record per user with activity (or analysed calls) in the range, 100 users a page, the
 * cursor in the body; nothing to report is the spec's 404 "No stats found for the specified period".
 */
import { dayStartMs } from '../coaching/company-days.js';
import { NO_STATS } from '../messages.js';
import { locatePage, pageOf } from '../pagination.js';
import { formatInstant } from '../company-time.js';
import { timeZoneName, toWireDailyActivity, toWireInteractionStats } from '../wire/coaching.js';
import { fail, isResult, ok, type RouteContext, type RouteResult } from './route.js';
import { readStatsRequest } from './stats-filter.js';

/** @example dayByDayActivity({ ...ctx, body: { filter: { fromDate: '2026-05-01', toDate: '2026-05-08' } } }) */
export function dayByDayActivity(ctx: RouteContext): RouteResult {
  const request = readStatsRequest(ctx);
  if (isResult(request)) return request;
  const position = locatePage(ctx.pagination, 'POST /v2/stats/activity/day-by-day', request.inputs, request.cursor, ctx.now);
  if (typeof position === 'string') return fail(400, position);
  const users = ctx.company.coaching.dailyActivityAt(ctx.now, request.fromDate, request.toDate, request.userIds);
  const page = pageOf(ctx.pagination, users, position);
  if (!page) return fail(404, NO_STATS);
  return ok({ records: page.records, usersDetailedActivities: page.items.map((u) => toWireDailyActivity(u, ctx.company.offsetMinutes)) });
}

/** @example interactionStats({ ...ctx, body: { filter: { fromDate: '2026-05-01', toDate: '2026-05-08' } } }) */
export function interactionStats(ctx: RouteContext): RouteResult {
  const request = readStatsRequest(ctx);
  if (isResult(request)) return request;
  const position = locatePage(ctx.pagination, 'POST /v2/stats/interaction', request.inputs, request.cursor, ctx.now);
  if (typeof position === 'string') return fail(400, position);
  const users = ctx.company.coaching.interactionStatsAt(ctx.now, request.fromDate, request.toDate, request.userIds);
  const page = pageOf(ctx.pagination, users, position);
  if (!page) return fail(404, NO_STATS);
  const offset = ctx.company.offsetMinutes;
  return ok({
    records: page.records,
    peopleInteractionStats: page.items.map(toWireInteractionStats),
    timeZone: timeZoneName(offset),
    fromDateTime: formatInstant(dayStartMs(request.fromDate, offset)!, offset, 0),
    toDateTime: formatInstant(dayStartMs(request.toDate, offset)!, offset, 0),
  });
}
