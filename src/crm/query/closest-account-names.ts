import type { GongStore } from '../../store/gong-store.js';
import { nameKey } from '../import-crm-records.js';

/**
 * The account names nearest to what someone typed, closest first: for "Acme Corp" when they
 * wrote "Acne", so a model (or a person) can retry with a name that exists. Nearness is the edit
 * distance between the normalised names (case and punctuation ignored), where a name that
 * contains the text, or starts like it, counts as near.
 *
 * @example await closestAccountNames(store, 'Acne', 3) // ['Acme Corp', 'Acre Logistics', 'Apex']
 */
export async function closestAccountNames(store: GongStore, text: string, count = 3): Promise<string[]> {
  const rows = await store.scoped
    .selectFrom('crm_accounts')
    .select(['name'])
    .where('connection_id', '=', store.connectionId)
    .where('name', 'is not', null)
    .execute();
  const wanted = nameKey(text);
  const scored = new Map<string, number>();
  for (const { name } of rows) {
    if (name === null || scored.has(name)) continue;
    const key = nameKey(name);
    // A name containing the text costs only the letters around it, halved ("globex" is near
    // "Globex Corporation"); otherwise the distance to the whole name or to its start, whichever is less.
    const distance = wanted !== '' && key.includes(wanted)
      ? (key.length - wanted.length) / 2
      : Math.min(
          editDistance(wanted, key),
          editDistance(wanted, key.slice(0, wanted.length)) + 1,
          // "Globx" is near "Initech Globex": a misspelt word of a longer name.
          ...key.split(' ').map((word) => editDistance(wanted, word) + 1),
        );
    scored.set(name, distance);
  }
  return [...scored].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count).map(([name]) => name);
}

/** Levenshtein distance, two rows of memory. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
