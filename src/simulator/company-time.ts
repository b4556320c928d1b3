/**
 * Timestamps as Gong writes them: ISO-8601 in the company's fixed offset, with 0, 3 or 6
 * fractional digits depending on where the value came from (docs/gong-api.md §2.4: Zoom `started`
 * has 6, user `created` 3, dialer calls and `scheduled` none).
 */

export type FractionDigits = 0 | 3 | 6;

/**
 * Parses `-04:00`, `+0530`, `Z` or minutes into minutes east of UTC.
 *
 * @example parseUtcOffset('-04:00') // -240
 */
export function parseUtcOffset(offset: string | number): number {
  if (typeof offset === 'number') {
    if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) throw new RangeError(`bad UTC offset: ${offset}`);
    return offset;
  }
  if (offset === 'Z' || offset === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim());
  if (!m) throw new RangeError(`bad UTC offset ${JSON.stringify(offset)}: expected ±hh:mm`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60 || Number(m[3]) > 59) throw new RangeError(`bad UTC offset ${JSON.stringify(offset)}`);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Minutes east of UTC as `±hh:mm`.
 *
 * @example formatUtcOffset(-240) // '-04:00'
 */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Formats an instant in a fixed offset. `micros` (0–999) adds the sub-millisecond digits that
 * 6-digit timestamps carry; it is ignored for 0 and 3 digits.
 *
 * @example formatInstant(1597683492034, -240, 6, 683) // '2020-08-17T12:58:12.034683-04:00'
 */
export function formatInstant(epochMs: number, offsetMinutes: number, digits: FractionDigits, micros = 0): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const base =
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const ms = String(local.getUTCMilliseconds()).padStart(3, '0');
  const fraction = digits === 0 ? '' : digits === 3 ? `.${ms}` : `.${ms}${String(micros).padStart(3, '0')}`;
  return `${base}${fraction}${formatUtcOffset(offsetMinutes)}`;
}

/**
 * The calendar date of an instant in a fixed offset, `YYYY-MM-DD` (Salesforce `CloseDate`).
 *
 * @example formatLocalDate(Date.parse('2026-06-01T02:00:00Z'), -240) // '2026-05-31'
 */
export function formatLocalDate(epochMs: number, offsetMinutes: number): string {
  return formatInstant(epochMs, offsetMinutes, 0).slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
