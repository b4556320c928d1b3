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

export interface CallsWindowInput {
  state: StreamState | undefined;
  since: number | undefined;
  until: number | undefined;
  now: number;
  lookbackMs: number;
  initialBackfillMs: number;
}

/**
 * Which calls window this run reads (style.md §6, peers §4.3–4.4):
 * - a window an earlier run left unfinished resumes from its last committed page (no work redone);
 * - otherwise it starts one lookback before the watermark, so late-arriving calls are caught;
 * - the very first run backfills `initialBackfillMs` (or from `--since`).
 * The end is fixed now and never moves during the run. Returns null when there is nothing to read.
 */
export function planCallsWindow(input: CallsWindowInput): CallsWindowPlan | null {
  const to = input.until ?? input.now;
  const progress = input.state?.progress;
  const watermark = input.state?.watermark ? parseInstant(input.state.watermark) : undefined;
  let plan: CallsWindowPlan;
  if (progress && input.since === undefined) {
    plan = {
      from: parseInstant(progress.resumeFrom)!,
      to,
      windowFrom: parseInstant(progress.windowFrom)!,
      resumed: true,
    };
  } else {
    const from =
      input.since ?? (watermark !== undefined ? watermark - input.lookbackMs : input.now - input.initialBackfillMs);
    plan = { from, to, windowFrom: from, resumed: false };
  }
  return plan.from < plan.to ? plan : null;
}

/**
 * The watermark after a window completes: it moves to the window's end only when the window
 * touches what was already synced (no gap is ever skipped over), and never moves backwards.
 */
export function nextWatermark(previous: number | undefined, windowFrom: number, to: number): number | undefined {
  if (previous === undefined) return to;
  if (windowFrom <= previous) return Math.max(previous, to);
  return previous;
}
