import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';

/**
 * Every tool reads the local database only: nothing is changed, the same call gives the same
 * answer until the next sync, and no request leaves the machine (Gong is never called).
 */
export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
