/**
 * The call filter shared by `/v2/calls`, `/v2/calls/extensive` and `/v2/calls/transcript`: an
 * inclusive-from, exclusive-to window on `started` (docs/gong-api.md §2.4), a workspace, call ids
 * and, for extensive, primary users. Only calls Gong has processed by now are found, oldest first.
 *
 * `GET /v2/calls` is documented to filter web conferences by their *scheduled* time; whether it
 * really differs from the others is unverified (docs/gong-api.md §2.4), so all three use `started`.
 */
import type { Company } from '../company/company.js';
import type { CompanyCall } from '../company/types.js';
import { readWindow, type Window } from '../date-params.js';

export interface CallsQuery extends Window {
  workspaceId?: string;
  callIds?: string[];
  primaryUserIds?: string[];
}

/** The most `callIds` one request may carry (docs/gong-api.md §3.3: community code and Pipedream agree on 100). */
export const MAX_CALL_IDS = 100;

/**
 * Reads `filter` of a POST. Returns an error message for what Gong rejects with 400.
 *
 * @example readCallsFilter({ callIds: ['123'] }, { primaryUserIds: false })
 */
export function readCallsFilter(filter: unknown, options: { primaryUserIds: boolean }): CallsQuery | string {
  if (filter === undefined || filter === null) return 'filter: must not be null';
  if (typeof filter !== 'object' || Array.isArray(filter)) return 'filter: must be an object';
  const f = filter as Record<string, unknown>;
  const window = readWindow(f.fromDateTime, f.toDateTime, { from: 'filter.fromDateTime', to: 'filter.toDateTime' });
  if (typeof window === 'string') return window;
  const query: CallsQuery = { ...window };
  if (f.workspaceId !== undefined && f.workspaceId !== null) {
    if (typeof f.workspaceId !== 'string' && typeof f.workspaceId !== 'number') return 'filter.workspaceId: must be a string';
    query.workspaceId = String(f.workspaceId);
  }
  if (f.callIds !== undefined && f.callIds !== null) {
    const ids = readIds(f.callIds, 'filter.callIds');
    if (typeof ids === 'string') return ids;
    // An empty list is a 400 (Dust); more than 100 ids too.
    if (ids.length === 0) return 'filter.callIds: must not be empty';
    if (ids.length > MAX_CALL_IDS) return `filter.callIds: at most ${MAX_CALL_IDS} call ids are allowed per request, got ${ids.length}`;
    query.callIds = ids;
  }
  if (options.primaryUserIds && f.primaryUserIds !== undefined && f.primaryUserIds !== null) {
    const ids = readIds(f.primaryUserIds, 'filter.primaryUserIds');
    if (typeof ids === 'string') return ids;
    query.primaryUserIds = ids;
  }
  return query;
}

/**
 * Ids may come as strings or numbers (docs/gong-api.md §2.3); anything else is malformed.
 *
 * @example readIds(['1', 2], 'filter.userIds') // ['1', '2']
 */
export function readIds(value: unknown, name: string): string[] | string {
  if (!Array.isArray(value)) return `${name}: must be an array of ids`;
  const ids: string[] = [];
  for (const v of value) {
    if (typeof v === 'string' && v !== '') ids.push(v);
    else if (typeof v === 'number' && Number.isInteger(v)) ids.push(String(v));
    else return `${name}: ${JSON.stringify(v)} is not an id`;
  }
  return ids;
}

/**
 * Calls matching `query` that are visible at `atMs`, ascending by start. A window is two binary
 * searches into the sorted calls; a list of ids is looked up directly.
 *
 * @example findCalls(company, { fromMs: Date.parse('2026-05-01T00:00:00Z') }, sim.clock.now())
 */
export function findCalls(company: Company, query: CallsQuery, atMs: number): CompanyCall[] {
  const users = query.primaryUserIds ? new Set(query.primaryUserIds) : undefined;
  const matches = (c: CompanyCall) =>
    company.isVisible(c, atMs) &&
    (query.fromMs === undefined || c.startedMs >= query.fromMs) &&
    (query.toMs === undefined || c.startedMs < query.toMs) &&
    (query.workspaceId === undefined || c.workspaceId === query.workspaceId) &&
    (users === undefined || users.has(c.primaryUserId));
  if (query.callIds) {
    const found = new Map<string, CompanyCall>();
    for (const id of query.callIds) {
      const call = company.callById(id);
      if (call && matches(call)) found.set(call.id, call);
    }
    return [...found.values()].sort((a, b) => a.index - b.index);
  }
  const [lo, hi] = company.callRange(query.fromMs, query.toMs);
  const out: CompanyCall[] = [];
  for (let i = lo; i < hi; i++) if (matches(company.calls[i]!)) out.push(company.calls[i]!);
  return out;
}
