/**
 * Words as the search sees them in JavaScript: runs of letters and digits (combining marks
 * kept inside the word), compared lower-cased and without diacritics. This matches what both
 * indexes do closely enough for validating queries and for highlighting; matching itself is
 * always the engine's.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;

/** A word of a text, with where it is (UTF-16 offsets into the original text). */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

/**
 * Lower case, diacritics removed: the form words are compared in.
 *
 * @example foldWord('Café') // 'cafe'
 */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/**
 * The folded words of a text, in order; words made only of combining marks are dropped.
 *
 * @example searchWords('Single sign-on, SOC 2!') // ['single', 'sign', 'on', 'soc', '2']
 */
export function searchWords(text: string): string[] {
  return wordSpans(text).map((w) => w.word);
}

/**
 * The words of a text with their offsets, for highlighting.
 *
 * @example wordSpans('Hi, Jo')  // [{ word: 'hi', start: 0, end: 2 }, { word: 'jo', start: 4, end: 6 }]
 */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = foldWord(match[0]);
    if (word !== '') out.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return out;
}
