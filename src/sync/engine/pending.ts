/**
 * The pending skeleton (transcripts): records that belong to rows the sink already holds and
 * that Gong produces late, with no timestamp of their own to keep a watermark on. Every row
 * still waiting is asked for, a batch at a time, on every run, until its record arrives or the
 * row is too old to wait for; misses are recorded in the same commit as the batch's last page.
 */
import { toUtcIso } from '../../util/time.js';
import { checkPage } from './check-page.js';
import { commitPage } from './commit-page.js';
import type { StreamContext } from './stream-context.js';
import type { AnyStream, PendingSource } from './stream-definition.js';

export async function runPending(ctx: StreamContext, stream: AnyStream, source: PendingSource<unknown>): Promise<void> {
  ctx.emit({ type: 'stream-start', stream: stream.name });
  const giveUpBefore = toUtcIso(ctx.now() - source.giveUpAfterMs(ctx));
  let after: { startedAt: string; id: string } | undefined;
  let done = 0;
  for (;;) {
    const batch = await ctx.sink.callsAwaitingTranscript(source.batchSize, after);
    if (batch.length === 0) break;
    after = { startedAt: batch[batch.length - 1]!.startedAt, id: batch[batch.length - 1]!.id };
    const wanted = new Map(batch.map((c) => [c.id, c.startedAt]));
    const received = new Set<string>();
    for await (const page of source.read(ctx, [...wanted.keys()])) {
      checkPage(stream, page.items);
      // A record for a key not asked for, a repeat, or one not ready yet (an empty transcript is
      // how a call still being processed may come back; docs/gong-api.md §3.4) stays out.
      const ready = page.items.filter((r) => {
        const key = source.keyOf(r);
        return wanted.has(key) && !received.has(key) && source.isReady(r);
      });
      for (const r of ready) received.add(source.keyOf(r));
      if (ready.length > 0) await commitPage(ctx, stream, [], ready, { doneBefore: done });
      else {
        ctx.emit({ type: 'page', stream: stream.name, records: 0, done });
        ctx.checkpoint();
      }
      done += ready.length;
    }
    const misses = [...wanted].filter(([id]) => !received.has(id)).map(([callId, startedAt]) => ({ callId, startedAt }));
    if (misses.length > 0) {
      const result = await ctx.sink.commit({
        stream: stream.name,
        tables: [],
        now: toUtcIso(ctx.now()),
        transcriptMisses: { misses, now: toUtcIso(ctx.now()), giveUpBefore },
      });
      ctx.count(source.counters.pending, misses.length - result.gaveUp);
      ctx.count(source.counters.gaveUp, result.gaveUp);
    }
  }
  // No watermark (nothing to keep one on), but `status` says when the last pass finished.
  const now = toUtcIso(ctx.now());
  await ctx.sink.commit({ stream: stream.name, tables: [], now, state: [{ stream: stream.name, patch: { completedAt: now } }] });
  ctx.emit({ type: 'stream-end', stream: stream.name, records: done });
}
