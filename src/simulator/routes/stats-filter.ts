/**
 * The body of the stats endpoints (S1 `PublicApiBaseRequestV2MultipleUsersWithDates`):
 * `{cursor?, filter: {fromDate, toDate, userIds?}}`, company-time dates with `fromDate`
 * inclusive, `toDate` exclusive and not after the current day (docs/gong-api.md §2.4).
 * `createdFromDateTime`/`createdToDateTime` are accepted and ignored: the spec does not say what they do.
 */
import { dayOf, readDayRange } from '../coaching/company-days.js';
import { readIds } from './calls-filter.js';
import { bodyObject, fail, isResult, type RouteContext, type RouteResult } from './route.js';

export interface StatsRequest {
  fromDate: string;
  toDate: string;
  userIds?: string[];
  /** Everything but the cursor: what a cursor is bound to. */
  inputs: Record<string, unknown>;
  cursor: unknown;
}

/** @example const request = readStatsRequest(ctx); if (isResult(request)) return request; */
export function readStatsRequest(ctx: RouteContext): StatsRequest | RouteResult {
  const body = bodyObject(ctx);
  if (isResult(body)) return body;
  const filter = body.filter;
  if (filter === undefined || filter === null) return fail(400, 'filter: must not be null');
  if (typeof filter !== 'object' || Array.isArray(filter)) return fail(400, 'filter: must be an object');
  const f = filter as Record<string, unknown>;
  const offset = ctx.company.offsetMinutes;
  const range = readDayRange(f.fromDate, f.toDate, { from: 'filter.fromDate', to: 'filter.toDate' }, offset, { required: true, notAfter: dayOf(ctx.now, offset) });
  if (typeof range === 'string') return fail(400, range);
  const request: StatsRequest = { fromDate: range.from!, toDate: range.to!, inputs: {}, cursor: body.cursor };
  if (f.userIds !== undefined && f.userIds !== null) {
    const ids = readIds(f.userIds, 'filter.userIds');
    if (typeof ids === 'string') return fail(400, ids);
    if (ids.length > 0) request.userIds = ids;
  }
  const { cursor: _cursor, ...inputs } = body;
  request.inputs = inputs;
  return request;
}
