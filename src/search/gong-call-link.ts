/**
 * A link that opens a call in Gong at a moment of it.
 *
 * Gong documents no "start at" parameter for its call page. The one form Gong itself emits is
 * in its API: the call `url` of `GET /v2/library/folder-content` (Gong's OpenAPI example,
 * `test/fixtures/gong-api/openapi.json`) is the call page with a `highlights` parameter, a
 * URL-encoded JSON list of `{"from": s, "to": s, "type": "LIBRARY"}` in seconds from the
 * call's start (the unit of the library's `snippet.fromSec/toSec`). We build that form for the
 * sentence's span. Whether Gong's player seeks to a highlight outside a library folder is
 * unverified; when it ignores the parameter, the link still opens the call.
 */

/**
 * Gong's call page for a call id, for calls stored without a `url`.
 *
 * @example gongCallPage('7782342274025937895') // 'https://app.gong.io/call?id=7782342274025937895'
 */
export function gongCallPage(callId: string): string {
  return `https://app.gong.io/call?id=${encodeURIComponent(callId)}`;
}

/**
 * @example
 * gongCallUrlAt('https://app.gong.io/call?id=7782342274025937895', '7782342274025937895', 460_230, 463_900)
 * // 'https://app.gong.io/call?id=7782342274025937895&highlights=%5B%7B%22from%22%3A460%2C%22to%22%3A464%2C%22type%22%3A%22LIBRARY%22%7D%5D'
 */
export function gongCallUrlAt(callUrl: string | null | undefined, callId: string, startMs: number, endMs?: number): string {
  const base = callUrl && /^https?:\/\//i.test(callUrl) ? callUrl : gongCallPage(callId);
  const from = Math.max(0, Math.floor(startMs / 1000));
  const to = Math.max(from + 1, Math.ceil((endMs ?? startMs) / 1000));
  const highlights = encodeURIComponent(JSON.stringify([{ from, to, type: 'LIBRARY' }]));
  const [path, fragment] = splitFragment(base);
  return `${path}${path.includes('?') ? '&' : '?'}highlights=${highlights}${fragment}`;
}

function splitFragment(url: string): [string, string] {
  const hash = url.indexOf('#');
  return hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
}
