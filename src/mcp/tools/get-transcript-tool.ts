import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { GongStore } from '../../store/gong-store.js';
import { gongCallPage } from '../../search/gong-call-link.js';
import { pageTranscript } from '../../transcript/page-transcript.js';
import { requiredText } from '../tool-arguments.js';
import { answer, errorResult, jsonResult } from '../tool-result.js';
import { READ_ONLY } from '../read-only-annotations.js';
import { unknownCall } from './get-call-tool.js';

export const DEFAULT_MAX_CHARS = 20_000;
const MAX_MAX_CHARS = 200_000;

/** `get_transcript` (product.md, "MCP server for Pandora's AI"): the rendered transcript, paged at line ends. */
export function registerGetTranscriptTool(server: McpServer, store: GongStore): void {
  server.registerTool(
    'get_transcript',
    {
      title: 'Get a call transcript',
      description:
        'The transcript of one call, one line per monologue: "[mm:ss] Speaker Name (Affiliation): what they said". ' +
        'Long: read get_call (brief, key points) first and fetch the transcript only for exact words or detail. ' +
        `Paged at line ends under maxChars (default ${DEFAULT_MAX_CHARS}); when nextOffset is not null, call again with offset = nextOffset for the rest.`,
      inputSchema: {
        callId: requiredText('callId').describe('the Gong call id'),
        offset: z.number().int('offset must be a whole number').min(0, 'offset must be 0 or more').optional().describe('where to start: 0, or the nextOffset of the previous page'),
        maxChars: z.number().int('maxChars must be a whole number').min(200, 'maxChars must be at least 200').max(MAX_MAX_CHARS, `maxChars must be at most ${MAX_MAX_CHARS}`).optional().describe(`most characters in this page (default ${DEFAULT_MAX_CHARS})`),
      },
      annotations: READ_ONLY,
    },
    (args) =>
      answer(async () => {
        const call = await store.getCall(args.callId);
        if (!call) return errorResult(await unknownCall(store, args.callId));
        const transcript = await store.scoped
          .selectFrom('gong_transcripts')
          .select('text')
          .where('connection_id', '=', store.connectionId)
          .where('call_id', '=', args.callId)
          .executeTakeFirst();
        if (!transcript) return errorResult(`call ${args.callId} has no transcript yet (Gong has not produced one, or the sync has not fetched it); get_call has its metadata`);
        const offset = args.offset ?? 0;
        if (offset > transcript.text.length) return errorResult(`offset ${offset} is past the end of the transcript of call ${args.callId}, which has ${transcript.text.length} characters`);
        const page = pageTranscript(transcript.text, offset, args.maxChars ?? DEFAULT_MAX_CHARS);
        return jsonResult(store, { callId: call.id, title: call.title, url: call.url ?? gongCallPage(call.id), ...page });
      }),
  );
}
