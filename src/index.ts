/**
 * pandora-gong's public surface: one export list, so what is public is what this file says.
 *
 * @example
 * import { GongClient, formatTranscript } from 'pandora-gong';
 */

// Errors: one hierarchy for the whole package.
export * from './errors.js';

// Gong wire types.
export type * from './gong/types.js';

// The Gong API client.
export * from './client/index.js';

// Transcript rendering.
export * from './transcript/index.js';

// Storage (SQLite and PostgreSQL) and the sync.
export * from './store/index.js';
export * from './sync/index.js';

// Multi-tenant mode on PostgreSQL: connections, the job queue and workers.
export * from './connections/index.js';
export * from './workers/index.js';

// CRM import and call ↔ account/deal linking (docs/crm-linking.md).
export * from './crm/index.js';

// Full-text search over transcripts (docs/search.md).
export * from './search/index.js';

// Stored calls, and the MCP server that serves them to AI agents (docs/mcp.md).
export * from './calls/index.js';
export * from './mcp/index.js';
