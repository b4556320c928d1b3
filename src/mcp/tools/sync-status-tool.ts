import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { collectSyncState } from '../../cli/commands/status-command.js';
import { countCallLinks } from '../../crm/query/count-call-links.js';
import type { GongStore } from '../../store/gong-store.js';
import { answer, jsonResult } from '../tool-result.js';
import { READ_ONLY } from '../read-only-annotations.js';

/** `sync_status` (product.md, "MCP server for Pandora's AI"): what `pandora-gong status` reports, for this connection. */
export function registerSyncStatusTool(server: McpServer, store: GongStore): void {
  server.registerTool(
    'sync_status',
    {
      title: 'Sync status',
      description:
        'How complete and fresh the synced data is: per stream the watermark (everything before it is stored) and last completed sync, row counts (calls, transcripts, users, CRM records, links), the last sync runs, calls still waiting for a transcript, and how many calls are linked to CRM accounts. ' +
        'Use it when an answer looks incomplete or to say how recent the data is.',
      annotations: READ_ONLY,
    },
    () =>
      answer(async () => {
        // This connection's part of `status`; link counts rather than `status`'s judging of every unlinked call.
        const status = await collectSyncState(store);
        return jsonResult(store, {
          connection: store.connectionId,
          streams: status.streams,
          watermarks: status.watermarks,
          counts: status.counts,
          lastRun: status.lastRuns[0] ?? null,
          lastRuns: status.lastRuns,
          pendingTranscripts: status.pendingTranscripts,
          links: await countCallLinks(store),
        });
      }),
  );
}
