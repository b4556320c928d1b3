/** The sync: every stream kept in step with Gong, incrementally, by one engine. */
export { syncGong, ALL_STREAMS, type SyncOptions, type SyncReport, type CallsPageHook } from './sync-gong.js';
export type { SyncEvent, StreamName } from './sync-events.js';
export type { SyncClient, SyncPage, SyncPaginated } from './sync-client.js';
export { planCallsWindow, nextCoverage, type CallsWindowPlan, type Coverage, type RecheckPolicy } from './calls-window.js';
