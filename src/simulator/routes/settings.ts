/**
 * `GET /v2/settings/trackers` and `GET /v2/settings/scorecards`: not paginated, no `records`
 * (docs/gong-api.md §2.2, §3.5). An empty `workspaceId` means every workspace; an unknown one is
 * the spec's 404 "Workspace not found".
 */
import { WORKSPACE_NOT_FOUND } from '../messages.js';
import { toWireScorecard, toWireTracker } from '../wire/coaching.js';
import { fail, ok, type RouteContext, type RouteResult } from './route.js';

/** @example listTrackers(ctx).body.keywordTrackers */
export function listTrackers(ctx: RouteContext): RouteResult {
  const workspaceId = ctx.query.get('workspaceId') || undefined;
  const trackers = ctx.company.coaching.trackersOf(workspaceId);
  if (!trackers) return fail(404, WORKSPACE_NOT_FOUND);
  return ok({ keywordTrackers: trackers.filter((t) => t.createdMs <= ctx.now).map((t) => toWireTracker(t, ctx.company.offsetMinutes)) });
}

/** @example listScorecards(ctx).body.scorecards */
export function listScorecards(ctx: RouteContext): RouteResult {
  return ok({ scorecards: ctx.company.coaching.scorecards.filter((s) => s.createdMs <= ctx.now).map((s) => toWireScorecard(s, ctx.company.offsetMinutes)) });
}
