import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { callDetails } from '../../calls/query/call-details.js';
import type { GongStore } from '../../store/gong-store.js';
import { requiredText } from '../tool-arguments.js';
import { answer, errorResult, jsonResult } from '../tool-result.js';
import { READ_ONLY } from '../read-only-annotations.js';

/** `get_call` (product.md, "MCP server for Pandora's AI"): one call without its transcript. */
export function registerGetCallTool(server: McpServer, store: GongStore): void {
  server.registerTool(
    'get_call',
    {
      title: 'Get a call',
      description:
        'Everything about one call except its transcript: date, duration, parties with their side and title, Gong\'s brief, key points, outcome, topics, trackers that fired, linked CRM accounts and deals, and the Gong link. ' +
        'Use it to summarise a call; it is far shorter than the transcript. Call get_transcript only when you need the exact words.',
      inputSchema: { callId: requiredText('callId').describe('the Gong call id (the callId or id of a search hit or a listed call)') },
      annotations: READ_ONLY,
    },
    (args) =>
      answer(async () => {
        const call = await callDetails(store, args.callId);
        if (!call) return errorResult(await unknownCall(store, args.callId));
        return jsonResult(store, { call });
      }),
  );
}

/** The sentence for a call id the connection does not have, saying what to do instead. */
export async function unknownCall(store: GongStore, callId: string): Promise<string> {
  const newest = await store.scoped
    .selectFrom('gong_calls')
    .select('started_at')
    .where('connection_id', '=', store.connectionId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest === undefined
    ? `no call ${callId} in the database, which holds no calls yet: run \`pandora-gong sync\` first`
    : `no call ${callId} in the database: use list_calls or search_transcripts to find call ids`;
}
