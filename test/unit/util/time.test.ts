import { describe, expect, it } from 'vitest';
import { gongTimeToUtc, nextUtcMidnight, parseDateArgument, parseDuration, parseInstant, utcDay } from '../../../src/util/time.js';

describe('parseInstant', () => {
  it.each([
    ['2020-08-17T12:58:12.034683-04:00', '2020-08-17T16:58:12.034Z'],
    ['2020-08-17T12:58:12-04:00', '2020-08-17T16:58:12.000Z'],
    ['2026-06-10T21:50:07.428+02:00', '2026-06-10T19:50:07.428Z'],
    ['2025-06-12T19:55:14.638Z', '2025-06-12T19:55:14.638Z'],
    ['2026-09-01', '2026-09-01T00:00:00.000Z'],
    ['2026-09-01T00:00', '2026-09-01T00:00:00.000Z'],
    ['2026-09-01T05:30:00+0530', '2026-09-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(new Date(parseInstant(input)!).toISOString()).toBe(expected);
  });
  it('reads the years 0000-0099 as written, not as 1900-1999 (Date.UTC\'s quirk)', () => {
    expect(new Date(parseInstant('0099-01-01')!).toISOString()).toBe('0099-01-01T00:00:00.000Z');
    expect(new Date(parseInstant('0000-02-29T12:00:00Z')!).toISOString()).toBe('0000-02-29T12:00:00.000Z');
    expect(parseInstant('0100-02-29')).toBeUndefined();
  });
  it.each(['2026-02-30', '2026-13-01', '2026-09-01T24:00:00Z', 'yesterday', '', '1518863400', '2026-09-01T00:00:00+25:00'])('refuses %j', (input) => {
    expect(parseInstant(input)).toBeUndefined();
  });
});

describe('durations and date arguments', () => {
  it('parses durations', () => {
    expect(parseDuration('3d')).toBe(259_200_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('800ms')).toBe(800);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('3 days')).toBeUndefined();
  });
  it('takes relative dates back from now', () => {
    const now = Date.UTC(2026, 10, 24);
    expect(parseDateArgument('30d', now)).toBe(now - 30 * 86_400_000);
    expect(parseDateArgument('2026-09-01', now)).toBe(Date.UTC(2026, 8, 1));
    expect(parseDateArgument('soon', now)).toBeUndefined();
  });
  it('refuses a relative date that reaches back before the year 0000 (no ISO-8601 text carries it)', () => {
    const now = Date.UTC(2026, 10, 24);
    expect(parseDateArgument('99999999d', now)).toBeUndefined();
    expect(parseDateArgument(`${'9'.repeat(400)}d`, now)).toBeUndefined();
    expect(new Date(parseDateArgument('700000d', now)!).toISOString()).toMatch(/^0\d{3}-/);
  });
  it('converts Gong times and refuses non-times', () => {
    expect(gongTimeToUtc('2020-08-17T13:00:00-04:00')).toBe('2020-08-17T17:00:00.000Z');
    expect(gongTimeToUtc(null)).toBeNull();
    expect(() => gongTimeToUtc('later')).toThrow(/not an ISO-8601/);
  });
  it('knows UTC days', () => {
    const t = Date.UTC(2026, 10, 24, 23, 59, 59);
    expect(utcDay(t)).toBe('2026-11-24');
    expect(new Date(nextUtcMidnight(t)).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });
});
