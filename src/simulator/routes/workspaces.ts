/** `GET /v2/workspaces`: not paginated, no `records` (docs/gong-api.md §3.5; R1 shape `{id, name, description}`). */
import { ok, type RouteContext, type RouteResult } from './route.js';

/** @example listWorkspaces(ctx).body.workspaces */
export function listWorkspaces(ctx: RouteContext): RouteResult {
  return ok({ workspaces: ctx.company.workspaces.map((w) => ({ id: w.id, name: w.name, description: w.description })) });
}
