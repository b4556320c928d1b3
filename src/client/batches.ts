/**
 * `callIds` go to Gong in batches of at most 100 (docs/gong-api.md §3.3: community code and a Pipedream
 * review cap it there; it also keeps each request to one page), never as an empty list (an empty
 * `callIds` is a 400, docs/gong-api.md §5.8).
 */

/** The largest `callIds` list sent in one request. */
export const MAX_IDS_PER_REQUEST = 100;

/**
 * Splits ids into batches of at most `size`, dropping duplicates (each costs quota for nothing).
 *
 * @example idBatches(['1', '2', '2', '3'], 2) // [['1', '2'], ['3']]
 */
export function idBatches(ids: readonly string[], size = MAX_IDS_PER_REQUEST): string[][] {
  const unique = [...new Set(ids.map(String))];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += size) batches.push(unique.slice(i, i + size));
  return batches;
}
