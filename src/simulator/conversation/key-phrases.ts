/**
 * Finding phrases in transcript text the way a search test expects: case-insensitive, on word
 * boundaries ("price" does not match "pricing"). Used for the transcript ground truth
 * (`mentions`) and for tracker counts, so both agree with the text exactly.
 */
import { COMPETITORS } from './vocabulary.js';

/** Phrases whose every occurrence the transcript ground truth records. */
export const KEY_PHRASES: readonly string[] = [
  'SOC 2',
  'single sign-on',
  'SAML',
  'GDPR',
  'data residency',
  'pen test',
  'pricing',
  'per seat',
  'discount',
  'annual contract',
  'proposal',
  'legal',
  'demo',
  ...COMPETITORS,
];

const cache = new Map<string, RegExp>();

/**
 * A global, case-insensitive, word-bounded matcher for `phrase`.
 *
 * @example phraseMatcher('price').test('our pricing') // false
 */
export function phraseMatcher(phrase: string): RegExp {
  let re = cache.get(phrase);
  if (!re) {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
    cache.set(phrase, re);
  }
  re.lastIndex = 0;
  return re;
}

/**
 * How many times `phrase` occurs in `text`.
 *
 * @example countPhrase('SOC 2 and soc 2 again', 'SOC 2') // 2
 */
export function countPhrase(text: string, phrase: string): number {
  const re = phraseMatcher(phrase);
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}
