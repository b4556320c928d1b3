import { describe, expect, it } from 'vitest';
import { detectDayMonthOrder, parseCrmDate, toCalendarDate, toEpochMs, type DayMonthOrder } from '../../../src/crm/import/parse-crm-date.js';
import { parseAmount, parseBoolean, stageOutcome } from '../../../src/crm/import/parse-crm-values.js';

const instant = (text: string, order: DayMonthOrder | 'conflict' = 'mdy') => {
  const r = parseCrmDate(text, order);
  return r.ok ? new Date(toEpochMs(r.parts)).toISOString() : `invalid: ${r.reason}`;
};
const day = (text: string, order: DayMonthOrder | 'conflict' = 'mdy') => {
  const r = parseCrmDate(text, order);
  return r.ok ? toCalendarDate(r.parts) : 'invalid';
};

describe('CRM dates', () => {
  it.each([
    ['2026-03-15', '2026-03-15T00:00:00.000Z'],
    ['2026-03-15T10:22:33.000Z', '2026-03-15T10:22:33.000Z'],
    ['2026-03-15T10:22:33.000+0000', '2026-03-15T10:22:33.000Z'],
    ['2026-03-15T06:22:33-04:00', '2026-03-15T10:22:33.000Z'],
    ['2026-03-15 10:22', '2026-03-15T10:22:00.000Z'],
    ['2026/03/15', '2026-03-15T00:00:00.000Z'],
    ['3/15/2026', '2026-03-15T00:00:00.000Z'],
    ['03/15/2026 2:05 PM', '2026-03-15T14:05:00.000Z'],
    ['3/15/2026 12:30 AM', '2026-03-15T00:30:00.000Z'],
    ['3/15/26', '2026-03-15T00:00:00.000Z'],
    ['15.03.2026', '2026-03-15T00:00:00.000Z'],
    ['15.03.2026 10:22', '2026-03-15T10:22:00.000Z'],
    ['Mar 15, 2026', '2026-03-15T00:00:00.000Z'],
    ['March 15 2026', '2026-03-15T00:00:00.000Z'],
    ['15 Mar 2026', '2026-03-15T00:00:00.000Z'],
    ['15-Sept-2026', '2026-09-15T00:00:00.000Z'],
    ['1773570153000', '2026-03-15T10:22:33.000Z'],
  ])('%s → %s', (text, expected) => expect(instant(text)).toBe(expected));

  it('reads A/B/YYYY by the column order unless a part is over 12', () => {
    expect(day('04/03/2026', 'mdy')).toBe('2026-04-03');
    expect(day('04/03/2026', 'dmy')).toBe('2026-03-04');
    expect(day('13/03/2026', 'mdy')).toBe('2026-03-13');
    expect(day('03/13/2026', 'dmy')).toBe('2026-03-13');
    expect(day('04-03-2026', 'dmy')).toBe('2026-03-04');
    // Dots are day-first whatever the column says.
    expect(day('04.03.2026', 'mdy')).toBe('2026-03-04');
  });

  it('refuses a value that reads both ways in a column with both kinds, but not one that reads one way', () => {
    expect(parseCrmDate('04/03/2026', 'conflict')).toMatchObject({ ok: false, reason: expect.stringContaining('day-first or month-first') });
    expect(day('13/03/2026', 'conflict')).toBe('2026-03-13');
    expect(day('05/05/2026', 'conflict')).toBe('2026-05-05');
  });

  it('detects a column order from its values', () => {
    expect(detectDayMonthOrder(['3/15/2026', '4/1/2026'])).toBe('mdy');
    expect(detectDayMonthOrder(['15/03/2026', '01/04/2026'])).toBe('dmy');
    expect(detectDayMonthOrder(['01/04/2026', '02/03/2026'])).toBeUndefined();
    expect(detectDayMonthOrder(['15/03/2026', '03/15/2026'])).toBe('conflict');
    expect(detectDayMonthOrder(['2026-03-15', '15.03.2026', ''])).toBeUndefined();
  });

  it.each(['', 'soon', '2026-02-30', '02/30/2026', '13/13/2026', '2026-13-01', '3/15/2026 25:00', '13:00 PM 3/15/2026', 'Foo 15, 2026', '15.03.206'])(
    'refuses %j',
    (text) => expect(parseCrmDate(text, 'mdy').ok).toBe(false),
  );

  it('keeps the calendar date of an instant as written', () => {
    expect(day('2026-03-31T23:30:00-04:00')).toBe('2026-03-31');
  });
});

describe('amounts', () => {
  it.each([
    ['12500', 12500],
    ['$12,500.00', 12500],
    ['12,500', 12500],
    ['1,234,567.89', 1234567.89],
    ['1.234,56 €', 1234.56],
    ['€1.234.567', 1234567],
    ['1 234,56', 1234.56],
    ['1\u00a0234,56', 1234.56],
    ["1'234.50", 1234.5],
    ['USD 12,500', 12500],
    ['12500 EUR', 12500],
    ['US$99', 99],
    ['12,5', 12.5],
    ['0.5', 0.5],
    ['1.234', 1.234],
    ['-500', -500],
    ['(500.00)', -500],
    ['£0', 0],
  ])('%s → %s', (text, expected) => expect(parseAmount(text)).toBe(expected));

  it('is null when empty and undefined when unreadable', () => {
    expect(parseAmount('  ')).toBeNull();
    for (const bad of ['abc', '12.34.5,6', '1,23,456', '$', '.', '1.', 'twelve']) expect(parseAmount(bad)).toBeUndefined();
  });
});

describe('booleans and stages', () => {
  it.each([
    ['true', true], ['TRUE', true], ['1', true], ['yes', true], ['Y', true], ['t', true],
    ['false', false], ['0', false], ['No', false], ['n', false], ['F', false],
  ])('%s → %s', (text, expected) => expect(parseBoolean(text)).toBe(expected));

  it('is null when empty and undefined when unreadable', () => {
    expect(parseBoolean('')).toBeNull();
    expect(parseBoolean('maybe')).toBeUndefined();
  });

  it.each([
    ['Closed Won', { isClosed: true, isWon: true }],
    ['closedwon', { isClosed: true, isWon: true }],
    ['Closed - Won', { isClosed: true, isWon: true }],
    ['Closed Lost', { isClosed: true, isWon: false }],
    ['closedlost', { isClosed: true, isWon: false }],
    ['Closed - No Decision', { isClosed: true, isWon: false }],
    ['Negotiation', { isClosed: false, isWon: false }],
    ['appointmentscheduled', { isClosed: false, isWon: false }],
  ])('stage %s', (stage, expected) => expect(stageOutcome(stage)).toEqual(expected));

  it('says nothing about an empty stage', () => {
    expect(stageOutcome('')).toBeUndefined();
    expect(stageOutcome(null)).toBeUndefined();
  });
});
