/**
 * `GET /v2/calls/manual-crm-associations` (docs/gong-api.md §3.5, Beta): association events made
 * at or after `fromDateTime` (all when absent), oldest first, re-associations listed as events of
 * their own (S1); 100 a page, the cursor in the query. The spec lists no 404 for it, so nothing
 * found is a 200 with `associations: []`.
 */
import { readWindow } from '../date-params.js';
import { locatePage, pageOf } from '../pagination.js';
import { toWireManualAssociation } from '../wire/coaching.js';
import { fail, ok, type RouteContext, type RouteResult } from './route.js';

/** @example manualCrmAssociations({ ...ctx, query: new URLSearchParams({ fromDateTime: '2026-05-01T00:00:00Z' }) }) */
export function manualCrmAssociations(ctx: RouteContext): RouteResult {
  const fromDateTime = ctx.query.get('fromDateTime') || null;
  const window = readWindow(fromDateTime, null, { from: 'fromDateTime', to: 'toDateTime' });
  if (typeof window === 'string') return fail(400, window);
  const position = locatePage(ctx.pagination, 'GET /v2/calls/manual-crm-associations', { fromDateTime }, ctx.query.get('cursor') ?? undefined, ctx.now);
  if (typeof position === 'string') return fail(400, position);
  const found = ctx.company.coaching.manualAssociationsAt(ctx.now, window.fromMs);
  const page = pageOf(ctx.pagination, found, position);
  const offset = ctx.company.offsetMinutes;
  if (!page) return ok({ records: { totalRecords: found.length, currentPageSize: 0, currentPageNumber: position.pageNumber }, associations: [] });
  return ok({ records: page.records, associations: page.items.map((a) => toWireManualAssociation(a, offset)) });
}
