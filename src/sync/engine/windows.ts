/**
 * The windows skeleton (calls, answered scorecards, daily stats, manual associations): which
 * window this run reads comes from the pure `planCallsWindow`; each page commits with a progress
 * marker that points past it; an expired or repeated cursor restarts the window from the last
 * committed page, never from scratch; the watermark moves only when the whole window is done, in
 * the same commit as the sweep of what the pass did not see.
 */
import { GongCursorError, GongCursorExpiredError, GongProtocolError } from '../../errors.js';
import type { WindowProgress } from '../../store/records.js';
import { DAY, parseInstant, toUtcIso } from '../../util/time.js';
import { coversRecheck, nextCoverage, planCallsWindow, type CallsWindowPlan, type RecheckPolicy } from '../calls-window.js';
import { checkPage } from './check-page.js';
import { commitPage } from './commit-page.js';
import { readAhead } from './read-ahead.js';
import type { StreamContext } from './stream-context.js';
import { deletedCounterOf } from './stream-counters.js';
import type { AnyStream, WindowSource } from './stream-definition.js';

/** How far Gong's clock may run ahead of a window's end before the gap is read in the same run. */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

export async function runWindows(ctx: StreamContext, stream: AnyStream, source: WindowSource<unknown>, derived: readonly AnyStream[]): Promise<void> {
  const recheckSpec = source.recheck?.(ctx);
  let recheck: (RecheckPolicy & { stateKey: string }) | undefined;
  if (recheckSpec) {
    const last = await ctx.sink.readState(recheckSpec.stateKey);
    recheck = { ...recheckSpec, lastAt: last?.completedAt ? parseInstant(last.completedAt) : undefined };
  }
  const state = await ctx.sink.readState(stream.name);
  let plan = planCallsWindow({
    recheck,
    state,
    since: ctx.options.since,
    until: ctx.options.until,
    now: ctx.now(),
    lookbackMs: source.lookbackMs(ctx),
    initialBackfillMs: ctx.options.initialBackfillMs,
  });
  if (plan && source.granularity === 'day') plan = toWholeDays(plan, ctx.options.until !== undefined);
  if (!plan) {
    ctx.emit({ type: 'stream-skip', stream: stream.name, reason: emptyWindowReason(ctx) });
    return;
  }
  let done = 0;
  for (let round = 0; plan; round++) {
    done += await readWindow(ctx, stream, source, derived, plan, recheck, done);
    // The window end came from our estimate of Gong's clock. If Gong's own `Date` headers during
    // the window show it ended well before Gong's now (a run that had not heard from Gong yet,
    // after Gong's clock moved), the rest is read at once as the next contiguous window.
    if (source.granularity === 'day' || ctx.options.until !== undefined) break;
    if (ctx.now() - plan.to < CLOCK_TOLERANCE_MS || round >= 2) break;
    plan = { from: plan.to, to: ctx.now(), windowFrom: plan.to, resumed: false };
  }
  ctx.emit({ type: 'stream-end', stream: stream.name, records: done });
}

/** Why there is nothing to read: most often a `--since` that is not before the window's end. */
function emptyWindowReason(ctx: StreamContext): string {
  const { since, until } = ctx.options;
  const end = until ?? ctx.now();
  if (since !== undefined && since >= end) {
    return `the window is empty: --since ${toUtcIso(since)} is not before ${until !== undefined ? '--until' : "Gong's now,"} ${toUtcIso(end)}`;
  }
  return 'the window is empty';
}

/**
 * Day windows: Gong's stats filters take whole days in the company's time zone, `to` exclusive
 * and never past the company's current day (docs/gong-api.md §2.4), so the window runs from the
 * start of its first day to the start of today — of today twelve hours ago, so that it never
 * passes the current day of a company west of UTC — and today is read once it is over.
 */
function toWholeDays(plan: CallsWindowPlan, explicitEnd: boolean): CallsWindowPlan | null {
  const floor = (ms: number) => Math.floor(ms / DAY) * DAY;
  const to = floor(explicitEnd ? plan.to : plan.to - COMPANY_DAY_MARGIN_MS);
  const snapped = { from: floor(plan.from), to, windowFrom: floor(plan.windowFrom), resumed: plan.resumed };
  return snapped.from < snapped.to ? snapped : null;
}

/** The furthest a company's time zone lies west of UTC (UTC−12). */
const COMPANY_DAY_MARGIN_MS = 12 * 3_600_000;

/** Reads one window to its end, then moves the watermark in the same commit as the sweep. */
async function readWindow(
  ctx: StreamContext,
  stream: AnyStream,
  source: WindowSource<unknown>,
  derived: readonly AnyStream[],
  plan: CallsWindowPlan,
  recheck: (RecheckPolicy & { stateKey: string }) | undefined,
  doneBefore: number,
): Promise<number> {
  const state = await ctx.sink.readState(stream.name);
  ctx.emit({ type: 'stream-start', stream: stream.name, from: toUtcIso(plan.from), to: toUtcIso(plan.to) });
  // A pass keeps its id across restarts and runs, so records seen before an interruption count.
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
      done += await readPages(ctx, stream, source, derived, { from: resumeFrom, to: plan.to }, window, (next) => (resumeFrom = next), doneBefore + done);
      break;
    } catch (error) {
      if (!(error instanceof GongCursorError)) throw error;
      if (++restarts > ctx.options.maxWindowRestarts) throw error;
      ctx.emit({
        type: 'window-restart',
        stream: stream.name,
        reason: error instanceof GongCursorExpiredError ? 'cursor expired' : 'Gong repeated a cursor',
        from: toUtcIso(resumeFrom),
      });
    }
  }

  const coverage = nextCoverage(state, plan.windowFrom, plan.to);
  const now = toUtcIso(ctx.now());
  const states = [{ stream: stream.name, patch: { watermark: toUtcIso(coverage.high), backfillFrom: toUtcIso(coverage.low), progress: null, completedAt: now } }];
  if (recheck && coversRecheck(plan, recheck)) states.push({ stream: recheck.stateKey, patch: { completedAt: now } as never });
  const sweep = source.sweep;
  const result = await ctx.sink.commit({
    stream: stream.name,
    tables: [],
    now,
    // Like a full refresh: only a complete pass that saw something may conclude that rows are gone.
    ...(sweep && done > 0
      ? { sweep: { table: stream.tables[0]!, action: sweep.action, seenColumn: sweep.seenColumn, marker: window.passId, within: { column: sweep.column, from: window.windowFrom, to: window.windowTo } } }
      : {}),
    state: states,
  });
  if (result.removed > 0) ctx.count(deletedCounterOf(stream), result.removed);
  return done;
}

/**
 * Reads `[from, to)` page by page until the last page, committing each with the marker that
 * says where a restart begins. Returns the records read.
 */
async function readPages(
  ctx: StreamContext,
  stream: AnyStream,
  source: WindowSource<unknown>,
  derived: readonly AnyStream[],
  bounds: { from: number; to: number },
  window: Omit<WindowProgress, 'resumeFrom'>,
  setResume: (instant: number) => void,
  doneBefore: number,
): Promise<number> {
  let done = 0;
  // Gong returns calls oldest first (docs/gong-api.md §3.2); restarting "from the last committed
  // position" is only safe while that holds, so an out-of-order page (or a record without a
  // position) pins the restart point to the window's start.
  let last = bounds.from;
  let ordered = true;
  for await (const page of readAhead(source.read(ctx, bounds))) {
    checkPage(stream, page.items);
    const items = source.strict ? withinWindow(ctx, stream, source, page.items, bounds) : page.items;
    for (const record of items) {
      const position = source.positionOf(record);
      if (position === undefined || position < last) ordered = false;
      if (position !== undefined) last = Math.max(last, position);
    }
    const resumeFrom = ordered ? (source.granularity === 'day' ? Math.floor(last / DAY) * DAY : last) : bounds.from;
    const progress: WindowProgress = { ...window, resumeFrom: toUtcIso(resumeFrom) };
    await commitPage(ctx, stream, derived, items, {
      seen: source.sweep ? { column: source.sweep.seenColumn, marker: window.passId } : undefined,
      state: [{ stream: stream.name, patch: { progress } }],
      doneBefore: doneBefore + done,
      total: page.total,
    });
    if (ordered) setResume(resumeFrom);
    done += page.items.length;
  }
  return done;
}

/**
 * The records of a page that lie inside the window asked for; the others are reported and left
 * out. A page made mostly of records from elsewhere is not Gong being late: it is a server that
 * ignores the filter, and storing nothing of it is the safe answer.
 */
function withinWindow<R>(ctx: StreamContext, stream: AnyStream, source: WindowSource<R>, records: readonly R[], bounds: { from: number; to: number }): R[] {
  const inside: R[] = [];
  for (const record of records) {
    const position = source.positionOf(record);
    if (position !== undefined && position >= bounds.from && position < bounds.to) {
      inside.push(record);
      continue;
    }
    const id = stream.idOf ? stream.idOf(record) : '(no id)';
    const where = position === undefined ? 'it has no position' : `${toUtcIso(position)} is outside`;
    ctx.emit({ type: 'record-skip', stream: stream.name, id, reason: `${where} the window asked for, ${toUtcIso(bounds.from)} to ${toUtcIso(bounds.to)}` });
  }
  const outside = records.length - inside.length;
  if (outside > 0 && outside * 2 > records.length) {
    throw new GongProtocolError(
      `Gong answered the ${stream.name} window ${toUtcIso(bounds.from)} to ${toUtcIso(bounds.to)} with a page of which ${outside} of ${records.length} records lie outside it: nothing of that page was stored`,
      undefined,
      { kind: 'protocol' },
    );
  }
  return inside;
}
