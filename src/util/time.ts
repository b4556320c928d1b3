/**
 * Instants, durations and the date arguments users type. Gong sends ISO-8601 in the company's
 * offset with 0, 3 or 6 fractional digits (docs/gong-api.md §2.4); we compare instants, never strings,
 * and store UTC ISO text ending in `Z` (README.md, "Storage and schema").
 */

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Parses an ISO-8601 date or date-time into epoch milliseconds, strictly: impossible dates such
 * as Feb 30 are refused (where `Date.parse` would roll them over). A date without a time is
 * midnight UTC; a date-time without an offset is taken as UTC. Sub-millisecond digits are
 * truncated. Returns `undefined` when the text is not such a date.
 *
 * @example parseInstant('2020-08-17T12:58:12.034683-04:00') // 1597683492034
 */
export function parseInstant(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number((frac + '000').slice(0, 3));
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return utcInstant(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * MINUTE;
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcInstant(year, month, 0)).getUTCDate();
}

/** `Date.UTC` without its quirk of reading years 0–99 as 1900–1999 (`0099-01-01` is not 1999). */
function utcInstant(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** Epoch ms → `2026-09-01T00:00:00.000Z`, the one form timestamps take in the store. */
export function toUtcIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * A Gong timestamp (any offset, any precision) → UTC ISO text, or `null` when absent.
 * Throws on text that is not a timestamp, so bad data is never stored silently.
 */
export function gongTimeToUtc(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = parseInstant(value);
  if (ms === undefined) throw new RangeError(`not an ISO-8601 timestamp: ${JSON.stringify(value)}`);
  return toUtcIso(ms);
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/**
 * Parses `30d`, `12h`, `90m`, `45s`, `800ms`, `2w` into milliseconds, or `undefined`.
 *
 * @example parseDuration('3d') // 259200000
 */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!);
}

/**
 * A date argument as users type it (README.md, "Configuration"): ISO-8601 with any offset, a plain date
 * (midnight UTC), or a relative `30d`/`12h` meaning that long before `now` (`undefined` when that
 * reaches back before the year 0000, which no ISO-8601 text can carry).
 */
export function parseDateArgument(text: string, now: number): number | undefined {
  const relative = parseDuration(text);
  if (relative !== undefined) return now - relative >= EARLIEST_INSTANT ? now - relative : undefined;
  return parseInstant(text);
}

/** 0000-01-01T00:00:00Z: the first instant ISO-8601 writes with four year digits, as the store and Gong expect. */
export const EARLIEST_INSTANT = -62_167_219_200_000;

/** The UTC calendar day of an instant, `YYYY-MM-DD`: Gong's daily budget is counted per UTC day. */
export function utcDay(epochMs: number): string {
  return toUtcIso(epochMs).slice(0, 10);
}

/** The next UTC midnight after an instant: when a spent daily budget comes back. */
export function nextUtcMidnight(epochMs: number): number {
  const d = new Date(epochMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
