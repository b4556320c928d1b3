import { GongCursorExpiredError, GongRepeatedCursorError } from '../../errors.js';
import type { GongCall } from '../../gong/types.js';
import type { CallsWindowProgress } from '../../store/records.js';
import { parseInstant, toUtcIso } from '../../util/time.js';
import { nextWatermark, planCallsWindow } from '../calls-window.js';
import { callRecord } from '../mappers.js';
import type { SyncContext } from '../sync-context.js';

/**
 * Calls: `POST /v2/calls/extensive` over one window of call start times, with parties and CRM
 * context. Each page is committed with a progress marker that points past it; the watermark
 * moves only when the whole window is done, in the same transaction (style.md §6). An expired
 * or repeated cursor restarts the window from the last committed page, never from scratch and
 * never silently skipping ahead.
 */
export async function syncCalls(ctx: SyncContext): Promise<void> {
  const state = await ctx.store.getStreamState('calls');
  const plan = planCallsWindow({
    state,
    since: ctx.options.since,
    until: ctx.options.until,
    now: ctx.now(),
    lookbackMs: ctx.options.lookbackMs,
    initialBackfillMs: ctx.options.initialBackfillMs,
  });
  if (!plan) {
    ctx.emit({ type: 'stream-skip', stream: 'calls', reason: 'the window is empty' });
    return;
  }
  ctx.emit({ type: 'stream-start', stream: 'calls', from: toUtcIso(plan.from), to: toUtcIso(plan.to) });

  const window = { windowFrom: toUtcIso(plan.windowFrom), windowTo: toUtcIso(plan.to) };
  let resumeFrom = plan.from;
  let restarts = 0;
  let done = 0;
  for (;;) {
    try {
      done += await readWindow(ctx, resumeFrom, plan.to, window, (next) => (resumeFrom = next), done);
      break;
    } catch (error) {
      if (!(error instanceof GongCursorExpiredError || error instanceof GongRepeatedCursorError)) throw error;
      if (++restarts > ctx.options.maxWindowRestarts) throw error;
      ctx.emit({
        type: 'window-restart',
        stream: 'calls',
        reason: error instanceof GongCursorExpiredError ? 'cursor expired' : 'Gong repeated a cursor',
        from: toUtcIso(resumeFrom),
      });
    }
  }

  const previous = state?.watermark ? parseInstant(state.watermark) : undefined;
  const watermark = nextWatermark(previous, plan.windowFrom, plan.to);
  const now = toUtcIso(ctx.now());
  await ctx.store.write((w) =>
    w.setStreamState(
      'calls',
      { watermark: watermark === undefined ? null : toUtcIso(watermark), progress: null, completedAt: now },
      now,
    ),
  );
  ctx.emit({ type: 'stream-end', stream: 'calls', records: done });
}

/**
 * Reads `[from, to)` page by page until the last page, committing each. Returns the records
 * read. Calls `setResume` after every commit with the instant a restart should begin at.
 */
async function readWindow(
  ctx: SyncContext,
  from: number,
  to: number,
  window: Pick<CallsWindowProgress, 'windowFrom' | 'windowTo'>,
  setResume: (instant: number) => void,
  doneBefore: number,
): Promise<number> {
  let done = 0;
  // Gong returns calls oldest first (README §3.2); restarting "from the last committed start"
  // is only safe while that holds, so an out-of-order page pins the restart point.
  let lastStarted = from;
  let ordered = true;
  for await (const page of ctx.client.callsExtensive({ from, to }).pages()) {
    const calls = page.items;
    for (const call of calls) {
      const started = parseInstant(call.metaData.started) ?? lastStarted;
      if (started < lastStarted) ordered = false;
      lastStarted = Math.max(lastStarted, started);
    }
    const committed = await commitCallsPage(ctx, calls, {
      ...window,
      resumeFrom: toUtcIso(ordered ? lastStarted : from),
    });
    if (ordered) setResume(lastStarted);
    done += calls.length;
    ctx.emit({ type: 'page', stream: 'calls', records: calls.length, done: doneBefore + done, total: page.records?.totalRecords });
    if (committed.length > 0) await ctx.afterCallsCommitted(committed);
    ctx.checkpoint();
  }
  return done;
}

/**
 * One page in one transaction: visible calls upserted with their parties, private calls left
 * out (and removed if an earlier run stored them), and the progress marker.
 */
async function commitCallsPage(ctx: SyncContext, calls: GongCall[], progress: CallsWindowProgress): Promise<string[]> {
  const records = calls.map(callRecord);
  const keep = ctx.options.includePrivate ? records : records.filter((r) => !r.is_private);
  const privateIds = ctx.options.includePrivate ? [] : records.filter((r) => r.is_private).map((r) => r.id);
  const now = toUtcIso(ctx.now());
  const result = await ctx.store.write(async (w) => {
    const { parties } = await w.upsertCalls(keep, now);
    const deleted = await w.deleteCalls(privateIds);
    await w.setStreamState('calls', { progress }, now);
    return { parties, deleted };
  });
  ctx.stats.calls += keep.length;
  ctx.stats.parties += result.parties;
  ctx.stats.privateSkipped += privateIds.length;
  ctx.stats.deletedCalls += result.deleted;
  return keep.map((r) => r.id);
}
