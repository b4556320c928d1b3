/**
 * What Gong computed about each call (product.md "Call intelligence and coaching"), lifted out of
 * the `/v2/calls/extensive` record the calls stream already fetches (docs/gong-api.md §3.3), so
 * they cost no request. Every table hangs off `gong_calls`: a re-read call replaces its rows
 * exactly, and a call that turns private or is deleted takes them with it.
 */
import { int, json, real, text } from '../column.js';
import { defineTable } from '../table.js';

const OF_CALL = { table: 'gong_calls', column: 'call_id' } as const;

export const gongCallContent = defineTable({
  name: 'gong_call_content',
  description: "Gong's summary of a call: brief, key points, outline, highlights, outcome, topics, questions.",
  key: ['call_id'],
  tenant: true,
  exportName: 'call_content',
  parent: OF_CALL,
  columns: {
    call_id: text(),
    brief: text().nullable().describe("Gong's AI brief of the call."),
    key_points: json().nullable().shaped({ type: 'array', items: { type: 'string' } }).describe('Key points, as text.'),
    outline: json().nullable().describe("Gong's outline: sections with their items and start times."),
    highlights: json().nullable().describe("Gong's highlights: titled groups of items."),
    call_outcome: text().nullable().describe('The outcome Gong (or the rep) gave the call, by name.'),
    call_outcome_category: text().nullable(),
    topics: json().nullable().shaped({ type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, duration: { type: 'number' } } } }).describe('Topics discussed and for how many seconds.'),
    action_items: json().nullable().describe('Action items Gong found: the snippet, its speaker and times.'),
    questions_company: int().nullable().describe('Questions asked by the company side.'),
    questions_non_company: int().nullable().describe('Questions asked by the other side.'),
  },
});

export const gongCallTrackers = defineTable({
  name: 'gong_call_trackers',
  description: 'The trackers that fired on a call, and how often.',
  key: ['call_id', 'tracker_id'],
  tenant: true,
  exportName: 'call_trackers',
  parent: OF_CALL,
  columns: {
    call_id: text(),
    tracker_id: text(),
    name: text().nullable(),
    type: text().nullable().describe('KEYWORD or SMART.'),
    count: int(),
  },
});

export const gongCallTrackerOccurrences = defineTable({
  name: 'gong_call_tracker_occurrences',
  description: 'Where in a call each tracker fired, and who said it (calls since 2023).',
  key: ['call_id', 'tracker_id', 'start_ms', 'speaker_id'],
  tenant: true,
  exportName: 'call_tracker_occurrences',
  parent: OF_CALL,
  columns: {
    call_id: text(),
    tracker_id: text(),
    start_ms: int().describe('Milliseconds from the start of the call.'),
    speaker_id: text().describe("The transcript's speaker id; empty when Gong did not say."),
    phrase: text().nullable().describe('The phrase that fired, when Gong says.'),
  },
});

export const gongCallInteractionStats = defineTable({
  name: 'gong_call_interaction_stats',
  description: 'Interaction statistics of a call: Talk Ratio, Longest Monologue, Interactivity, Patience…',
  key: ['call_id', 'name'],
  tenant: true,
  exportName: 'call_interaction_stats',
  parent: OF_CALL,
  columns: {
    call_id: text(),
    name: text(),
    value: real().nullable(),
  },
});

export const gongCallSpeakers = defineTable({
  name: 'gong_call_speakers',
  description: "How long each of the company's speakers talked on a call.",
  key: ['call_id', 'speaker_id'],
  tenant: true,
  exportName: 'call_speakers',
  parent: OF_CALL,
  columns: {
    call_id: text(),
    speaker_id: text().describe("Gong's id of the speaker entry: the party's id (gong_call_parties.party_id)."),
    user_id: text().nullable(),
    talk_time_seconds: real().nullable(),
  },
});
