import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { accountOverview } from '../../crm/query/account-overview.js';
import type { GongStore } from '../../store/gong-store.js';
import { accountArgument, requiredText } from '../tool-arguments.js';
import { answer, jsonResult } from '../tool-result.js';
import { READ_ONLY } from '../read-only-annotations.js';

/** `account_overview` (product.md, "MCP server for Pandora's AI"): an account, its deals, calls and people. */
export function registerAccountOverviewTool(server: McpServer, store: GongStore): void {
  server.registerTool(
    'account_overview',
    {
      title: 'Account overview',
      description:
        'One CRM account at a glance: its deals (stage, amount, close date), how many calls it had and when, its newest calls with Gong\'s briefs and outcomes, and the people who spoke (theirs and ours). ' +
        'Start here for "summarise our relationship with Acme" or "where do we stand with Globex"; then list_calls with the account for older calls, get_call for one call\'s key points. ' +
        'An unknown name answers with the closest account names.',
      inputSchema: {
        account: requiredText('account').describe('the account: its name (or a unique part of it), its CRM id, or its domain'),
        calls: z.number().int('calls must be a whole number').min(0, 'calls must be 0 or more').max(50, 'calls must be at most 50').optional().describe('how many of the newest calls to include (default 10, at most 50)'),
      },
      annotations: READ_ONLY,
    },
    (args) =>
      answer(async () => {
        const account = await accountArgument(store, args.account);
        const overview = await accountOverview(store, account, { calls: args.calls ?? 10 });
        return jsonResult(store, { ...overview });
      }),
  );
}
