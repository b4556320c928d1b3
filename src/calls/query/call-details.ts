import { gongCallPage } from '../../search/gong-call-link.js';
import { normalizeTime, type GongStore } from '../../store/gong-store.js';
import { callCrmLinks, type CallCrmLinks } from './call-crm-links.js';
import { callIntelligence, type CallIntelligence } from './call-intelligence.js';
import { callParticipants, type CallParticipant } from './call-participants.js';

/** Everything stored about one call except its transcript. */
export interface CallDetails extends CallIntelligence, CallCrmLinks {
  id: string;
  title: string | null;
  startedAt: string;
  scheduledAt: string | null;
  durationSeconds: number | null;
  direction: string | null;
  scope: string | null;
  system: string | null;
  language: string | null;
  primaryUserId: string | null;
  parties: CallParticipant[];
  /** Whether a transcript is stored (read it with `get_transcript`). */
  hasTranscript: boolean;
  url: string;
}

/**
 * One call's metadata, parties, Gong's brief, key points, outcome, topics and trackers, and its
 * CRM links; undefined when the connection has no such call.
 *
 * @example const call = await callDetails(store, '7782342274025937895');
 */
export async function callDetails(store: GongStore, callId: string): Promise<CallDetails | undefined> {
  const call = await store.getCall(callId);
  if (!call) return undefined;
  const transcript = await store.scoped
    .selectFrom('gong_transcripts')
    .select('call_id')
    .where('connection_id', '=', store.connectionId)
    .where('call_id', '=', callId)
    .executeTakeFirst();
  const [parties, links, intelligence] = await Promise.all([callParticipants(store, [callId]), callCrmLinks(store, [callId]), callIntelligence(store, [callId])]);
  return {
    id: call.id,
    title: call.title,
    startedAt: normalizeTime(call.started_at),
    scheduledAt: call.scheduled_at === null ? null : normalizeTime(call.scheduled_at),
    durationSeconds: call.duration_seconds === null ? null : Number(call.duration_seconds),
    direction: call.direction,
    scope: call.scope,
    system: call.system,
    language: call.language,
    primaryUserId: call.primary_user_id,
    parties: parties.get(callId) ?? [],
    ...intelligence.get(callId)!,
    ...links.get(callId)!,
    hasTranscript: transcript !== undefined,
    url: call.url ?? gongCallPage(call.id),
  };
}
