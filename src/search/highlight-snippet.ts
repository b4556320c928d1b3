/**
 * The snippet of a hit: its sentence with the query's words marked. Highlighting is done here
 * rather than by FTS5 `highlight()` or PostgreSQL `ts_headline`, because the SQLite index is
 * contentless (it has no text to highlight) and so that both engines mark the same words with
 * the same markers. Only what the query looks for is marked, never what it excludes.
 */
import type { TermNode } from './query-ast.js';
import { wordSpans, type WordSpan } from './search-words.js';

export interface HighlightMarkers {
  open: string;
  close: string;
}

/** `«…»`: rare in speech, unambiguous in JSON, and not Markdown. */
export const DEFAULT_MARKERS: HighlightMarkers = Object.freeze({ open: '«', close: '»' });

export interface SnippetOptions {
  markers?: HighlightMarkers;
  /** A longer sentence is cut to this many words around its first match, with `…`. Default 40. */
  maxWords?: number;
}

/**
 * @example
 * highlightSnippet('We support single sign-on through SAML.', positiveTerms(parseSearchQuery('"single sign-on" OR saml')))
 * // 'We support «single sign-on» through «SAML».'
 */
export function highlightSnippet(text: string, terms: readonly Pick<TermNode, 'words' | 'prefix'>[], options: SnippetOptions = {}): string {
  const { open, close } = options.markers ?? DEFAULT_MARKERS;
  const maxWords = options.maxWords ?? 40;
  const flat = text.replace(/\s+/gu, ' ').trim();
  const spans = wordSpans(flat);
  const marks = matches(spans, terms);

  let from = 0;
  let to = spans.length;
  if (spans.length > maxWords) {
    const first = marks[0]?.[0] ?? 0;
    from = Math.max(0, Math.min(first - Math.floor(maxWords / 4), spans.length - maxWords));
    to = from + maxWords;
  }
  const startChar = from === 0 ? 0 : spans[from]!.start;
  const endChar = to === spans.length ? flat.length : spans[to - 1]!.end;

  let out = from === 0 ? '' : '…';
  let at = startChar;
  for (const [a, b] of marks) {
    if (a < from || b >= to) continue;
    out += flat.slice(at, spans[a]!.start) + open + flat.slice(spans[a]!.start, spans[b]!.end) + close;
    at = spans[b]!.end;
  }
  out += flat.slice(at, endChar) + (to === spans.length ? '' : '…');
  return out;
}

/** Word ranges `[first, last]` that match a term, in order, overlapping ones merged. */
function matches(spans: readonly WordSpan[], terms: readonly Pick<TermNode, 'words' | 'prefix'>[]): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < spans.length; i++) {
    for (const term of terms) {
      const n = term.words.length;
      if (n === 0 || i + n > spans.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const word = spans[i + k]!.word;
        const want = term.words[k]!;
        ok = term.prefix && k === n - 1 ? word.startsWith(want) : word === want;
      }
      if (ok) found.push([i, i + n - 1]);
    }
  }
  found.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
