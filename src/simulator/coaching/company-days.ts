/**
 * Calendar days in the company's time zone, as the stats endpoints take them: `YYYY-MM-DD`,
 * `from` inclusive, `to` exclusive, `to` not after the current day (S1 `MultipleUsersWithDates`,
 * `AnsweredScorecardsFilter`; docs/gong-api.md §2.4). The company has a fixed UTC offset, so a day is
 * always 24 hours long.
 */
import { formatLocalDate } from '../company-time.js';

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a company day starts, or undefined when `text` is not a real `YYYY-MM-DD` date.
 *
 * @example dayStartMs('2026-06-01', -240) // Date.parse('2026-06-01T04:00:00Z')
 */
export function dayStartMs(text: string, offsetMinutes: number): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatLocalDate(utc, 0) !== text) return undefined;
  return utc - offsetMinutes * 60_000;
}

/** The company day an instant falls on. @example dayOf(Date.parse('2026-06-01T02:00:00Z'), -240) // '2026-05-31' */
export const dayOf = (ms: number, offsetMinutes: number): string => formatLocalDate(ms, offsetMinutes);

/** The instant the company day of `ms` starts. @example dayStartOf(Date.parse('2026-06-01T02:00:00Z'), -240) // Date.parse('2026-05-31T04:00:00Z') */
export function dayStartOf(ms: number, offsetMinutes: number): number {
  const shift = offsetMinutes * 60_000;
  return Math.floor((ms + shift) / DAY) * DAY - shift;
}

/** The day after. @example nextDay('2026-02-28') // '2026-03-01' */
export function nextDay(day: string): string {
  return formatLocalDate(Date.parse(`${day}T00:00:00Z`) + DAY, 0);
}

/** Every day of `[from, to)`. @example daysOf('2026-05-30', '2026-06-01') // ['2026-05-30', '2026-05-31'] */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d < to; d = nextDay(d)) out.push(d);
  return out;
}

export interface DayRange {
  /** Inclusive. */
  from?: string;
  /** Exclusive. */
  to?: string;
  fromMs?: number;
  toMs?: number;
}

/**
 * Reads an optional `from`/`to` pair of company dates; an error message for a malformed date or
 * an empty range. `required` makes both mandatory; `notAfter` (a day) refuses a later `to`.
 *
 * @example readDayRange('2026-05-01', '2026-06-01', { from: 'filter.fromDate', to: 'filter.toDate' }, -240, { required: true })
 */
export function readDayRange(
  from: unknown,
  to: unknown,
  names: { from: string; to: string },
  offsetMinutes: number,
  options: { required?: boolean; notAfter?: string } = {},
): DayRange | string {
  const range: DayRange = {};
  for (const [value, name, key] of [
    [from, names.from, 'from'],
    [to, names.to, 'to'],
  ] as const) {
    if (value === undefined || value === null || value === '') {
      if (options.required) return `${name}: must not be null`;
      continue;
    }
    const ms = typeof value === 'string' ? dayStartMs(value, offsetMinutes) : undefined;
    if (ms === undefined) return `${name}: invalid date ${JSON.stringify(value)}; expected YYYY-MM-DD`;
    range[key] = value as string;
    range[key === 'from' ? 'fromMs' : 'toMs'] = ms;
  }
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
    return `${names.from}: must be before ${names.to.slice(names.to.lastIndexOf('.') + 1)} (${names.to.slice(names.to.lastIndexOf('.') + 1)} is exclusive)`;
  }
  if (options.notAfter !== undefined && range.to !== undefined && range.to > options.notAfter) {
    return `${names.to}: must not be after the current day (${options.notAfter})`;
  }
  return range;
}
