import { callContentRows } from '../mappers/call-content-rows.js';
import { encodeRows } from '../encode-rows.js';
import { upsertRows } from '../upsert-rows.js';
import { tableNamed } from '../schema/index.js';
import { storedKey } from '../schema/table.js';
import type { GongCall } from '../../gong/types.js';
import type { Engine, Migration } from './column-types.js';
import type { UntypedKysely } from '../untyped-kysely.js';

/**
 * Call intelligence and coaching (product.md): what Gong computed about each call, the
 * company's settings, answered scorecards, daily activity and interaction stats, the library,
 * and manual CRM associations; `gong_call_links` accepts the `gong_manual` method. The call
 * content tables are filled from the `raw` of the calls already stored, so an existing database
 * gains them without a request.
 *
 * Never edit this file once released: a change is a new migration.
 */
export const callIntelligence: Migration = {
  id: '005-call-intelligence',
  statements: (engine, t) => [
    `CREATE TABLE gong_call_content (
      connection_id ${t.text} NOT NULL, call_id ${t.text} NOT NULL,
      brief ${t.text}, key_points ${t.json}, outline ${t.json}, highlights ${t.json},
      call_outcome ${t.text}, call_outcome_category ${t.text}, topics ${t.json}, action_items ${t.json},
      questions_company ${t.int}, questions_non_company ${t.int},
      PRIMARY KEY (connection_id, call_id)
    )`,
    `CREATE TABLE gong_call_trackers (
      connection_id ${t.text} NOT NULL, call_id ${t.text} NOT NULL, tracker_id ${t.text} NOT NULL,
      name ${t.text}, type ${t.text}, count ${t.int} NOT NULL,
      PRIMARY KEY (connection_id, call_id, tracker_id)
    )`,
    `CREATE INDEX gong_call_trackers_name ON gong_call_trackers (connection_id, name)`,
    `CREATE TABLE gong_call_tracker_occurrences (
      connection_id ${t.text} NOT NULL, call_id ${t.text} NOT NULL, tracker_id ${t.text} NOT NULL,
      start_ms ${t.int} NOT NULL, speaker_id ${t.text} NOT NULL, phrase ${t.text},
      PRIMARY KEY (connection_id, call_id, tracker_id, start_ms, speaker_id)
    )`,
    `CREATE TABLE gong_call_interaction_stats (
      connection_id ${t.text} NOT NULL, call_id ${t.text} NOT NULL, name ${t.text} NOT NULL, value ${t.real},
      PRIMARY KEY (connection_id, call_id, name)
    )`,
    `CREATE TABLE gong_call_speakers (
      connection_id ${t.text} NOT NULL, call_id ${t.text} NOT NULL, speaker_id ${t.text} NOT NULL,
      user_id ${t.text}, talk_time_seconds ${t.real},
      PRIMARY KEY (connection_id, call_id, speaker_id)
    )`,
    `CREATE TABLE gong_workspaces (
      connection_id ${t.text} NOT NULL, id ${t.text} NOT NULL,
      name ${t.text}, description ${t.text}, deleted_at ${t.time}, raw ${t.json} NOT NULL,
      seen_run_id ${t.text}, synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE TABLE gong_trackers (
      connection_id ${t.text} NOT NULL, id ${t.text} NOT NULL,
      name ${t.text}, workspace_id ${t.text}, affiliation ${t.text}, keywords ${t.json},
      created_at ${t.time}, updated_at ${t.time}, deleted_at ${t.time}, raw ${t.json} NOT NULL,
      seen_run_id ${t.text}, synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE TABLE gong_scorecards (
      connection_id ${t.text} NOT NULL, id ${t.text} NOT NULL,
      name ${t.text}, workspace_id ${t.text}, enabled ${t.bool}, questions ${t.json},
      updated_at ${t.time}, deleted_at ${t.time}, raw ${t.json} NOT NULL,
      seen_run_id ${t.text}, synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE TABLE gong_answered_scorecards (
      connection_id ${t.text} NOT NULL, id ${t.text} NOT NULL,
      scorecard_id ${t.text}, scorecard_name ${t.text}, call_id ${t.text}, call_started_at ${t.time},
      reviewed_user_id ${t.text}, reviewer_user_id ${t.text}, review_time ${t.time}, visibility ${t.text},
      raw ${t.json} NOT NULL, synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE INDEX gong_answered_scorecards_call ON gong_answered_scorecards (connection_id, call_id)`,
    `CREATE INDEX gong_answered_scorecards_reviewed ON gong_answered_scorecards (connection_id, reviewed_user_id)`,
    `CREATE TABLE gong_scorecard_answers (
      connection_id ${t.text} NOT NULL, answered_scorecard_id ${t.text} NOT NULL, question_id ${t.text} NOT NULL,
      is_overall ${t.bool}, score ${t.real}, answer_text ${t.text}, not_applicable ${t.bool}, selected_options ${t.json},
      PRIMARY KEY (connection_id, answered_scorecard_id, question_id)
    )`,
    `CREATE TABLE gong_user_daily_activity (
      connection_id ${t.text} NOT NULL, user_id ${t.text} NOT NULL, day ${t.text} NOT NULL,
      calls_as_host ${t.int} NOT NULL, calls_attended ${t.int} NOT NULL,
      calls_gave_feedback ${t.int} NOT NULL, calls_received_feedback ${t.int} NOT NULL, calls_requested_feedback ${t.int} NOT NULL,
      calls_scorecards_filled ${t.int} NOT NULL, calls_scorecards_received ${t.int} NOT NULL,
      calls_shared_internally ${t.int} NOT NULL, calls_shared_externally ${t.int} NOT NULL,
      calls_comments_given ${t.int} NOT NULL, calls_comments_received ${t.int} NOT NULL,
      own_calls_listened_to ${t.int} NOT NULL, others_calls_listened_to ${t.int} NOT NULL,
      calls_marked_as_feedback_given ${t.int} NOT NULL, calls_marked_as_feedback_received ${t.int} NOT NULL,
      raw ${t.json} NOT NULL, synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, user_id, day)
    )`,
    `CREATE TABLE gong_user_interaction_stats (
      connection_id ${t.text} NOT NULL, user_id ${t.text} NOT NULL, period_start ${t.text} NOT NULL,
      period_end ${t.text} NOT NULL, name ${t.text} NOT NULL, value ${t.real}, synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, user_id, period_start, name)
    )`,
    `CREATE TABLE gong_library_folders (
      connection_id ${t.text} NOT NULL, id ${t.text} NOT NULL,
      name ${t.text}, parent_folder_id ${t.text}, workspace_id ${t.text}, created_by ${t.text}, updated_at ${t.time},
      raw ${t.json} NOT NULL, seen_run_id ${t.text}, synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE TABLE gong_library_folder_calls (
      connection_id ${t.text} NOT NULL, folder_id ${t.text} NOT NULL, call_id ${t.text} NOT NULL,
      title ${t.text}, note ${t.text}, added_by ${t.text}, added_at ${t.time}, url ${t.text},
      snippet_from_sec ${t.real}, snippet_to_sec ${t.real},
      PRIMARY KEY (connection_id, folder_id, call_id)
    )`,
    `CREATE TABLE gong_manual_crm_associations (
      connection_id ${t.text} NOT NULL, call_id ${t.text} NOT NULL,
      crm_object_type ${t.text} NOT NULL CHECK (crm_object_type IN ('account', 'deal')), crm_object_id ${t.text} NOT NULL,
      user_id ${t.text}, created_at ${t.time}, synced_at ${t.time} NOT NULL,
      PRIMARY KEY (connection_id, call_id, crm_object_type, crm_object_id)
    )`,
    ...manualLinkMethod(engine, t.text, t.real, t.time),
  ],
  backfill: backfillCallContent,
};

const LINK_METHODS = `('gong_context', 'contact_email', 'email_domain', 'gong_manual')`;

/** `gong_call_links.method` accepts `gong_manual`: SQLite cannot alter a CHECK, so the table is rebuilt. */
function manualLinkMethod(engine: Engine, text: string, real: string, time: string): string[] {
  if (engine === 'postgres') {
    return [
      'ALTER TABLE gong_call_links DROP CONSTRAINT gong_call_links_method_check',
      `ALTER TABLE gong_call_links ADD CONSTRAINT gong_call_links_method_check CHECK (method IN ${LINK_METHODS})`,
    ];
  }
  return [
    `CREATE TABLE gong_call_links_005 (
      connection_id ${text} NOT NULL,
      call_id ${text} NOT NULL,
      crm_object_type ${text} NOT NULL CHECK (crm_object_type IN ('account', 'deal')),
      crm_object_id ${text} NOT NULL,
      method ${text} NOT NULL CHECK (method IN ${LINK_METHODS}),
      confidence ${real} NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
      linked_at ${time} NOT NULL,
      PRIMARY KEY (connection_id, call_id, crm_object_type, crm_object_id)
    )`,
    'INSERT INTO gong_call_links_005 SELECT connection_id, call_id, crm_object_type, crm_object_id, method, confidence, linked_at FROM gong_call_links',
    'DROP TABLE gong_call_links',
    'ALTER TABLE gong_call_links_005 RENAME TO gong_call_links',
    'CREATE INDEX gong_call_links_object ON gong_call_links (connection_id, crm_object_type, crm_object_id)',
  ];
}

const BATCH = 500;
const CONTENT_TABLES = ['gong_call_content', 'gong_call_trackers', 'gong_call_tracker_occurrences', 'gong_call_interaction_stats', 'gong_call_speakers'] as const;

/** Fills the call content tables from every stored call's `raw`, a batch at a time. */
async function backfillCallContent(tx: UntypedKysely, engine: Engine): Promise<void> {
  const bool = (v: boolean) => (engine === 'sqlite' ? (v ? 1 : 0) : v);
  let after: { connection_id: string; id: string } | undefined;
  for (;;) {
    let query = tx.selectFrom('gong_calls').select(['connection_id', 'id', 'raw']);
    if (after) {
      const { connection_id, id } = after;
      query = query.where((eb) => eb.or([eb('connection_id', '>', connection_id), eb.and([eb('connection_id', '=', connection_id), eb('id', '>', id)])]));
    }
    const calls = (await query.orderBy('connection_id').orderBy('id').limit(BATCH).execute()) as { connection_id: string; id: string; raw: string | object }[];
    if (calls.length === 0) return;
    after = calls[calls.length - 1]!;
    const byTable = new Map<string, Record<string, unknown>[]>(CONTENT_TABLES.map((t) => [t, []]));
    for (const call of calls) {
      const raw = (typeof call.raw === 'string' ? JSON.parse(call.raw) : call.raw) as GongCall;
      if (!raw || typeof raw !== 'object' || !raw.metaData) continue;
      const rows = callContentRows({ ...raw, metaData: { ...raw.metaData, id: call.id } });
      for (const table of CONTENT_TABLES) {
        const table_ = tableNamed(table);
        byTable.get(table)!.push(...encodeRows(table_, rows[table], { connectionId: call.connection_id, bool }));
      }
    }
    for (const [name, rows] of byTable) {
      const table = tableNamed(name);
      await upsertRows(tx, name as never, rows as never[], storedKey(table) as never[], engine === 'sqlite' ? 30_000 : 60_000);
    }
  }
}
