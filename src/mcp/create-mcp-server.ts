import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GongStore } from '../store/gong-store.js';
import { PACKAGE_VERSION } from '../util/package-version.js';
import { registerCallResources } from './call-resources.js';
import { registerAccountOverviewTool } from './tools/account-overview-tool.js';
import { registerGetCallTool } from './tools/get-call-tool.js';
import { registerGetTranscriptTool } from './tools/get-transcript-tool.js';
import { registerListCallsTool } from './tools/list-calls-tool.js';
import { registerSearchTranscriptsTool } from './tools/search-transcripts-tool.js';
import { registerSyncStatusTool } from './tools/sync-status-tool.js';

const INSTRUCTIONS =
  'Answers about the company\'s Gong calls from a local copy (no Gong quota is spent). ' +
  'Find calls with search_transcripts (what was said) or list_calls (by account, deal, participant, user, date); ' +
  'understand an account with account_overview; read a call\'s brief and key points with get_call before fetching its transcript with get_transcript. ' +
  'Every answer carries syncedThrough: the data is complete up to that instant.';

/**
 * The MCP server of one connection's data: six read-only tools and the call resources
 * (product.md, "MCP server for Pandora's AI"). The store must be opened read-only
 * (`openReadOnlyStore`); the server holds no Gong client and no credentials.
 *
 * @example
 * const server = createMcpServer(await openReadOnlyStore('./pandora-gong.db'));
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(store: GongStore): McpServer {
  const server = new McpServer({ name: 'pandora-gong', version: PACKAGE_VERSION }, { instructions: INSTRUCTIONS });
  registerSearchTranscriptsTool(server, store);
  registerListCallsTool(server, store);
  registerGetCallTool(server, store);
  registerGetTranscriptTool(server, store);
  registerAccountOverviewTool(server, store);
  registerSyncStatusTool(server, store);
  registerCallResources(server, store);
  return server;
}
