import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { listCalls } from '../../calls/query/list-calls.js';
import { resolveGongUser } from '../../calls/query/resolve-gong-user.js';
import type { GongStore } from '../../store/gong-store.js';
import { accountArgument, dateRange, dateSchema, dealArgument, limitSchema } from '../tool-arguments.js';
import { answer, jsonResult } from '../tool-result.js';
import { READ_ONLY } from '../read-only-annotations.js';

const MAX_CALLS = 100;

/** `list_calls` (product.md, "MCP server for Pandora's AI"): calls newest first, filtered, paged by cursor. */
export function registerListCallsTool(server: McpServer, store: GongStore): void {
  server.registerTool(
    'list_calls',
    {
      title: 'List calls',
      description:
        'List calls newest first with their date, duration, participants, Gong\'s brief, outcome, CRM accounts and deals, and a Gong link. ' +
        'Use it for "our last three calls with Globex", "calls with jane@acme.com this month", "Dana\'s calls last week". ' +
        'Filter by account (name, id or domain), deal, participant (an e-mail address or a domain), user (one of our Gong users: name, e-mail or id), since/until. ' +
        'Read the briefs first; call get_call for key points and trackers, and get_transcript only when the exact words matter. ' +
        'When nextCursor is not null, pass it back as cursor for the next page.',
      inputSchema: {
        account: z.string().optional().describe('calls linked to this CRM account (name, id or domain), directly or through its deals'),
        deal: z.string().optional().describe('calls linked to this CRM deal (id or exact name)'),
        participant: z.string().optional().describe('calls with this participant: an e-mail address, or a domain such as acme.com'),
        user: z.string().optional().describe('calls hosted or attended by this Gong user (name, e-mail or id)'),
        since: dateSchema('calls that started at or after').optional(),
        until: dateSchema('calls that started before').optional(),
        limit: limitSchema(20, MAX_CALLS).optional(),
        cursor: z.string().optional().describe('the nextCursor of the previous page'),
      },
      annotations: READ_ONLY,
    },
    (args) =>
      answer(async () => {
        const range = dateRange(args);
        const account = args.account === undefined ? undefined : await accountArgument(store, args.account);
        const deal = args.deal === undefined ? undefined : await dealArgument(store, args.deal);
        const user = args.user === undefined ? undefined : await resolveGongUser(store, args.user);
        const participant = args.participant?.trim();
        const page = await listCalls(store, {
          ...range,
          ...(account ? { accountId: account.id } : {}),
          ...(deal ? { dealId: deal.id } : {}),
          ...(user ? { userId: user.id } : {}),
          ...(participant ? { participant } : {}),
          limit: args.limit ?? 20,
          ...(args.cursor !== undefined ? { cursor: args.cursor } : {}),
        });
        return jsonResult(store, {
          calls: page.calls,
          nextCursor: page.nextCursor,
          ...(account ? { account: { id: account.id, name: account.name } } : {}),
          ...(deal ? { deal: { id: deal.id, name: deal.name } } : {}),
          ...(user ? { user } : {}),
        });
      }),
  );
}
