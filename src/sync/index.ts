/** The sync: users, calls and transcripts kept in step with Gong, incrementally. */
export { syncGong, ALL_STREAMS, type SyncOptions, type SyncReport } from './sync-gong.js';
export type { SyncEvent, StreamName } from './sync-events.js';
export type { SyncClient, SyncPage, SyncPaginated } from './sync-client.js';
export { planCallsWindow, nextCoverage, type CallsWindowPlan, type Coverage, type RecheckPolicy } from './calls-window.js';
