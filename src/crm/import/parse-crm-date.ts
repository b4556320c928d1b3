/**
 * Dates as CRMs export them. Salesforce data exports and APIs write ISO (`2026-03-15`,
 * `2026-03-15T10:22:33.000Z`); reports write the user's locale (`3/15/2026`, `15/03/2026`,
 * `15.03.2026`, `3/15/2026 10:22 AM`); HubSpot writes `2026-03-15 10:22` or its portal's locale.
 *
 * Ambiguity rules (documented in docs/crm-linking.md):
 * - ISO and `YYYY/MM/DD` are year-month-day.
 * - `DD.MM.YYYY` (dots) is always day-first: no locale writes month-first with dots.
 * - `A/B/YYYY` and `A-B-YYYY` are decided per column: a value with A > 12 makes the column
 *   day-first, one with B > 12 month-first. When a column shows neither, the file's default
 *   applies: month-first (Salesforce's and HubSpot's US default), or day-first for a `;`-separated
 *   file (what a European Excel writes). A column showing both is inconsistent: its values that
 *   could be read either way are rejected rather than guessed.
 * - Two-digit years are 20YY. A time without an offset is UTC. Month names (`Mar 15, 2026`,
 *   `15 Mar 2026`, `15-Mar-2026`) are English.
 */
import { parseInstant } from '../../util/time.js';

export type DayMonthOrder = 'mdy' | 'dmy';

/** A parsed date or date-time; `offsetMinutes` is null when the text named no offset (taken as UTC). */
export interface CrmDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number | null;
  hasTime: boolean;
}

export type CrmDateResult = { ok: true; parts: CrmDateParts } | { ok: false; reason: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?`;
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})${TIME}$`);
const MONTH_FIRST_NAME = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`);
const DAY_FIRST_NAME = new RegExp(String.raw`^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-](\d{2,4})${TIME}$`);

/**
 * Which way a column's `A/B/YYYY` dates read: `dmy`, `mdy`, `conflict` (both kinds seen), or
 * `undefined` when every value reads both ways (or none is of that form).
 *
 * @example detectDayMonthOrder(['3/15/2026', '4/1/2026']) // 'mdy'
 * @example detectDayMonthOrder(['15/03/2026'])            // 'dmy'
 */
export function detectDayMonthOrder(values: Iterable<string>): DayMonthOrder | 'conflict' | undefined {
  let dayFirst = false;
  let monthFirst = false;
  for (const value of values) {
    const m = NUMERIC.exec(value.trim());
    if (!m || m[2] === '.' || m[1]!.length === 4) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) dayFirst = true;
    if (b > 12 && a <= 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) return 'conflict';
  return dayFirst ? 'dmy' : monthFirst ? 'mdy' : undefined;
}

/**
 * Parses one date or date-time. `order` decides `A/B/YYYY` (see the module notes); with
 * `'conflict'` such a value is refused when it reads both ways.
 *
 * @example parseCrmDate('15.03.2026', 'mdy')          // { ok: true, parts: { year: 2026, month: 3, day: 15, … } }
 * @example parseCrmDate('3/15/2026 2:05 PM', 'mdy')   // hour 14, minute 5
 */
export function parseCrmDate(text: string, order: DayMonthOrder | 'conflict'): CrmDateResult {
  const value = text.trim();
  if (/^\d{12,13}$/.test(value)) return fromEpoch(Number(value));
  const iso = parseIso(value);
  if (iso) return { ok: true, parts: iso };

  let m = NUMERIC.exec(value);
  if (m) {
    const [, a, sep, b, c] = m;
    let year: number, month: number, day: number;
    if (a!.length === 4) {
      [year, month, day] = [Number(a), Number(b), Number(c)];
      if (c!.length > 2) return invalid(value);
    } else {
      if (c!.length === 3) return invalid(value);
      year = c!.length === 2 ? 2000 + Number(c) : Number(c);
      const first = Number(a), second = Number(b);
      let dayFirst: boolean;
      if (sep === '.') dayFirst = true;
      else if (first > 12) dayFirst = true;
      else if (second > 12) dayFirst = false;
      else if (order === 'conflict' && first !== second) {
        return { ok: false, reason: `date "${value}" could be day-first or month-first, and this column has both kinds` };
      } else dayFirst = order === 'dmy';
      [day, month] = dayFirst ? [first, second] : [second, first];
    }
    return build(value, year, month, day, m.slice(5));
  }
  m = MONTH_FIRST_NAME.exec(value);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month !== undefined) return build(value, Number(m[3]), month, Number(m[2]), m.slice(4));
  }
  m = DAY_FIRST_NAME.exec(value);
  if (m) {
    const month = monthNumber(m[2]!);
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    if (month !== undefined && m[3]!.length !== 3) return build(value, year, month, Number(m[1]), m.slice(4));
  }
  return invalid(value);
}

/**
 * Parts → epoch milliseconds (no offset = UTC).
 *
 * @example toEpochMs((parseCrmDate('3/15/2026 2:05 PM', 'mdy') as { parts: CrmDateParts }).parts) // Date.parse('2026-03-15T14:05:00Z')
 */
export function toEpochMs(parts: CrmDateParts): number {
  return (
    Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond) -
    (parts.offsetMinutes ?? 0) * 60_000
  );
}

/**
 * Parts → the calendar date as written, `YYYY-MM-DD` (a close date is a day, not an instant).
 *
 * @example toCalendarDate((parseCrmDate('2026-03-31T23:30:00-04:00', 'mdy') as { parts: CrmDateParts }).parts) // '2026-03-31'
 */
export function toCalendarDate(parts: CrmDateParts): string {
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

function parseIso(value: string): CrmDateParts | undefined {
  const ms = parseInstant(value);
  if (ms === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(value)!;
  const zone = m[8];
  let offsetMinutes: number | null = null;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0));
  } else if (zone) offsetMinutes = 0;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number(((m[7] ?? '') + '000').slice(0, 3)),
    offsetMinutes,
    hasTime: m[4] !== undefined,
  };
}

/** `[hour, minute, second, fraction, meridiem, zone]` captured by `TIME`. */
function build(value: string, year: number, month: number, day: number, time: (string | undefined)[]): CrmDateResult {
  const [h, mi, s, frac, meridiem, zone] = time;
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate() || year < 1900 || year > 2200) {
    return invalid(value);
  }
  let hour = h === undefined ? 0 : Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return invalid(value);
    const pm = /^p/i.test(meridiem);
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return invalid(value);
  let offsetMinutes: number | null = null;
  if (zone) {
    if (/^(Z|UTC|GMT)$/i.test(zone)) offsetMinutes = 0;
    else {
      const digits = zone.slice(1).replace(':', '');
      offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    }
  }
  return {
    ok: true,
    parts: {
      year,
      month,
      day,
      hour,
      minute,
      second,
      millisecond: Number(((frac ?? '') + '000').slice(0, 3)),
      offsetMinutes,
      hasTime: h !== undefined,
    },
  };
}

function fromEpoch(ms: number): CrmDateResult {
  const d = new Date(ms);
  return {
    ok: true,
    parts: {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      offsetMinutes: 0,
      hasTime: true,
    },
  };
}

function monthNumber(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  if (index < 0) return undefined;
  // `Marchh` is not a month; full names and three-letter abbreviations (and `Sept`) are.
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][index]!;
  const lower = name.toLowerCase();
  return full.startsWith(lower) ? index + 1 : undefined;
}

function invalid(value: string): CrmDateResult {
  return { ok: false, reason: `"${value}" is not a date this importer reads (ISO 2026-03-15, 3/15/2026, 15.03.2026, Mar 15 2026)` };
}
