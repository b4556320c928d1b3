/**
 * `POST /v2/calls/extensive` (docs/gong-api.md §3.3): filter and cursor in the body, `contentSelector`
 * deciding which parts each call carries. A cursor in the query string is ignored, so such a
 * client gets page 1 again, exactly as R2 recorded.
 */
import { NO_CALLS } from '../messages.js';
import { locatePage, pageOf } from '../pagination.js';
import { toWireExtensiveCall } from '../wire/extensive-call.js';
import { parseSelector, type Selection } from '../wire/selector.js';
import { findCalls, readCallsFilter } from './calls-filter.js';
import { bodyObject, fail, isResult, ok, type RouteContext, type RouteResult } from './route.js';

/**
 * The contentSelector of a request body, for scope checks made before the handler runs.
 *
 * @example selectionOf({ contentSelector: { exposedFields: { media: true } } }) // { media: true, … }
 */
export function selectionOf(body: unknown): Selection | string {
  return parseSelector(typeof body === 'object' && body !== null ? (body as Record<string, unknown>).contentSelector : undefined);
}

/** @example callsExtensive({ ...ctx, body: { filter: {}, contentSelector: { exposedFields: { parties: true } } } }) */
export function callsExtensive(ctx: RouteContext): RouteResult {
  const body = bodyObject(ctx);
  if (isResult(body)) return body;
  const query = readCallsFilter(body.filter, { primaryUserIds: true });
  if (typeof query === 'string') return fail(400, query);
  const selection = selectionOf(body);
  if (typeof selection === 'string') return fail(400, selection);
  const { cursor, ...inputs } = body;
  const position = locatePage(ctx.pagination, 'POST /v2/calls/extensive', inputs, cursor, ctx.now);
  if (typeof position === 'string') return fail(400, position);
  const page = pageOf(ctx.pagination, findCalls(ctx.company, query, ctx.now), position);
  if (!page) return fail(404, NO_CALLS);
  return ok({
    records: page.records,
    calls: page.items.map((c) => toWireExtensiveCall(ctx.company, c, selection, ctx.now, ctx.requestId)),
  });
}
