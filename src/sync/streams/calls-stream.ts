import { GongCursorExpiredError, GongRepeatedCursorError } from '../../errors.js';
import type { GongCall } from '../../gong/types.js';
import type { CallsWindowProgress } from '../../store/records.js';
import { parseInstant, toUtcIso } from '../../util/time.js';
import { coversRecheck, nextCoverage, planCallsWindow, type CallsWindowPlan, type RecheckPolicy } from '../calls-window.js';
import { callRecord } from '../mappers.js';
import { rerenderTranscripts } from '../rerender-transcripts.js';
import type { SyncContext } from '../sync-context.js';

/** State row that remembers when the privacy re-check last ran. */
const RECHECK_STREAM = 'calls_recheck';

/**
 * Calls: `POST /v2/calls/extensive` over one window of call start times, with parties and CRM
 * context. Each page is committed with a progress marker that points past it; the watermark
 * moves only when the whole window is done, in the same transaction (style.md §6). An expired
 * or repeated cursor restarts the window from the last committed page, never from scratch and
 * never silently skipping ahead.
 */
export async function syncCalls(ctx: SyncContext): Promise<void> {
  const recheckState = await ctx.store.getStreamState(RECHECK_STREAM);
  const recheck = {
    windowMs: ctx.options.recheckWindowMs,
    everyMs: ctx.options.recheckEveryMs,
    lastAt: recheckState?.completedAt ? parseInstant(recheckState.completedAt) : undefined,
  };
  const state = await ctx.store.getStreamState('calls');
  let plan = planCallsWindow({
    recheck,
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
  await ctx.callsPageHook?.prepare?.();
  let done = 0;
  for (let round = 0; plan; round++) {
    done += await syncWindow(ctx, plan, recheck);
    // The window end came from our estimate of Gong's clock. If Gong's own `Date` headers during
    // the window show it ended well before Gong's now (a run that had not heard from Gong yet,
    // after Gong's clock moved), the rest is read at once as the next contiguous window.
    const behind = ctx.now() - plan.to;
    if (ctx.options.until !== undefined || behind < CLOCK_TOLERANCE_MS || round >= 2) break;
    plan = { from: plan.to, to: ctx.now(), windowFrom: plan.to, resumed: false };
  }
  ctx.emit({ type: 'stream-end', stream: 'calls', records: done });
}

/** How far Gong's clock may run ahead of a window's end before the gap is read in the same run. */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** Reads one window to its end, then moves the watermark in the same transaction as the last state. */
async function syncWindow(ctx: SyncContext, plan: CallsWindowPlan, recheck: RecheckPolicy): Promise<number> {
  const state = await ctx.store.getStreamState('calls');
  ctx.emit({ type: 'stream-start', stream: 'calls', from: toUtcIso(plan.from), to: toUtcIso(plan.to) });

  // A pass keeps its id across restarts and runs, so calls seen before an interruption count.
  const window = {
    windowFrom: toUtcIso(plan.windowFrom),
    windowTo: toUtcIso(plan.to),
    passId: (plan.resumed && state?.progress?.passId) || `${ctx.runId}-${toUtcIso(plan.windowFrom)}`,
  };
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

  const coverage = nextCoverage(state, plan.windowFrom, plan.to);
  const now = toUtcIso(ctx.now());
  await ctx.store.write(async (w) => {
    // Like users: only a complete pass that saw something may conclude that calls are gone.
    if (done > 0) ctx.stats.deletedCalls += await w.deleteCallsUnseenBy(window.passId, window.windowFrom, window.windowTo);
    await w.setStreamState(
      'calls',
      { watermark: toUtcIso(coverage.high), backfillFrom: toUtcIso(coverage.low), progress: null, completedAt: now },
      now,
    );
    if (coversRecheck(plan, recheck)) await w.setStreamState(RECHECK_STREAM, { completedAt: now }, now);
  });
  return done;
}

/**
 * Reads `[from, to)` page by page until the last page, committing each. Returns the records
 * read. Calls `setResume` after every commit with the instant a restart should begin at.
 */
async function readWindow(
  ctx: SyncContext,
  from: number,
  to: number,
  window: Omit<CallsWindowProgress, 'resumeFrom'>,
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
    await commitCallsPage(ctx, calls, {
      ...window,
      resumeFrom: toUtcIso(ordered ? lastStarted : from),
    });
    if (ordered) setResume(lastStarted);
    done += calls.length;
    ctx.emit({ type: 'page', stream: 'calls', records: calls.length, done: doneBefore + done, total: page.records?.totalRecords });
    ctx.checkpoint();
  }
  return done;
}

/**
 * One page in one transaction: visible calls upserted with their parties, private calls left
 * out (and removed if an earlier run stored them), the page hook's work (CRM links), and the
 * progress marker.
 */
async function commitCallsPage(ctx: SyncContext, calls: GongCall[], progress: CallsWindowProgress): Promise<void> {
  const records = calls.map(callRecord);
  const keep = ctx.options.includePrivate ? records : records.filter((r) => !r.is_private);
  const privateIds = ctx.options.includePrivate ? [] : records.filter((r) => r.is_private).map((r) => r.id);
  const now = toUtcIso(ctx.now());
  const result = await ctx.store.write(async (w) => {
    const { parties } = await w.upsertCalls(keep, now, progress.passId);
    await rerenderTranscripts(w, keep);
    const deleted = await w.deleteCalls(privateIds);
    if (keep.length > 0 && ctx.callsPageHook) await ctx.callsPageHook.withinPage(w, keep.map((r) => r.id));
    await w.setStreamState('calls', { progress }, now);
    return { parties, deleted };
  });
  ctx.stats.calls += keep.length;
  ctx.stats.parties += result.parties;
  ctx.stats.privateSkipped += privateIds.length;
  ctx.stats.deletedCalls += result.deleted;
}
