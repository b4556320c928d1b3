/**
 * The database as Kysely sees it: the tables and columns of README.md ("Storage and schema") plus
 * the internal tables the sync needs. One shape for SQLite and PostgreSQL; the few value
 * differences (booleans, JSON, timestamps) are handled by a `ValueCodec` per engine.
 *
 * Every table carries `connection_id` in its key so that one PostgreSQL database can hold many
 * companies' data apart (docs/workers.md). A single-tenant SQLite file uses the
 * connection `default`.
 */

/** A stored boolean: `0`/`1` in SQLite, `true`/`false` in PostgreSQL. Read it with `Boolean(x)`. */
export type DbBool = number | boolean;
/** UTC ISO-8601 text ending in `Z` (SQLite), `timestamptz` (PostgreSQL, read back as the same text). */
export type DbTime = string;
/** JSON text (SQLite `TEXT`, PostgreSQL `jsonb`, read back as text). */
export type DbJson = string;

export interface GongUsersTable {
  connection_id: string;
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  manager_id: string | null;
  active: DbBool | null;
  created_at: DbTime | null;
  deleted_at: DbTime | null;
  raw: DbJson;
  /** The run whose complete pass last saw this user: users unseen by a complete pass are deleted. */
  seen_run_id: string | null;
  synced_at: DbTime;
}

export interface GongCallsTable {
  connection_id: string;
  id: string;
  title: string | null;
  scheduled_at: DbTime | null;
  started_at: DbTime;
  duration_seconds: number | null;
  primary_user_id: string | null;
  direction: string | null;
  scope: string | null;
  media: string | null;
  system: string | null;
  language: string | null;
  workspace_id: string | null;
  url: string | null;
  is_private: DbBool;
  raw: DbJson;
  /** The calls-window pass that last saw this call: calls a complete pass did not see are gone from Gong. */
  seen_pass_id: string | null;
  synced_at: DbTime;
}

export interface GongCallPartiesTable {
  connection_id: string;
  call_id: string;
  party_id: string;
  speaker_id: string | null;
  user_id: string | null;
  email: string | null;
  name: string | null;
  title: string | null;
  affiliation: string | null;
  phone: string | null;
}

export interface GongTranscriptsTable {
  connection_id: string;
  call_id: string;
  /** Gong's monologue array as sent (`transcript` of one `callTranscripts[]` element). */
  segments: DbJson;
  /** The speaker-attributed rendering (README.md, "CLI"). */
  text: string;
  fetched_at: DbTime;
}

/** Calls whose transcript has been asked for and not yet received: asked again on every run until the call is 30 days old. */
export interface TranscriptPendingTable {
  connection_id: string;
  call_id: string;
  attempts: number;
  first_attempt_at: DbTime;
  last_attempt_at: DbTime;
  gave_up_at: DbTime | null;
}

export interface GongCallLinksTable {
  connection_id: string;
  call_id: string;
  crm_object_type: 'account' | 'deal';
  crm_object_id: string;
  method: 'gong_context' | 'contact_email' | 'email_domain';
  confidence: number;
  linked_at: DbTime;
}

export interface CrmAccountsTable {
  connection_id: string;
  id: string;
  name: string | null;
  domain: string | null;
  website: string | null;
  source: string | null;
  raw: DbJson | null;
  imported_at: DbTime;
}

export interface CrmContactsTable {
  connection_id: string;
  id: string;
  email: string | null;
  account_id: string | null;
  first_name: string | null;
  last_name: string | null;
  source: string | null;
  raw: DbJson | null;
  imported_at: DbTime;
}

export interface CrmDealsTable {
  connection_id: string;
  id: string;
  name: string | null;
  account_id: string | null;
  stage: string | null;
  amount: number | null;
  created_at: DbTime | null;
  close_date: DbTime | null;
  is_closed: DbBool | null;
  is_won: DbBool | null;
  source: string | null;
  raw: DbJson | null;
  imported_at: DbTime;
}

/** Per-stream sync state: the watermark moves only when a window completes, so a run that stops mid-window never skips what it had not reached. */
export interface SyncStateTable {
  connection_id: string;
  stream: string;
  /** End of the last completed window (UTC ISO), or null before the first. */
  watermark: DbTime | null;
  /** Start of what completed windows cover: `[backfill_from, watermark)` is synced. */
  backfill_from: DbTime | null;
  /** JSON progress marker of a window in flight (`CallsWindowProgress`), or null. */
  progress: DbJson | null;
  /** When this stream last finished a complete, error-free pass. */
  completed_at: DbTime | null;
  updated_at: DbTime;
}

/** One row per `sync` run: what `status` reports as "last runs". */
export interface SyncRunsTable {
  connection_id: string;
  id: string;
  started_at: DbTime;
  finished_at: DbTime | null;
  /** `running`, `completed`, `stopped` (budget or rate limit: resumable), `failed`. */
  status: string;
  error: string | null;
  /** JSON counts: `{users, calls, parties, transcripts, deletedCalls, requests}`. */
  stats: DbJson | null;
}

/** Requests sent per Gong account per UTC day (Gong's 10,000/day is per company). */
export interface RequestBudgetTable {
  account_key: string;
  day: string;
  used: number;
  updated_at: DbTime;
}

/** Gong's clock offset measured from response `Date` headers, kept across runs. */
export interface StoreMetaTable {
  key: string;
  value: string;
}

export interface Database {
  gong_users: GongUsersTable;
  gong_calls: GongCallsTable;
  gong_call_parties: GongCallPartiesTable;
  gong_transcripts: GongTranscriptsTable;
  transcript_pending: TranscriptPendingTable;
  gong_call_links: GongCallLinksTable;
  crm_accounts: CrmAccountsTable;
  crm_contacts: CrmContactsTable;
  crm_deals: CrmDealsTable;
  sync_state: SyncStateTable;
  sync_runs: SyncRunsTable;
  request_budget: RequestBudgetTable;
  store_meta: StoreMetaTable;
}
