import type { StreamState } from '../store/records.js';
import { parseInstant } from '../util/time.js';

export interface CallsWindowPlan {
  /** Where this run's requests start (inclusive). */
  from: number;
  /** Fixed end of the window (exclusive): Gong's now, or `--until`. */
  to: number;
  /** Start of the window as first planned; differs from `from` when resuming a window in flight. */
  windowFrom: number;
  /** True when this run continues a window an earlier run did not finish. */
  resumed: boolean;
}

/**
 * The privacy re-check: calls can turn private (or be deleted) long after they were synced,
 * beyond any lookback (README §5.13). Once per `everyMs`, the window reaches `windowMs` back
 * instead, so such calls are found and removed.
 */
export interface RecheckPolicy {
  windowMs: number;
  everyMs: number;
  /** When the last window covering `windowMs` completed (epoch ms), if ever. */
  lastAt: number | undefined;
}

export interface CallsWindowInput {
  state: StreamState | undefined;
  /** `--since`: where the history starts. */
  since: number | undefined;
  /** `--until`: the window's end instead of now. */
  until: number | undefined;
  now: number;
  lookbackMs: number;
  initialBackfillMs: number;
  recheck?: RecheckPolicy;
}

/** What completed windows cover: `[low, high)`. */
export interface Coverage {
  low: number;
  high: number;
}

/**
 * Which calls window this run reads (style.md §6, peers §4.3–4.4):
 * - `--since` and `--until` together: exactly that range (a deliberate re-sync);
 * - a window an earlier run left unfinished: resumed from its last committed page, no work redone;
 * - the first run: a backfill from `--since` (default `initialBackfillMs` ago);
 * - `--since` earlier than anything synced: the history is extended back to it;
 * - otherwise: one lookback before the watermark, so late-arriving calls are caught (or, once a
 *   day, the privacy re-check window).
 * A `--since` already covered is ignored, so a cron job that always passes the same one stays
 * incremental. The end is fixed now and never moves during the run. Null: nothing to read.
 */
export function planCallsWindow(input: CallsWindowInput): CallsWindowPlan | null {
  const to = input.until ?? input.now;
  const coverage = coverageOf(input.state);
  const progress = input.state?.progress;
  let plan: CallsWindowPlan;
  if (input.since !== undefined && input.until !== undefined) {
    plan = { from: input.since, to, windowFrom: input.since, resumed: false };
  } else if (progress) {
    plan = { from: parseInstant(progress.resumeFrom)!, to, windowFrom: parseInstant(progress.windowFrom)!, resumed: true };
  } else if (!coverage) {
    const from = input.since ?? input.now - input.initialBackfillMs;
    plan = { from, to, windowFrom: from, resumed: false };
  } else if (input.since !== undefined && input.since < coverage.low) {
    plan = { from: input.since, to, windowFrom: input.since, resumed: false };
  } else {
    let from = coverage.high - input.lookbackMs;
    if (recheckDue(input.recheck, input.now)) from = Math.min(from, input.now - input.recheck!.windowMs);
    plan = { from, to, windowFrom: from, resumed: false };
  }
  return plan.from < plan.to ? plan : null;
}

function coverageOf(state: StreamState | undefined): Coverage | undefined {
  const high = state?.watermark ? parseInstant(state.watermark) : undefined;
  if (high === undefined) return undefined;
  const low = state?.backfillFrom ? parseInstant(state.backfillFrom) : undefined;
  return { low: low ?? high, high };
}

function recheckDue(policy: RecheckPolicy | undefined, now: number): boolean {
  if (!policy || policy.windowMs <= 0) return false;
  return policy.lastAt === undefined || now - policy.lastAt >= policy.everyMs;
}

/** Whether a completed window covered the re-check span, so the next one is not due for a while. */
export function coversRecheck(plan: CallsWindowPlan, policy: RecheckPolicy | undefined): boolean {
  return policy !== undefined && policy.windowMs > 0 && plan.windowFrom <= plan.to - policy.windowMs;
}

/**
 * What is covered once a window completes: the window joins the covered range when it touches
 * it, so the watermark never jumps over a gap and never moves backwards; a window apart from the
 * range (a re-sync of an isolated span) leaves the range as it was.
 */
export function nextCoverage(previous: StreamState | undefined, windowFrom: number, to: number): Coverage {
  const current = coverageOf(previous);
  if (!current) return { low: windowFrom, high: to };
  if (windowFrom <= current.high && to >= current.low) {
    return { low: Math.min(current.low, windowFrom), high: Math.max(current.high, to) };
  }
  return current;
}
