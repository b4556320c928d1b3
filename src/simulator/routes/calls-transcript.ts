/**
 * `POST /v2/calls/transcript` (docs/gong-api.md §3.4): transcripts of visible calls whose transcript is
 * ready. What Gong does with a call still being processed is unverified; by default such calls
 * are left out (`pendingTranscript: 'omit'`), or returned with `transcript: []` (`'empty'`).
 * Unknown ids are simply absent; if nothing is left the answer is the "No calls found" 404.
 */
import { NO_CALLS } from '../messages.js';
import { locatePage, pageOf } from '../pagination.js';
import { findCalls, readCallsFilter } from './calls-filter.js';
import { bodyObject, fail, isResult, ok, type RouteContext, type RouteResult } from './route.js';

/** @example callsTranscript({ ...ctx, body: { filter: { callIds: ['123'] } } }) */
export function callsTranscript(ctx: RouteContext): RouteResult {
  const body = bodyObject(ctx);
  if (isResult(body)) return body;
  const query = readCallsFilter(body.filter, { primaryUserIds: false });
  if (typeof query === 'string') return fail(400, query);
  const { cursor, ...inputs } = body;
  const position = locatePage(ctx.pagination, 'POST /v2/calls/transcript', inputs, cursor, ctx.now);
  if (typeof position === 'string') return fail(400, position);
  const { company, now } = ctx;
  const calls = findCalls(company, query, now).filter((c) => ctx.pendingTranscript === 'empty' || company.hasTranscriptAt(c, now));
  const page = pageOf(ctx.pagination, calls, position);
  if (!page) return fail(404, NO_CALLS);
  return ok({
    records: page.records,
    callTranscripts: page.items.map((c) => ({
      callId: c.id,
      transcript: company.hasTranscriptAt(c, now) ? company.transcriptFor(c.id)! : [],
    })),
  });
}
