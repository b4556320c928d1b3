import type { Migration } from './column-types.js';

/** The tables of README.md ("Storage and schema") plus the sync's own state, budget and run tables. */
export const initial: Migration = {
  id: '001-initial',
  statements: (_engine, t) => [
    `CREATE TABLE gong_users (
      connection_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      email ${t.text}, first_name ${t.text}, last_name ${t.text}, title ${t.text}, manager_id ${t.text},
      active ${t.bool}, created_at ${t.time}, deleted_at ${t.time},
      raw ${t.json} NOT NULL,
      seen_run_id ${t.text},
      synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE TABLE gong_calls (
      connection_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      title ${t.text}, scheduled_at ${t.time}, started_at ${t.time} NOT NULL, duration_seconds ${t.int},
      primary_user_id ${t.text}, direction ${t.text}, scope ${t.text}, media ${t.text}, system ${t.text},
      language ${t.text}, workspace_id ${t.text}, url ${t.text},
      is_private ${t.bool} NOT NULL,
      raw ${t.json} NOT NULL,
      seen_pass_id ${t.text},
      synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE INDEX gong_calls_started ON gong_calls (connection_id, started_at)`,
    `CREATE TABLE gong_call_parties (
      connection_id ${t.text} NOT NULL,
      call_id ${t.text} NOT NULL,
      party_id ${t.text} NOT NULL,
      speaker_id ${t.text}, user_id ${t.text}, email ${t.text}, name ${t.text}, title ${t.text},
      affiliation ${t.text}, phone ${t.text},
      PRIMARY KEY (connection_id, call_id, party_id)
    )`,
    `CREATE INDEX gong_call_parties_email ON gong_call_parties (connection_id, email)`,
    `CREATE TABLE gong_transcripts (
      connection_id ${t.text} NOT NULL,
      call_id ${t.text} NOT NULL,
      segments ${t.json} NOT NULL,
      text ${t.text} NOT NULL,
      fetched_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, call_id)
    )`,
    `CREATE TABLE transcript_pending (
      connection_id ${t.text} NOT NULL,
      call_id ${t.text} NOT NULL,
      attempts ${t.int} NOT NULL,
      first_attempt_at ${t.time} NOT NULL,
      last_attempt_at ${t.time} NOT NULL,
      gave_up_at ${t.time},
      PRIMARY KEY (connection_id, call_id)
    )`,
    `CREATE TABLE gong_call_links (
      connection_id ${t.text} NOT NULL,
      call_id ${t.text} NOT NULL,
      crm_object_type ${t.text} NOT NULL CHECK (crm_object_type IN ('account', 'deal')),
      crm_object_id ${t.text} NOT NULL,
      method ${t.text} NOT NULL CHECK (method IN ('gong_context', 'contact_email', 'email_domain')),
      confidence ${t.real} NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
      linked_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, call_id, crm_object_type, crm_object_id)
    )`,
    `CREATE INDEX gong_call_links_object ON gong_call_links (connection_id, crm_object_type, crm_object_id)`,
    `CREATE TABLE crm_accounts (
      connection_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      name ${t.text}, domain ${t.text}, website ${t.text}, source ${t.text}, raw ${t.json},
      imported_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE INDEX crm_accounts_domain ON crm_accounts (connection_id, domain)`,
    `CREATE TABLE crm_contacts (
      connection_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      email ${t.text}, account_id ${t.text}, first_name ${t.text}, last_name ${t.text}, source ${t.text}, raw ${t.json},
      imported_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE INDEX crm_contacts_email ON crm_contacts (connection_id, email)`,
    `CREATE TABLE crm_deals (
      connection_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      name ${t.text}, account_id ${t.text}, stage ${t.text}, amount ${t.real},
      created_at ${t.time}, close_date ${t.time}, is_closed ${t.bool}, is_won ${t.bool},
      source ${t.text}, raw ${t.json},
      imported_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE INDEX crm_deals_account ON crm_deals (connection_id, account_id)`,
    `CREATE TABLE sync_state (
      connection_id ${t.text} NOT NULL,
      stream ${t.text} NOT NULL,
      watermark ${t.time},
      backfill_from ${t.time},
      progress ${t.json},
      completed_at ${t.time},
      updated_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, stream)
    )`,
    `CREATE TABLE sync_runs (
      connection_id ${t.text} NOT NULL,
      id ${t.text} NOT NULL,
      started_at ${t.time} NOT NULL,
      finished_at ${t.time},
      status ${t.text} NOT NULL,
      error ${t.text},
      stats ${t.json},
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE INDEX sync_runs_started ON sync_runs (connection_id, started_at)`,
    `CREATE TABLE request_budget (
      account_key ${t.text} NOT NULL,
      day ${t.text} NOT NULL,
      used ${t.int} NOT NULL,
      updated_at ${t.time} NOT NULL,
      PRIMARY KEY (account_key, day)
    )`,
    `CREATE TABLE store_meta (
      key ${t.text} PRIMARY KEY,
      value ${t.text} NOT NULL
    )`,
  ],
};
