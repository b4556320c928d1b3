/**
 * What Gong computed about each call — brief, key points, outline, highlights, outcome, topics,
 * trackers and where they fired, interaction statistics, talk time — lifted out of the
 * `/v2/calls/extensive` records the calls stream already fetches (docs/gong-api.md §3.3): no
 * request of its own. Written with each page of calls, so a re-read call replaces its rows
 * exactly, and a private call (left out unless `--include-private`) has none.
 */
import type { GongCall } from '../../gong/types.js';
import { callContentRows } from '../../store/mappers/call-content-rows.js';
import { gongCallContent, gongCallInteractionStats, gongCallSpeakers, gongCallTrackerOccurrences, gongCallTrackers } from '../../store/schema/index.js';
import type { StreamDefinition } from '../engine/stream-definition.js';

export const callContentStream: StreamDefinition<GongCall> = {
  name: 'call-content',
  description: "Gong's content, trackers and interaction statistics of each call, from the calls stream's records.",
  tables: [gongCallContent, gongCallTrackers, gongCallTrackerOccurrences, gongCallInteractionStats, gongCallSpeakers],
  scopes: ['api:calls:read:extensive'],
  counter: 'callContent',
  source: { replication: 'derived', from: 'calls' },
  toRows: (call) => ({ ...callContentRows(call) }),
};
