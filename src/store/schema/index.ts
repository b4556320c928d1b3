/**
 * The store's one schema: every table it keeps, described once (`tables/`), and the database type
 * Kysely works with, derived from those descriptions. A new table is one definition here and one
 * migration (`../migrations/`); a contract test checks that both agree on both engines.
 */
import type { AnyTable, TableRow } from './table.js';
import { connections, workerRateLimits } from './tables/connection-tables.js';
import { crmAccounts, crmContacts, crmDealContacts, crmDeals } from './tables/crm-tables.js';
import { gongCallLinks, gongCallParties, gongCalls, gongTranscripts, gongUsers, transcriptPending } from './tables/gong-core-tables.js';
import { requestBudget, storeMeta, syncRuns, syncState } from './tables/sync-tables.js';
import { gongCallContent, gongCallInteractionStats, gongCallSpeakers, gongCallTrackerOccurrences, gongCallTrackers } from './tables/call-content-tables.js';
import { gongScorecards, gongTrackers, gongWorkspaces } from './tables/settings-tables.js';
import { gongAnsweredScorecards, gongScorecardAnswers, gongUserDailyActivity, gongUserInteractionStats } from './tables/coaching-tables.js';
import { gongLibraryFolderCalls, gongLibraryFolders } from './tables/library-tables.js';
import { gongManualCrmAssociations } from './tables/manual-association-tables.js';
import { erasures } from './tables/erasure-tables.js';

export * from './column.js';
export * from './table.js';
export * from './tables/gong-core-tables.js';
export * from './tables/crm-tables.js';
export * from './tables/sync-tables.js';
export * from './tables/connection-tables.js';
export * from './tables/call-content-tables.js';
export * from './tables/settings-tables.js';
export * from './tables/coaching-tables.js';
export * from './tables/library-tables.js';
export * from './tables/manual-association-tables.js';

/** Every table the migrations create (the search index's tables aside: they belong to the dialects). */
export const TABLES = [
  gongUsers,
  gongCalls,
  gongCallParties,
  gongTranscripts,
  transcriptPending,
  gongCallLinks,
  gongCallContent,
  gongCallTrackers,
  gongCallTrackerOccurrences,
  gongCallInteractionStats,
  gongCallSpeakers,
  gongWorkspaces,
  gongTrackers,
  gongScorecards,
  gongAnsweredScorecards,
  gongScorecardAnswers,
  gongUserDailyActivity,
  gongUserInteractionStats,
  gongLibraryFolders,
  gongLibraryFolderCalls,
  gongManualCrmAssociations,
  crmAccounts,
  crmContacts,
  crmDeals,
  crmDealContacts,
  syncState,
  syncRuns,
  requestBudget,
  storeMeta,
  connections,
  workerRateLimits,
  erasures,
] as const satisfies readonly AnyTable[];

export type TableName = (typeof TABLES)[number]['name'];

/** The database as Kysely sees it. */
export type Database = { [T in (typeof TABLES)[number] as T['name']]: TableRow<T> };

export type GongUsersTable = TableRow<typeof gongUsers>;
export type GongCallsTable = TableRow<typeof gongCalls>;
export type GongCallPartiesTable = TableRow<typeof gongCallParties>;
export type GongTranscriptsTable = TableRow<typeof gongTranscripts>;
export type TranscriptPendingTable = TableRow<typeof transcriptPending>;
export type GongCallLinksTable = TableRow<typeof gongCallLinks>;
export type CrmAccountsTable = TableRow<typeof crmAccounts>;
export type CrmContactsTable = TableRow<typeof crmContacts>;
export type CrmDealsTable = TableRow<typeof crmDeals>;
export type CrmDealContactsTable = TableRow<typeof crmDealContacts>;
export type SyncStateTable = TableRow<typeof syncState>;
export type SyncRunsTable = TableRow<typeof syncRuns>;
export type RequestBudgetTable = TableRow<typeof requestBudget>;
export type StoreMetaTable = TableRow<typeof storeMeta>;
export type ConnectionsTable = TableRow<typeof connections>;
export type WorkerRateLimitsTable = TableRow<typeof workerRateLimits>;

const BY_NAME = new Map<string, AnyTable>(TABLES.map((t) => [t.name, t]));

/** A table's definition by name. */
export function tableNamed(name: string): AnyTable {
  const table = BY_NAME.get(name);
  if (!table) throw new TypeError(`no table named ${name}`);
  return table;
}

/** Tables whose rows belong to rows of `parent` (removed with them). */
export function childTablesOf(parent: string): AnyTable[] {
  return TABLES.filter((t) => t.parent?.table === parent);
}
