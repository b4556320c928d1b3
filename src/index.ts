/**
 * pandora-gong's public surface: one export list (style.md §9).
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
