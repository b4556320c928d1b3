/**
 * `Retry-After` on Gong's 429 is integer seconds (docs/gong-api.md §2.5, S1 declares
 * `integer/int32`); HTTP also allows an HTTP-date, which we accept too. An HTTP-date is measured
 * against the response's own `Date` header when there is one, so a skewed local clock cannot
 * stretch or shrink the wait.
 */

/**
 * Milliseconds to wait, or `undefined` when the header is absent or unreadable.
 *
 * @example parseRetryAfter('20', Date.now()) // 20000
 * @example parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:30 GMT')) // 30000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, at - nowMs);
}
