/**
 * The tables of calls, transcripts and users (product.md "Database schema"; migration
 * `001-initial`), and the bookkeeping that hangs off them.
 */
import { bool, int, json, real, text, textOf, time } from '../column.js';
import { defineTable } from '../table.js';

export const gongUsers = defineTable({
  name: 'gong_users',
  description: 'Gong users: reps and managers, with their manager.',
  key: ['id'],
  tenant: true,
  exportName: 'users',
  columns: {
    id: text(),
    email: text().nullable(),
    first_name: text().nullable(),
    last_name: text().nullable(),
    title: text().nullable(),
    manager_id: text().nullable(),
    active: bool().nullable(),
    created_at: time().nullable(),
    /** Set once a complete pass no longer lists the user. */
    deleted_at: time().nullable(),
    raw: json().describe('The user exactly as Gong sent it.'),
    /** The run whose complete pass last saw this user: users unseen by a complete pass are deleted. */
    seen_run_id: text().nullable().internal(),
    synced_at: time().internal(),
  },
});

export const gongCalls = defineTable({
  name: 'gong_calls',
  description: 'Calls: metadata of every call Gong recorded or imported.',
  key: ['id'],
  tenant: true,
  exportName: 'calls',
  columns: {
    id: text(),
    title: text().nullable(),
    scheduled_at: time().nullable(),
    started_at: time(),
    duration_seconds: int().nullable(),
    primary_user_id: text().nullable(),
    direction: text().nullable(),
    scope: text().nullable(),
    media: text().nullable(),
    system: text().nullable(),
    language: text().nullable(),
    workspace_id: text().nullable(),
    url: text().nullable(),
    is_private: bool(),
    raw: json().describe('The whole /v2/calls/extensive element as Gong sent it.'),
    /** The calls-window pass that last saw this call: calls a complete pass did not see are gone from Gong. */
    seen_pass_id: text().nullable().internal(),
    synced_at: time().internal(),
  },
});

export const gongCallParties = defineTable({
  name: 'gong_call_parties',
  description: "Each call's participants, with affiliation and the speaker id transcripts refer to.",
  key: ['call_id', 'party_id'],
  tenant: true,
  exportName: 'call_parties',
  parent: { table: 'gong_calls', column: 'call_id' },
  columns: {
    call_id: text(),
    party_id: text(),
    speaker_id: text().nullable(),
    user_id: text().nullable(),
    email: text().nullable(),
    name: text().nullable(),
    title: text().nullable(),
    affiliation: text().nullable(),
    phone: text().nullable(),
  },
});

export const gongTranscripts = defineTable({
  name: 'gong_transcripts',
  description: 'Transcripts: Gong monologues and the speaker-attributed rendering.',
  key: ['call_id'],
  tenant: true,
  exportName: 'transcripts',
  parent: { table: 'gong_calls', column: 'call_id' },
  columns: {
    call_id: text(),
    /** Gong's monologue array as sent (`transcript` of one `callTranscripts[]` element). */
    segments: json().describe("Gong's monologues: [{speakerId, topic, sentences: [{start, end, text}]}]."),
    /** The speaker-attributed rendering (product.md, "Transcript rendering"). */
    text: text().describe('One line per monologue: [mm:ss] Speaker Name (Affiliation): sentences.'),
    fetched_at: time(),
  },
});

/** Calls whose transcript has been asked for and not yet received (retried until 30 days old). */
export const transcriptPending = defineTable({
  name: 'transcript_pending',
  description: 'Calls whose transcript Gong has not produced yet.',
  key: ['call_id'],
  tenant: true,
  parent: { table: 'gong_calls', column: 'call_id' },
  columns: {
    call_id: text(),
    attempts: int(),
    first_attempt_at: time(),
    last_attempt_at: time(),
    gave_up_at: time().nullable(),
  },
});

export const gongCallLinks = defineTable({
  name: 'gong_call_links',
  description: 'Each call linked to the CRM accounts and deals it belongs to, with the evidence and a confidence.',
  key: ['call_id', 'crm_object_type', 'crm_object_id'],
  tenant: true,
  exportName: 'call_links',
  parent: { table: 'gong_calls', column: 'call_id' },
  columns: {
    call_id: text(),
    crm_object_type: textOf<'account' | 'deal'>(),
    crm_object_id: text(),
    method: textOf<'gong_context' | 'contact_email' | 'email_domain' | 'gong_manual'>(),
    confidence: real(),
    linked_at: time(),
  },
});
