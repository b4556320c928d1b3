/**
 * The call library: public folders and the calls saved in them (docs/gong-api.md §3.5). A full
 * refresh, one request per folder; a folder that is gone takes its calls with it, and a call
 * removed from a folder disappears from it.
 */
import { json, real, text, time } from '../column.js';
import { defineTable } from '../table.js';

export const gongLibraryFolders = defineTable({
  name: 'gong_library_folders',
  description: 'Public library folders.',
  key: ['id'],
  tenant: true,
  exportName: 'library_folders',
  columns: {
    id: text(),
    name: text().nullable(),
    parent_folder_id: text().nullable(),
    workspace_id: text().nullable(),
    created_by: text().nullable(),
    updated_at: time().nullable(),
    raw: json().describe('The folder exactly as Gong sent it.'),
    seen_run_id: text().nullable().internal(),
    synced_at: time().internal(),
  },
});

export const gongLibraryFolderCalls = defineTable({
  name: 'gong_library_folder_calls',
  description: 'Calls saved in a library folder, with the note of who saved them.',
  key: ['folder_id', 'call_id'],
  tenant: true,
  exportName: 'library_folder_calls',
  parent: { table: 'gong_library_folders', column: 'folder_id' },
  columns: {
    folder_id: text(),
    call_id: text(),
    title: text().nullable(),
    note: text().nullable(),
    added_by: text().nullable(),
    added_at: time().nullable(),
    url: text().nullable(),
    snippet_from_sec: real().nullable(),
    snippet_to_sec: real().nullable(),
  },
});
