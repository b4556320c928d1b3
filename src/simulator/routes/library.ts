/**
 * `GET /v2/library/folders` and `GET /v2/library/folder-content` (docs/gong-api.md §3.5): not
 * paginated. Public folders only; an empty folder is a 200 with `calls: []` (R1). An unknown
 * workspace is the spec's 404 "No folders found…"; an unknown folder (or one not created yet) a 404.
 */
import { folderNotFound, NO_FOLDERS } from '../messages.js';
import { toWireFolder, toWireLibraryCall } from '../wire/coaching.js';
import { fail, ok, type RouteContext, type RouteResult } from './route.js';

/** @example listFolders(ctx).body.folders */
export function listFolders(ctx: RouteContext): RouteResult {
  const workspaceId = ctx.query.get('workspaceId') || undefined;
  if (workspaceId !== undefined && !ctx.company.workspaces.some((w) => w.id === workspaceId)) return fail(404, NO_FOLDERS);
  const truth = ctx.company.coaching;
  const offset = ctx.company.offsetMinutes;
  return ok({ folders: truth.publicFolders(ctx.now, workspaceId).map((f) => toWireFolder(f, truth.folderUpdatedMs(f, ctx.now), offset)) });
}

/** @example folderContent({ ...ctx, query: new URLSearchParams({ folderId }) }).body.calls */
export function folderContent(ctx: RouteContext): RouteResult {
  const folderId = ctx.query.get('folderId');
  if (!folderId) return fail(400, 'folderId: must not be empty');
  const truth = ctx.company.coaching;
  const folder = truth.publicFolders(ctx.now).find((f) => f.id === folderId);
  if (!folder) return fail(404, folderNotFound(folderId));
  const offset = ctx.company.offsetMinutes;
  const wire = toWireFolder(folder, truth.folderUpdatedMs(folder, ctx.now), offset);
  return ok({
    id: wire.id,
    name: wire.name,
    createdBy: wire.createdBy,
    updated: wire.updated,
    calls: (truth.folderEntriesAt(folder.id, ctx.now) ?? []).map((e) => toWireLibraryCall(e, offset)),
  });
}
