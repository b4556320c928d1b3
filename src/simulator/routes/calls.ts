/**
 * `GET /v2/calls` (window and workspace in the query, cursor in the query) and
 * `GET /v2/calls/{id}` (docs/gong-api.md §3.2). Nothing found is Gong's 404 "No calls found…".
 */
import { readWindow } from '../date-params.js';
import { callNotFound, NO_CALLS } from '../messages.js';
import { locatePage, pageOf } from '../pagination.js';
import { toWireMetaData } from '../wire/metadata.js';
import { findCalls } from './calls-filter.js';
import { fail, ok, type RouteContext, type RouteResult } from './route.js';

/** @example listCalls(ctx) // { status: 200, body: { records, calls } } */
export function listCalls(ctx: RouteContext): RouteResult {
  const q = ctx.query;
  const window = readWindow(q.get('fromDateTime') ?? undefined, q.get('toDateTime') ?? undefined, { from: 'fromDateTime', to: 'toDateTime' });
  if (typeof window === 'string') return fail(400, window);
  const workspaceId = q.get('workspaceId') ?? undefined;
  const inputs = { fromDateTime: q.get('fromDateTime'), toDateTime: q.get('toDateTime'), workspaceId: q.get('workspaceId') };
  const position = locatePage(ctx.pagination, 'GET /v2/calls', inputs, q.get('cursor') ?? undefined, ctx.now);
  if (typeof position === 'string') return fail(400, position);
  const calls = findCalls(ctx.company, { ...window, ...(workspaceId !== undefined ? { workspaceId } : {}) }, ctx.now);
  const page = pageOf(ctx.pagination, calls, position);
  if (!page) return fail(404, NO_CALLS);
  return ok({ records: page.records, calls: page.items.map((c) => toWireMetaData(ctx.company, c, ctx.now)) });
}

/** @example getCall({ ...ctx, params: { id: '7782342274025937895' } }) // { body: { call } } */
export function getCall(ctx: RouteContext): RouteResult {
  const id = ctx.params.id!;
  const call = ctx.company.callById(id);
  if (!call || !ctx.company.isVisible(call, ctx.now)) return fail(404, callNotFound(id));
  return ok({ call: toWireMetaData(ctx.company, call, ctx.now) });
}
