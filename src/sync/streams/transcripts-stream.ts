/**
 * Transcripts: for stored calls that have none yet, `POST /v2/calls/transcript` with their ids,
 * 100 per request (docs/gong-api.md §3.4). Transcripts carry no timestamp of their own, so
 * instead of a watermark each call is asked for until its transcript arrives or the call is 30
 * days old, whatever the calls window of this run was. The text names speakers from the call's
 * stored parties.
 */
import type { GongCallTranscript } from '../../gong/types.js';
import { gongTranscripts } from '../../store/schema/index.js';
import { renderStoredTranscript } from '../../transcript/render-stored-transcript.js';
import { toUtcIso } from '../../util/time.js';
import type { StreamDefinition } from '../engine/stream-definition.js';
import type { SpeakerDirectory } from '../sink/sync-sink.js';
import { pagesOf } from './pages-of.js';
import { checkTranscript } from '../../gong/checks/record-shapes.js';

/** Gong's per-request cap on `callIds` (docs/gong-api.md §3.3–3.4). */
const BATCH = 100;

const n = (value: number) => value.toLocaleString('en-US');

export const transcriptsStream: StreamDefinition<GongCallTranscript> = {
  name: 'transcripts',
  description: 'Speaker-attributed transcripts of stored calls, asked for until they arrive (or for 30 days).',
  tables: [gongTranscripts],
  dependsOn: ['calls'],
  scopes: ['api:calls:read:transcript'],
  source: {
    replication: 'pending',
    batchSize: BATCH,
    read: (ctx, callIds) => pagesOf(ctx.client.transcripts({ callIds, signal: ctx.signal })),
    keyOf: (t) => t.callId,
    isReady: (t) => t.transcript.length > 0,
    giveUpAfterMs: (ctx) => ctx.options.transcriptGiveUpMs,
    counters: { pending: 'transcriptsPending', gaveUp: 'transcriptsGaveUp' },
  },
  summary: (s) =>
    `${n(s.transcripts ?? 0)} fetched${s.transcriptsPending ? `, ${n(s.transcriptsPending)} not ready yet (retried next run)` : ''}${s.transcriptsGaveUp ? `, ${n(s.transcriptsGaveUp)} given up (older than 30 days)` : ''}`,
  lookup: (transcripts, ctx) => ctx.sink.speakerDirectory(transcripts.map((t) => t.callId)),
  check: checkTranscript,
  toRows: (t, ctx, lookup) => {
    const directory = lookup as SpeakerDirectory;
    return {
      gong_transcripts: [
        {
          call_id: t.callId,
          segments: t.transcript,
          text: renderStoredTranscript(t.transcript, directory.parties.get(t.callId) ?? [], directory.users),
          fetched_at: toUtcIso(ctx.now()),
        },
      ],
    };
  },
};
