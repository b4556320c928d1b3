import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { callDetails } from '../calls/query/call-details.js';
import { GongError } from '../errors.js';
import { normalizeTime, type GongStore } from '../store/gong-store.js';

/** How many of the newest calls `resources/list` shows: clients browse; tools search. */
const LISTED_CALLS = 50;

/**
 * Resources for clients that browse: `gong://calls/{id}` (the call's metadata and brief, as
 * `get_call` gives them) and `gong://calls/{id}/transcript` (the rendered transcript, whole).
 * The newest calls are listed; any stored call can be read by its URI.
 */
export function registerCallResources(server: McpServer, store: GongStore): void {
  server.registerResource(
    'call',
    new ResourceTemplate('gong://calls/{id}', {
      list: async () => {
        const rows = await store.scoped
          .selectFrom('gong_calls')
          .select(['id', 'title', 'started_at'])
          .where('connection_id', '=', store.connectionId)
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc')
          .limit(LISTED_CALLS)
          .execute();
        return {
          resources: rows.map((r) => ({
            uri: `gong://calls/${encodeURIComponent(r.id)}`,
            name: r.title ?? `call ${r.id}`,
            description: `call of ${normalizeTime(r.started_at)}`,
            mimeType: 'application/json',
          })),
        };
      },
    }),
    { title: 'Gong call', description: 'A call\'s metadata, parties, brief, key points, outcome, trackers and CRM links (no transcript).', mimeType: 'application/json' },
    async (uri, variables) => {
      const id = single(variables.id);
      const call = await callDetails(store, id);
      if (!call) throw new GongError(`no call ${id} in the database`);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(call) }] };
    },
  );
  server.registerResource(
    'call-transcript',
    new ResourceTemplate('gong://calls/{id}/transcript', { list: undefined }),
    { title: 'Gong call transcript', description: 'A call\'s whole transcript, one line per monologue: [mm:ss] Speaker (Affiliation): words.', mimeType: 'text/plain' },
    async (uri, variables) => {
      const id = single(variables.id);
      const row = await store.scoped
        .selectFrom('gong_transcripts')
        .select('text')
        .where('connection_id', '=', store.connectionId)
        .where('call_id', '=', id)
        .executeTakeFirst();
      if (!row) throw new GongError(`no transcript of call ${id} in the database`);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: row.text }] };
    },
  );
}

function single(value: string | string[] | undefined): string {
  return decodeURIComponent(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
}
