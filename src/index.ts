/**
 * pandora-gong's public surface, listed by name: what is public is what this file says, and
 * test/unit/public-surface.test.ts pins the list so that a change to it is deliberate. docs/api.md
 * documents each group. Everything else under src/ is internal and may change in any release.
 *
 * @example
 * import { GongClient, runSync, openStore, formatTranscript } from 'pandora-gong';
 */

// Errors: one hierarchy, each error with a `kind` (docs/api.md, "Errors").
export {
  ConfigError,
  GongApiError,
  GongAuthError,
  GongBadRequestError,
  GongConnectionError,
  GongCursorError,
  GongCursorExpiredError,
  GongError,
  GongNotFoundError,
  GongProtocolError,
  GongQuotaExhaustedError,
  GongRateLimitError,
  GongRepeatedCursorError,
  GongScopeError,
  GongServerError,
  GongTimeoutError,
  StoreError,
  SyncLockedError,
  type GongApiErrorDetails,
  type GongErrorOptions,
  type PaginationProgress,
} from './errors.js';
export { ERROR_KINDS, type ErrorKind } from './error-kind.js';

// Gong's records as the API sends them.
export type {
  CallDirection,
  CallScope,
  ContentSelector,
  GongAnsweredScorecard,
  GongCall,
  GongCallMetaData,
  GongCallTranscript,
  GongContext,
  GongContextObject,
  GongDailyActivityStats,
  GongKeywordTracker,
  GongLibraryCall,
  GongLibraryFolder,
  GongLibraryFolderContent,
  GongManualCrmAssociation,
  GongMonologue,
  GongParty,
  GongRecords,
  GongScorecard,
  GongScorecardAnswer,
  GongSentence,
  GongUser,
  GongUserDailyActivity,
  GongUserInteractionStats,
  GongWorkspace,
  PartyAffiliation,
  UsersFilter,
} from './gong/types.js';

// The Gong API client: throttled, budgeted, retried, paginated.
export {
  DEFAULT_BASE_URL,
  DEFAULT_DAILY_LIMIT,
  DEFAULT_RATE_SPEC,
  GongClient,
  InMemoryBudgetStore,
  RequestBudget,
  credentialsFromEnv,
  type BudgetOption,
  type BudgetStore,
  type CallOptions,
  type CallsExtensiveQuery,
  type CallsQuery,
  type ClientEvent,
  type ClientEventListener,
  type DateInput,
  type GongClientOptions,
  type GongRequest,
  type GongResponse,
  type Page,
  type Paginated,
  type RateLimitOption,
  type RetryPolicy,
  type TranscriptsQuery,
} from './client/index.js';

// Transcripts with speaker names and timestamps.
export { formatTranscript, formatTimestamp, renderStoredTranscript, speakerResolver, UNKNOWN_SPEAKER, type FormatTranscriptOptions, type ResolvedSpeaker } from './transcript/index.js';

// The store (SQLite or PostgreSQL) and the sync.
export { openStore, isPostgresUrl, DEFAULT_DB, GongStore, DEFAULT_CONNECTION, exportRows, EXPORT_STREAMS, type OpenStoreOptions, type ExportStream, type RunSummary } from './store/index.js';
export type { CallRecord, PartyRecord, UserRecord, TranscriptRecord, RunStats, RunStatus } from './store/index.js';
export { runSync, type RunSyncOptions, type RunSyncReport } from './sync/run-sync.js';
export { syncGong, ALL_STREAMS, type SyncOptions, type SyncReport, type SyncEvent, type SyncClient } from './sync/index.js';

// Multi-tenant mode on PostgreSQL: connections and workers (docs/workers.md).
export { ConnectionRepository, SecretKey, generateSecretKey, SECRET_KEY_ENV, removeConnection, type ConnectionInfo, type ConnectionSettings } from './connections/index.js';
export { SecretKeyMismatchError, CredentialsCorruptError, UnknownConnectionError } from './connections/index.js';
export { startWorker, collectConnectionsStatus, type WorkerOptions, type WorkerHandle, type WorkerEvent, type ConnectionStatus } from './workers/index.js';

// CRM import and call ↔ account/deal linking (docs/crm-linking.md).
export {
  importCrmFiles,
  importCrmRecords,
  linkCalls,
  listCallsForCrmObject,
  resolveAccount,
  resolveDeal,
  summarizeCallLinks,
  LINK_CONFIDENCE,
  type CrmCallView,
  type CrmRecords,
  type LinkMethod,
  type LinkReport,
  type ResolvedCrmObject,
} from './crm/index.js';

// Full-text search over transcripts (docs/search.md).
export { searchTranscripts, searchAllTranscripts, formatSearchHits, rebuildSearchIndex, searchIndexStats, type SearchHit, type SearchOptions } from './search/index.js';

// Coaching per rep, from what Gong computed about calls (one call's: `callIntelligence` below).
export { repCoaching, type RepCoaching } from './insights/rep-coaching.js';

// Stored calls, and the MCP server that serves them to AI agents (docs/mcp.md).
export { listCalls, callDetails, callIntelligence, type ListCallsFilter, type CallListing, type CallDetails, type CallIntelligence } from './calls/index.js';
export { createMcpServer, serveStdio, serveHttp, type ServeHttpOptions, type RunningHttpServer } from './mcp/index.js';
