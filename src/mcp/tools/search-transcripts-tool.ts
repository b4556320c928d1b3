import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { searchTranscripts } from '../../search/search-transcripts.js';
import type { GongStore } from '../../store/gong-store.js';
import { accountArgument, dateRange, dateSchema, dealArgument, limitSchema, requiredText } from '../tool-arguments.js';
import { answer, jsonResult } from '../tool-result.js';
import { READ_ONLY } from '../read-only-annotations.js';

const MAX_HITS = 100;

/** `search_transcripts` (product.md, "MCP server for Pandora's AI"): full-text search over every stored transcript. */
export function registerSearchTranscriptsTool(server: McpServer, store: GongStore): void {
  server.registerTool(
    'search_transcripts',
    {
      title: 'Search call transcripts',
      description:
        'Find what was said on calls: every sentence matching the query, most relevant first, with the call, speaker, time in the call and a link that opens Gong there. ' +
        'Use it for "who mentioned X", "what did Acme say about pricing". Query syntax: words (all must match), "exact phrase", OR, prefix*, -word to exclude, (groups). ' +
        'Narrow with account (name, id or domain), deal, speaker (part of a name), affiliation (external = the customer side), since/until. ' +
        'To read around a hit, call get_transcript with its callId; for what a call was about, get_call is shorter.',
      inputSchema: {
        query: requiredText('query').describe('words, "exact phrases", OR, prefix*, -word, (groups); e.g. "SOC 2" OR GDPR'),
        account: z.string().optional().describe('only calls linked to this CRM account (name, id or domain)'),
        deal: z.string().optional().describe('only calls linked to this CRM deal (id or exact name)'),
        speaker: z.string().optional().describe('only sentences said by a speaker whose name contains this'),
        affiliation: z.enum(['internal', 'external', 'unknown'], { error: 'affiliation must be internal, external or unknown' }).optional().describe('the speaker\'s side: external (customer/prospect), internal (our company) or unknown'),
        since: dateSchema('calls that started at or after').optional(),
        until: dateSchema('calls that started before').optional(),
        limit: limitSchema(20, MAX_HITS).optional(),
      },
      annotations: READ_ONLY,
    },
    (args) =>
      answer(async () => {
        const range = dateRange(args);
        const account = args.account === undefined ? undefined : await accountArgument(store, args.account);
        const deal = args.deal === undefined ? undefined : await dealArgument(store, args.deal);
        const hits = await searchTranscripts(store, args.query, {
          ...range,
          speaker: args.speaker,
          affiliation: args.affiliation,
          accountId: account?.id,
          dealId: deal?.id,
          limit: args.limit ?? 20,
        });
        return jsonResult(store, {
          hits: hits.map((h) => ({ callId: h.callId, title: h.title, startedAt: h.startedAt, speaker: h.speaker, affiliation: h.affiliation, offsetMs: h.offsetMs, snippet: h.snippet, url: h.url })),
          ...(account ? { account: { id: account.id, name: account.name } } : {}),
          ...(deal ? { deal: { id: deal.id, name: deal.name } } : {}),
        });
      }),
  );
}
