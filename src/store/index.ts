/** The store: SQLite or PostgreSQL behind one interface (README.md, "Storage and schema"). */
export { openStore, isPostgresUrl, DEFAULT_DB, type OpenStoreOptions } from './open-store.js';
export { openReadOnlyStore, type OpenReadOnlyStoreOptions } from './open-read-only-store.js';
export { GongStore, DEFAULT_CONNECTION, type RunSummary, type StoredParty, type StoredUserName } from './gong-store.js';
export { StoreWriter } from './store-writer.js';
export type { StoreEngine, SyncLock } from './engine.js';
export type { StoreDialect } from './dialect.js';
export { upsertScopedRows, type ScopedRow } from './tenant/upsert-scoped-rows.js';
export type { Database } from './schema/index.js';
export type { CallRecord, PartyRecord, UserRecord, TranscriptRecord, StreamState, RunStats, RunStatus, CallsWindowProgress } from './records.js';
export { exportRows, EXPORT_STREAMS, type ExportStream } from './export-rows.js';
