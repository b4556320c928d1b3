import { describe, expect, it } from 'vitest';
import { generateCompany, parseRequestDateTime } from '../../../src/simulator/index.js';
import { readWindow } from '../../../src/simulator/date-params.js';
import { findCalls } from '../../../src/simulator/routes/calls-filter.js';

describe('request date-times', () => {
  it('accepts Z and ±hh:mm offsets, with or without fractions', () => {
    expect(parseRequestDateTime('2018-02-18T08:00:00Z')).toBe(Date.UTC(2018, 1, 18, 8));
    expect(parseRequestDateTime('2018-02-18T02:30:00-07:00')).toBe(Date.UTC(2018, 1, 18, 9, 30));
    expect(parseRequestDateTime('2025-06-12T17:38:36.197Z')).toBe(Date.UTC(2025, 5, 12, 17, 38, 36, 197));
    expect(parseRequestDateTime('2020-08-17T12:58:12.034683-04:00')).toBe(Date.UTC(2020, 7, 17, 16, 58, 12, 34));
    expect(parseRequestDateTime('2020-08-17T12:58+05:30')).toBe(Date.UTC(2020, 7, 17, 7, 28));
  });

  it('refuses dates without an offset, impossible dates, and a + that arrived as a space', () => {
    for (const bad of ['2018-02-18', '2018-02-18T08:00:00', '2018-02-30T08:00:00Z', '2018-02-18T08:00:00 02:00', 'yesterday', '']) {
      expect(parseRequestDateTime(bad)).toBeUndefined();
    }
  });

  it('needs from before to', () => {
    const names = { from: 'filter.fromDateTime', to: 'filter.toDateTime' };
    expect(readWindow('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', names)).toBe('filter.fromDateTime: must be before toDateTime');
    expect(readWindow('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', names)).toBe('filter.fromDateTime: must be before toDateTime');
    expect(readWindow('2026-01-01T00:00:00Z', null, names)).toEqual({ fromMs: Date.UTC(2026, 0, 1) });
    expect(readWindow(12, undefined, names)).toMatch(/^filter.fromDateTime: invalid date-time 12/);
  });
});

describe('the call window', () => {
  const company = generateCompany({ seed: 5, calls: 800, now: Date.parse('2026-06-01T12:00:00Z') });
  const call = company.calls[400]!;
  const later = company.now + 30 * 86_400_000;

  it('includes a call starting exactly at fromDateTime and excludes one starting exactly at toDateTime', () => {
    expect(findCalls(company, { fromMs: call.startedMs }, later)[0]?.startedMs).toBe(call.startedMs);
    expect(findCalls(company, { fromMs: call.startedMs, toMs: call.startedMs + 1 }, later).map((c) => c.id)).toContain(call.id);
    expect(findCalls(company, { toMs: call.startedMs }, later).map((c) => c.id)).not.toContain(call.id);
    expect(findCalls(company, { fromMs: call.startedMs + 1 }, later).map((c) => c.id)).not.toContain(call.id);
  });

  it('agrees with a linear scan and returns calls in ascending start order', () => {
    const from = company.calls[100]!.startedMs + 1, to = company.calls[300]!.startedMs;
    const expected = company.calls.filter((c) => c.startedMs >= from && c.startedMs < to && c.visibleAt <= company.now).map((c) => c.id);
    const got = findCalls(company, { fromMs: from, toMs: to }, company.now);
    expect(got.map((c) => c.id)).toEqual(expected);
    const [lo, hi] = company.callRange(from, to);
    expect(hi - lo).toBe(company.calls.filter((c) => c.startedMs >= from && c.startedMs < to).length);
  });

  it('looks call ids up directly, in start order, dropping unknown and invisible ones', () => {
    const ids = [company.calls[10]!.id, '123', company.calls[5]!.id, company.calls.at(-1)!.id];
    expect(findCalls(company, { callIds: ids }, company.now).map((c) => c.id)).toEqual([company.calls[5]!.id, company.calls[10]!.id]);
  });
});
