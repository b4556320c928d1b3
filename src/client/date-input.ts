/**
 * Dates the client accepts (a `Date`, epoch milliseconds, or ISO-8601 text with any offset) and
 * the one form it sends: UTC ISO-8601 ending in `Z` (docs/gong-api.md §2.4 documents both `Z` and
 * offsets; `Z` keeps `+` out of query strings altogether).
 */
import { ConfigError } from '../errors.js';
import { parseInstant, toUtcIso } from '../util/time.js';

export type DateInput = Date | number | string;

/**
 * @example toGongDateTime('2026-09-01') // '2026-09-01T00:00:00.000Z'
 * @example toGongDateTime('2020-08-17T12:58:12-04:00') // '2020-08-17T16:58:12.000Z'
 * @throws ConfigError when the value is not a date
 */
export function toGongDateTime(value: DateInput, name = 'date'): string {
  const ms = toEpochMs(value);
  if (ms === undefined) throw new ConfigError(`${name} is not a valid date: expected a Date, epoch milliseconds or ISO-8601 text`);
  return toUtcIso(ms);
}

function toEpochMs(value: DateInput): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return parseInstant(value);
  return undefined;
}

/**
 * The date-only form of the stats filters (`YYYY-MM-DD`, a day in the company's time zone,
 * docs/gong-api.md §2.4). A date text passes as given; an instant gives its UTC date.
 *
 * @example toGongDate('2026-11-03') // '2026-11-03'
 * @throws ConfigError when the value is not a date
 */
export function toGongDate(value: DateInput, name = 'date'): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (parseInstant(`${value}T00:00:00Z`) === undefined) throw new ConfigError(`${name} is not a valid date: ${value}`);
    return value;
  }
  return toGongDateTime(value, name).slice(0, 10);
}
