import type { GongCallTranscript } from '../../gong/types.js';
import type { TranscriptRecord } from '../../store/records.js';
import { toUtcIso } from '../../util/time.js';
import { renderStoredTranscript } from '../render-stored-transcript.js';
import type { SyncContext } from '../sync-context.js';

/** Gong's documented per-request cap on `callIds` (README §3.3–3.4, peers A16). */
const BATCH = 100;

/**
 * Transcripts: for stored calls that have none yet, `POST /v2/calls/transcript` with their ids,
 * 100 per request. Transcripts carry no timestamp of their own (peers §3), so instead of a
 * watermark each call is asked for until its transcript arrives or it is too old
 * (product.md: 30 days), whatever the calls window of this run was.
 */
export async function syncTranscripts(ctx: SyncContext): Promise<void> {
  ctx.emit({ type: 'stream-start', stream: 'transcripts' });
  const giveUpBefore = toUtcIso(ctx.now() - ctx.options.transcriptGiveUpMs);
  let after: { startedAt: string; id: string } | undefined;
  let done = 0;
  for (;;) {
    const batch = await ctx.store.callsNeedingTranscript(BATCH, after);
    if (batch.length === 0) break;
    after = { startedAt: batch[batch.length - 1]!.startedAt, id: batch[batch.length - 1]!.id };
    const wanted = new Map(batch.map((c) => [c.id, c.startedAt]));
    const received = new Set<string>();
    for await (const page of ctx.client.transcripts({ callIds: [...wanted.keys()] }).pages()) {
      // An empty monologue list is how a call still being processed may come back
      // (README §3.4, unverified): it stays pending rather than being stored empty.
      const ready = page.items.filter((t) => wanted.has(t.callId) && !received.has(t.callId) && t.transcript.length > 0);
      for (const t of ready) received.add(t.callId);
      if (ready.length > 0) await commitTranscripts(ctx, ready);
      done += ready.length;
      ctx.emit({ type: 'page', stream: 'transcripts', records: ready.length, done });
      ctx.checkpoint();
    }
    const misses = [...wanted].filter(([id]) => !received.has(id)).map(([callId, startedAt]) => ({ callId, startedAt }));
    if (misses.length > 0) {
      const now = toUtcIso(ctx.now());
      const { gaveUp } = await ctx.store.write((w) => w.recordTranscriptMisses(misses, now, giveUpBefore));
      ctx.stats.transcriptsPending += misses.length - gaveUp;
      ctx.stats.transcriptsGaveUp += gaveUp;
    }
  }
  ctx.emit({ type: 'stream-end', stream: 'transcripts', records: done });
}

async function commitTranscripts(ctx: SyncContext, transcripts: GongCallTranscript[]): Promise<void> {
  const callIds = transcripts.map((t) => t.callId);
  const parties = await ctx.store.partiesOfCalls(callIds);
  const users = await ctx.store.userNames([...parties.values()].flat().flatMap((p) => (p.user_id ? [p.user_id] : [])));
  const now = toUtcIso(ctx.now());
  const records: TranscriptRecord[] = transcripts.map((t) => ({
    call_id: t.callId,
    segments: t.transcript,
    text: renderStoredTranscript(t.transcript, parties.get(t.callId) ?? [], users),
    fetched_at: now,
  }));
  await ctx.store.write((w) => w.upsertTranscripts(records));
  ctx.stats.transcripts += records.length;
}
