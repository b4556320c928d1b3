/**
 * Request date-times as Gong takes them: ISO-8601 with `Z` or a `±hh:mm` offset, with or
 * without fractional seconds (docs/gong-api.md §2.4). A value without an offset is refused, and so
 * is one whose `+` arrived as a space because the client forgot to URL-encode it.
 */
import { parseInstant } from '../util/time.js';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch ms of a request date-time, or undefined when it is not one.
 *
 * @example parseRequestDateTime('2018-02-18T02:30:00-07:00') // 1518946200000
 */
export function parseRequestDateTime(text: string): number | undefined {
  return WITH_OFFSET.test(text) ? parseInstant(text) : undefined;
}

export interface Window {
  fromMs?: number;
  toMs?: number;
}

/**
 * Reads a `from`/`to` pair (absent or null means unbounded). Returns an error message for a bad
 * value, or when `from` is not before `to`.
 *
 * @example readWindow('2026-01-01T00:00:00Z', null, { from: 'fromDateTime', to: 'toDateTime' }) // { fromMs: 1767225600000 }
 */
export function readWindow(from: unknown, to: unknown, names: { from: string; to: string }): Window | string {
  const window: Window = {};
  for (const [value, name, key] of [
    [from, names.from, 'fromMs'],
    [to, names.to, 'toMs'],
  ] as const) {
    if (value === undefined || value === null) continue;
    const ms = typeof value === 'string' ? parseRequestDateTime(value) : undefined;
    if (ms === undefined) {
      return `${name}: invalid date-time ${JSON.stringify(value)}; expected ISO-8601 with an offset, e.g. 2018-02-18T02:30:00-07:00 or 2018-02-18T08:00:00Z`;
    }
    window[key] = ms;
  }
  if (window.fromMs !== undefined && window.toMs !== undefined && window.fromMs >= window.toMs) {
    return `${names.from}: must be before ${names.to.slice(names.to.lastIndexOf('.') + 1)}`;
  }
  return window;
}
