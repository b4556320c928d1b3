/** Questions about stored calls (the MCP server's `list_calls` and `get_call`; docs/mcp.md). */
export { listCalls, type ListCallsFilter, type CallListing } from './query/list-calls.js';
export { callDetails, type CallDetails } from './query/call-details.js';
export { callIntelligence, type CallIntelligence } from './query/call-intelligence.js';
export { resolveGongUser } from './query/resolve-gong-user.js';
