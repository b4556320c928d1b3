/**
 * A `/v2/calls/extensive` record → what Gong computed about the call (docs/gong-api.md §3.3):
 * its content (brief, key points, outline, highlights, outcome, topics, action items, questions),
 * the trackers that fired and where, the interaction statistics and the speakers' talk time.
 * Gong leaves out what it has not produced, even when asked: a call with neither `content` nor
 * `interaction` has no rows yet.
 */
import type { GongCall } from '../../gong/types.js';
import { numberOrNull, text } from './values.js';

type Json = Record<string, unknown>;

export interface CallContentRows {
  gong_call_content: Json[];
  gong_call_trackers: Json[];
  gong_call_tracker_occurrences: Json[];
  gong_call_interaction_stats: Json[];
  gong_call_speakers: Json[];
}

/** @example callContentRows(call).gong_call_trackers // [{ call_id, tracker_id, name, type, count }] */
export function callContentRows(call: GongCall): CallContentRows {
  const callId = String(call.metaData.id);
  const content = objectOr(call.content);
  const interaction = objectOr(call.interaction);
  const rows: CallContentRows = {
    gong_call_content: [],
    gong_call_trackers: [],
    gong_call_tracker_occurrences: [],
    gong_call_interaction_stats: [],
    gong_call_speakers: [],
  };
  if (!content && !interaction) return rows;
  const outcome = objectOr(content?.callOutcome);
  const questions = objectOr(interaction?.questions);
  const poi = objectOr(content?.pointsOfInterest);
  rows.gong_call_content.push({
    call_id: callId,
    brief: text(content?.brief),
    key_points: Array.isArray(content?.keyPoints) ? content.keyPoints.map((k) => (typeof k === 'string' ? k : text(objectOr(k)?.text))).filter((k) => k !== null) : null,
    outline: content?.outline ?? null,
    highlights: content?.highlights ?? null,
    call_outcome: text(outcome?.name),
    call_outcome_category: text(outcome?.category),
    topics: Array.isArray(content?.topics) ? content.topics : null,
    action_items: Array.isArray(poi?.actionItems) ? poi.actionItems : null,
    questions_company: numberOrNull(questions?.companyCount),
    questions_non_company: numberOrNull(questions?.nonCompanyCount),
  });
  for (const tracker of listOf(content?.trackers)) {
    // Trackers of 2020/21 had only a name and a count (§3.3): the name is their id then.
    const trackerId = text(tracker.id) ?? text(tracker.name);
    if (trackerId === null) continue;
    rows.gong_call_trackers.push({ call_id: callId, tracker_id: trackerId, name: text(tracker.name), type: text(tracker.type), count: numberOrNull(tracker.count) ?? 0 });
    const occurrence = (o: Json, phrase: string | null) => {
      const start = numberOrNull(o.startTime);
      if (start === null) return;
      rows.gong_call_tracker_occurrences.push({
        call_id: callId,
        tracker_id: trackerId,
        start_ms: Math.round(start * 1000),
        speaker_id: text(o.speakerId) ?? '',
        phrase,
      });
    };
    for (const o of listOf(tracker.occurrences)) occurrence(o, null);
    for (const p of listOf(tracker.phrases)) for (const o of listOf(p.occurrences)) occurrence(o, text(p.phrase));
  }
  for (const stat of listOf(interaction?.interactionStats)) {
    const name = text(stat.name);
    if (name !== null) rows.gong_call_interaction_stats.push({ call_id: callId, name, value: numberOrNull(stat.value) });
  }
  for (const speaker of listOf(interaction?.speakers)) {
    const id = text(speaker.id);
    if (id !== null) rows.gong_call_speakers.push({ call_id: callId, speaker_id: id, user_id: text(speaker.userId), talk_time_seconds: numberOrNull(speaker.talkTime) });
  }
  return rows;
}

function objectOr(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function listOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}
