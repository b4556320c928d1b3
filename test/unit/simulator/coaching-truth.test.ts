/**
 * The coaching ground truth on its own: deterministic per seed, built only when asked for, and
 * internally consistent (reviews after calls, stats that fill in within 36 hours, CRM ids that
 * exist, folders holding visible calls). Company-time day arithmetic included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOf, dayStartMs, dayStartOf, daysOf, readDayRange } from '../../../src/simulator/coaching/company-days.js';
import { ACTIVITY_COUNTERS, generateCompany, LATE_FILL_MS, type Company } from '../../../src/simulator/index.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const GONG_ID = /^[1-9]\d{16,18}$/;

describe('company days', () => {
  it('reads YYYY-MM-DD as the start of that day in the company offset, refusing impossible dates', () => {
    expect(dayStartMs('2026-06-01', -240)).toBe(Date.parse('2026-06-01T04:00:00Z'));
    expect(dayStartMs('2026-06-01', 330)).toBe(Date.parse('2026-05-31T18:30:00Z'));
    expect(dayStartMs('2028-02-29', 0)).toBe(Date.parse('2028-02-29T00:00:00Z'));
    for (const bad of ['2026-02-29', '2026-13-01', '2026-6-1', '2026-06-01T00:00:00Z', '']) expect(dayStartMs(bad, 0)).toBeUndefined();
    expect(dayOf(Date.parse('2026-06-01T03:59:59Z'), -240)).toBe('2026-05-31');
    expect(dayStartOf(Date.parse('2026-06-01T03:59:59Z'), -240)).toBe(Date.parse('2026-05-31T04:00:00Z'));
    expect(daysOf('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('takes from inclusive and to exclusive, refusing empty ranges and days after the current one', () => {
    const names = { from: 'filter.fromDate', to: 'filter.toDate' };
    expect(readDayRange('2026-05-01', '2026-05-02', names, -240, { required: true })).toMatchObject({ from: '2026-05-01', to: '2026-05-02' });
    expect(readDayRange('2026-05-02', '2026-05-02', names, -240)).toMatch(/must be before toDate/);
    expect(readDayRange(undefined, '2026-05-02', names, -240, { required: true })).toMatch(/filter.fromDate: must not be null/);
    expect(readDayRange(undefined, undefined, names, -240)).toEqual({});
    expect(readDayRange('2026-05-01', '2026-06-02', names, -240, { notAfter: '2026-06-01' })).toMatch(/filter.toDate: must not be after the current day/);
    expect(readDayRange('2026-05-01', '2026-06-01', names, -240, { notAfter: '2026-06-01' })).toMatchObject({ to: '2026-06-01' });
  });
});

describe('coaching truth', () => {
  let company: Company;
  beforeAll(() => {
    company = generateCompany({ seed: 5, calls: 1200, now: NOW });
  });

  it('is the same for the same seed and is not part of the generated company', () => {
    const other = generateCompany({ seed: 5, calls: 1200, now: NOW });
    expect(Object.keys(other.toJSON())).not.toContain('coaching');
    const dump = (c: Company) =>
      JSON.stringify([
        c.coaching.trackersOf(),
        c.coaching.scorecards,
        c.coaching.allAnsweredScorecards,
        c.coaching.activityEvents,
        c.coaching.allFolders,
        c.coaching.allManualAssociations,
        c.coaching.interactionStatsAt(NOW, '2026-05-01', '2026-06-01'),
      ]);
    expect(dump(other)).toBe(dump(company));
    expect(dump(generateCompany({ seed: 6, calls: 1200, now: NOW }))).not.toBe(dump(company));
  });

  it('has reviews by a manager after each call, answering every question of an enabled scorecard of its workspace', () => {
    const reviews = company.coaching.allAnsweredScorecards;
    expect(reviews.length).toBeGreaterThan(50);
    for (const review of reviews) {
      const call = company.callById(review.callId)!;
      const scorecard = company.coaching.scorecards.find((s) => s.id === review.scorecardId)!;
      expect(review.id).toMatch(GONG_ID);
      expect(review.reviewMs).toBeGreaterThanOrEqual(call.visibleAt);
      expect(review.reviewerUserId).not.toBe(review.reviewedUserId);
      expect(review.reviewedUserId).toBe(call.primaryUserId);
      expect(scorecard.enabled && scorecard.workspaceId === call.workspaceId).toBe(true);
      expect(review.answers.map((a) => a.questionId)).toEqual(scorecard.questions.map((q) => q.id));
      for (const a of review.answers) {
        const q = scorecard.questions.find((x) => x.id === a.questionId)!;
        if (a.notApplicable) expect([a.score, a.answerText, a.selectedOptions]).toEqual([null, null, null]);
        else if (q.type === 'RANGE') expect(a.score).toBeGreaterThanOrEqual(q.minRange!);
        else if (q.type === 'TEXT') expect(a.answerText).toBeTruthy();
        else for (const id of a.selectedOptions!) expect(q.options.map((o) => o.id)).toContain(id);
      }
    }
    expect(new Set(reviews.map((r) => r.id)).size).toBe(reviews.length);
    expect(reviews.some((r) => r.answers.some((a) => a.notApplicable))).toBe(true);
  });

  it('records every activity event after it happens and at most 36 hours after its day ends', () => {
    const events = company.coaching.activityEvents;
    for (const e of events) {
      expect(e.recordedMs).toBeGreaterThanOrEqual(e.atMs);
      expect(e.recordedMs).toBeLessThanOrEqual(dayStartOf(e.atMs, company.offsetMinutes) + DAY + LATE_FILL_MS);
    }
    const counters = new Set(events.map((e) => e.counter));
    expect([...counters].sort()).toEqual([...ACTIVITY_COUNTERS].sort());
    expect(events.some((e) => e.recordedMs - e.atMs > 12 * 3_600_000)).toBe(true);
  });

  it('puts only visible, public calls in folders, and keeps some folders empty', () => {
    const folders = company.coaching.allFolders;
    expect(folders.filter((f) => f.entries.length === 0).length).toBeGreaterThan(0);
    for (const folder of folders) {
      for (const entry of folder.entries) {
        const call = company.callById(entry.callId)!;
        expect(entry.addedMs).toBeGreaterThanOrEqual(call.visibleAt);
        expect(call.isPrivate).toBe(false);
        expect(call.workspaceId).toBe(folder.workspaceId);
        if (entry.snippet) expect(entry.snippet.toSec).toBeLessThanOrEqual(call.durationSec);
      }
    }
  });

  it('associates calls with their own account and that account deals', () => {
    const events = company.coaching.allManualAssociations;
    expect(events.length).toBeGreaterThan(20);
    for (const e of events) {
      const call = company.callById(e.callId)!;
      expect(e.accountCrmId).toBe(call.accountId);
      if (e.dealCrmId) expect(company.dealById(e.dealCrmId)!.accountId).toBe(e.accountCrmId);
      expect(e.createdMs).toBeGreaterThanOrEqual(call.visibleAt);
    }
    const latest = company.coaching.latestManualAssociationsAt(Number.MAX_SAFE_INTEGER);
    expect(latest.size).toBeLessThan(events.length);
  });
});
