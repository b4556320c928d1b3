/**
 * The call library (docs/gong-api.md §3.5): the public folders, then each folder's calls, one
 * request per folder (counted against the budget like any other). A full refresh: a folder that
 * is gone is removed with its calls, and a call taken out of a folder disappears from it.
 */
import type { GongLibraryCall, GongLibraryFolder } from '../../gong/types.js';
import { GongError } from '../../errors.js';
import { libraryFolderCallRow, libraryFolderRow } from '../../store/mappers/library-rows.js';
import { gongLibraryFolderCalls, gongLibraryFolders } from '../../store/schema/index.js';
import type { SourcePage, StreamDefinition } from '../engine/stream-definition.js';
import { checkLibraryCall, checkLibraryFolder } from '../../gong/checks/record-shapes.js';

/** A folder with the calls it holds. */
export interface FolderWithCalls {
  folder: GongLibraryFolder;
  calls: GongLibraryCall[];
}

export const libraryStream: StreamDefinition<FolderWithCalls> = {
  name: 'library',
  description: 'Public library folders and the calls saved in them: one request per folder, a full refresh every run.',
  tables: [gongLibraryFolders, gongLibraryFolderCalls],
  scopes: ['api:library:read'],
  counter: 'libraryFolders',
  rowCounters: { gong_library_folder_calls: 'libraryCalls' },
  source: {
    replication: 'full-refresh',
    read: async function* (ctx): AsyncIterable<SourcePage<FolderWithCalls>> {
      const folders = await ctx.client.libraryFolders({ signal: ctx.signal });
      for (const folder of folders) {
        let calls: GongLibraryCall[];
        try {
          calls = (await ctx.client.libraryFolderContent(String(folder.id), { signal: ctx.signal })).calls;
        } catch (error) {
          // Deleted (or made private) between the list and its content: it is gone, like any
          // folder the list no longer shows, and this pass will not see it.
          if (error instanceof GongError && error.kind === 'caller' && (error as { status?: number }).status === 404) continue;
          throw error;
        }
        yield { items: [{ folder, calls }], total: folders.length };
      }
    },
    sweep: { action: 'remove', seenColumn: 'seen_run_id' },
  },
  check: ({ folder, calls }) => {
    checkLibraryFolder(folder);
    for (const call of calls) checkLibraryCall(call);
  },
  toRows: ({ folder, calls }) => ({
    gong_library_folders: [libraryFolderRow(folder, null)],
    gong_library_folder_calls: calls.map((call) => libraryFolderCallRow(String(folder.id), call)),
  }),
  summary: (s) => `${(s.libraryFolders ?? 0).toLocaleString('en-US')} folders with ${(s.libraryCalls ?? 0).toLocaleString('en-US')} calls${s.deletedLibraryFolders ? `, ${s.deletedLibraryFolders} folders gone` : ''}`,
};
