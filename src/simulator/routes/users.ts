/**
 * `GET /v2/users` (cursor in the query) and `POST /v2/users/extensive` (filter and cursor in the
 * body), docs/gong-api.md §3.1. The company has no avatar users, so `includeAvatars` changes nothing.
 */
import { readWindow } from '../date-params.js';
import { NO_USERS } from '../messages.js';
import { locatePage, pageOf } from '../pagination.js';
import { toWireUser } from '../wire/users.js';
import type { CompanyUser } from '../company/types.js';
import { bodyObject, fail, isResult, ok, type RouteContext, type RouteResult } from './route.js';

/** @example listUsers(ctx) // { status: 200, body: { records, users } } */
export function listUsers(ctx: RouteContext): RouteResult {
  const inputs = { includeAvatars: ctx.query.get('includeAvatars') };
  return usersPage(ctx, ctx.company.users, inputs, ctx.query.get('cursor') ?? undefined);
}

/** @example usersExtensive({ ...ctx, body: { filter: { userIds: ['123'] } } }) */
export function usersExtensive(ctx: RouteContext): RouteResult {
  const body = bodyObject(ctx);
  if (isResult(body)) return body;
  const filter = body.filter;
  if (filter === undefined || filter === null) return fail(400, 'filter: must not be null');
  if (typeof filter !== 'object' || Array.isArray(filter)) return fail(400, 'filter: must be an object');
  const f = filter as Record<string, unknown>;
  const window = readWindow(f.createdFromDateTime, f.createdToDateTime, { from: 'filter.createdFromDateTime', to: 'filter.createdToDateTime' });
  if (typeof window === 'string') return fail(400, window);
  let ids: Set<string> | undefined;
  if (f.userIds !== undefined && f.userIds !== null) {
    if (!Array.isArray(f.userIds)) return fail(400, 'filter.userIds: must be an array of ids');
    ids = new Set(f.userIds.map(String));
  }
  const users = ctx.company.users.filter(
    (u) =>
      (window.fromMs === undefined || u.createdMs >= window.fromMs) &&
      (window.toMs === undefined || u.createdMs < window.toMs) &&
      (ids === undefined || ids.has(u.id)),
  );
  const { cursor, ...inputs } = body;
  return usersPage(ctx, users, inputs, cursor);
}

function usersPage(ctx: RouteContext, users: readonly CompanyUser[], inputs: unknown, cursor: unknown): RouteResult {
  const position = locatePage(ctx.pagination, `${ctx.method} ${ctx.path}`, inputs, cursor, ctx.now);
  if (typeof position === 'string') return fail(400, position);
  const page = pageOf(ctx.pagination, users, position);
  if (!page) return fail(404, NO_USERS);
  return ok({ records: page.records, users: page.items.map(toWireUser) });
}
