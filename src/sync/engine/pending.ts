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
import { readAhead } from './read-ahead.js';
import type { AnyStream, PendingSource, SourcePage } from './stream-definition.js';

export async function runPending(ctx: StreamContext, stream: AnyStream, source: PendingSource<unknown>): Promise<void> {
  ctx.emit({ type: 'stream-start', stream: stream.name });
  const giveUpBefore = toUtcIso(ctx.now() - source.giveUpAfterMs(ctx));
  let done = 0;
  let batch: PendingBatch | undefined;
  // A batch's misses are known once its last page is in: they commit before the next batch's
  // first page (whose request, read ahead, is already on its way) or at the end.
  const concludeBatch = async () => {
    if (!batch) return;
    const { wanted, received } = batch;
    const misses = [...wanted].filter(([id]) => !received.has(id)).map(([callId, startedAt]) => ({ callId, startedAt }));
    if (misses.length === 0) return;
    const result = await ctx.sink.commit({
      stream: stream.name,
      tables: [],
      now: toUtcIso(ctx.now()),
      transcriptMisses: { misses, now: toUtcIso(ctx.now()), giveUpBefore },
    });
    ctx.count(source.counters.pending, misses.length - result.gaveUp);
    ctx.count(source.counters.gaveUp, result.gaveUp);
  };
  for await (const { of, page } of readAhead(pagesOfBatches(ctx, source))) {
    if (of !== batch) {
      await concludeBatch();
      batch = of;
    }
    if (!page) continue;
    checkPage(stream, page.items);
    const { wanted, received } = of;
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
  await concludeBatch();
  // No watermark (nothing to keep one on), but `status` says when the last pass finished.
  const now = toUtcIso(ctx.now());
  await ctx.sink.commit({ stream: stream.name, tables: [], now, state: [{ stream: stream.name, patch: { completedAt: now } }] });
  ctx.emit({ type: 'stream-end', stream: stream.name, records: done });
}

/** The rows still waiting that one request asks for, and what came back for them. */
interface PendingBatch {
  wanted: Map<string, string>;
  received: Set<string>;
}

/**
 * Every page of every batch, in order, each with its batch; a batch Gong answered with no page
 * at all still appears once (without a page), so its misses are recorded. Batches follow each
 * other by key (`after`), not by what was committed, so the next one can be asked for while the
 * last page of this one is being written.
 */
async function* pagesOfBatches(ctx: StreamContext, source: PendingSource<unknown>): AsyncIterable<{ of: PendingBatch; page?: SourcePage<unknown> }> {
  let after: { startedAt: string; id: string } | undefined;
  for (;;) {
    const rows = await ctx.sink.callsAwaitingTranscript(source.batchSize, after);
    if (rows.length === 0) return;
    after = { startedAt: rows[rows.length - 1]!.startedAt, id: rows[rows.length - 1]!.id };
    const of: PendingBatch = { wanted: new Map(rows.map((c) => [c.id, c.startedAt])), received: new Set() };
    let pages = 0;
    for await (const page of source.read(ctx, [...of.wanted.keys()])) {
      pages++;
      yield { of, page };
    }
    if (pages === 0) yield { of };
  }
}
