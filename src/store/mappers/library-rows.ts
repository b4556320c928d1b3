/** Library folders and the calls saved in them (docs/gong-api.md §3.5) → their rows. */
import type { GongLibraryCall, GongLibraryFolder } from '../../gong/types.js';
import { gongTimeToUtcLenient, numberOrNull, text } from './values.js';

export function libraryFolderRow(folder: GongLibraryFolder, workspaceId: string | null): Record<string, unknown> {
  return {
    id: String(folder.id),
    name: text(folder.name),
    parent_folder_id: text(folder.parentFolderId),
    workspace_id: workspaceId ?? text(folder.workspaceId),
    created_by: text(folder.createdBy),
    updated_at: gongTimeToUtcLenient(folder.updated),
    raw: folder,
  };
}

export function libraryFolderCallRow(folderId: string, call: GongLibraryCall): Record<string, unknown> {
  return {
    folder_id: folderId,
    call_id: String(call.id),
    title: text(call.title),
    note: text(call.note),
    added_by: text(call.addedBy),
    added_at: gongTimeToUtcLenient(call.created),
    url: text(call.url),
    snippet_from_sec: numberOrNull(call.snippet?.fromSec),
    snippet_to_sec: numberOrNull(call.snippet?.toSec),
  };
}
