import { describe, expect, it } from 'vitest';
import { coversRecheck, nextCoverage, planCallsWindow } from '../../../src/sync/calls-window.js';
import { DAY, parseInstant } from '../../../src/util/time.js';

const NOW = parseInstant('2026-11-24T12:00:00Z')!;
const at = (iso: string) => parseInstant(iso)!;
const base = { since: undefined, until: undefined, now: NOW, lookbackMs: 3 * DAY, initialBackfillMs: 90 * DAY };
const state = (watermark: string | null, backfillFrom: string | null = null, progress: any = null) => ({ watermark, backfillFrom, progress, completedAt: null, updatedAt: '' });
const inFlight = { windowFrom: '2026-11-01T00:00:00.000Z', windowTo: '2026-11-23T00:00:00.000Z', resumeFrom: '2026-11-10T05:00:00.000Z', passId: 'p' };

describe('planCallsWindow', () => {
  it('backfills 90 days on the first run, or from --since', () => {
    expect(planCallsWindow({ ...base, state: undefined })).toEqual({ from: NOW - 90 * DAY, to: NOW, windowFrom: NOW - 90 * DAY, resumed: false });
    expect(planCallsWindow({ ...base, since: at('2026-01-01'), state: undefined })!.from).toBe(at('2026-01-01'));
  });

  it('starts one lookback before the watermark', () => {
    const plan = planCallsWindow({ ...base, state: state('2026-11-20T00:00:00.000Z', '2026-08-01T00:00:00.000Z') })!;
    expect(plan.from).toBe(at('2026-11-17T00:00:00Z'));
    expect(plan.to).toBe(NOW);
  });

  it('ignores a --since that is already covered, so a cron job passing one stays incremental', () => {
    const plan = planCallsWindow({ ...base, since: at('2026-09-01'), state: state('2026-11-20T00:00:00.000Z', '2026-08-01T00:00:00.000Z') })!;
    expect(plan.from).toBe(at('2026-11-17T00:00:00Z'));
  });

  it('extends the history when --since reaches further back than what is synced', () => {
    const plan = planCallsWindow({ ...base, since: at('2026-05-01'), state: state('2026-11-20T00:00:00.000Z', '2026-08-01T00:00:00.000Z') })!;
    expect(plan.from).toBe(at('2026-05-01'));
  });

  it('resumes an unfinished window from its last committed page, keeping the window start, whatever --since says', () => {
    for (const since of [undefined, at('2026-09-01')]) {
      const plan = planCallsWindow({ ...base, since, state: state('2026-11-04T00:00:00.000Z', '2026-08-01T00:00:00.000Z', inFlight) })!;
      expect(plan).toEqual({ from: at(inFlight.resumeFrom), to: NOW, windowFrom: at(inFlight.windowFrom), resumed: true });
    }
  });

  it('re-syncs exactly the range when --since and --until are both given', () => {
    const plan = planCallsWindow({ ...base, since: at('2026-03-01'), until: at('2026-04-01'), state: state('2026-11-04T00:00:00.000Z', '2026-08-01T00:00:00.000Z', inFlight) })!;
    expect(plan).toEqual({ from: at('2026-03-01'), to: at('2026-04-01'), windowFrom: at('2026-03-01'), resumed: false });
  });

  it('ends at --until and reports nothing to do for an empty window', () => {
    expect(planCallsWindow({ ...base, until: at('2026-11-01'), state: undefined })!.to).toBe(at('2026-11-01'));
    expect(planCallsWindow({ ...base, since: NOW, state: undefined })).toBeNull();
  });

  it('reaches back over the re-check window once a day', () => {
    const s = state('2026-11-24T00:00:00.000Z', '2026-08-01T00:00:00.000Z');
    const recheck = { windowMs: 30 * DAY, everyMs: DAY, lastAt: NOW - 2 * DAY };
    const due = planCallsWindow({ ...base, state: s, recheck })!;
    expect(due.from).toBe(NOW - 30 * DAY);
    expect(coversRecheck(due, recheck)).toBe(true);
    const notDue = planCallsWindow({ ...base, state: s, recheck: { ...recheck, lastAt: NOW - 3_600_000 } })!;
    expect(notDue.from).toBe(at('2026-11-21T00:00:00Z'));
    expect(coversRecheck(notDue, recheck)).toBe(false);
    expect(planCallsWindow({ ...base, state: s, recheck: { ...recheck, windowMs: 0 } })!.from).toBe(at('2026-11-21T00:00:00Z'));
  });
});

describe('nextCoverage', () => {
  it('joins a window that touches the covered range', () => {
    expect(nextCoverage(undefined, 10, 100)).toEqual({ low: 10, high: 100 });
    const s = state(new Date(50).toISOString(), new Date(20).toISOString());
    expect(nextCoverage(s, 40, 100)).toEqual({ low: 20, high: 100 });
    expect(nextCoverage(s, 0, 30)).toEqual({ low: 0, high: 50 });
  });
  it('never jumps over a gap and never moves back', () => {
    const s = state(new Date(50).toISOString(), new Date(20).toISOString());
    expect(nextCoverage(s, 60, 100)).toEqual({ low: 20, high: 50 });
    expect(nextCoverage(s, 25, 40)).toEqual({ low: 20, high: 50 });
  });
});
