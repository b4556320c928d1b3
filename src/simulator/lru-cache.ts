/**
 * A tiny least-recently-used cache: generated parties and transcripts are kept for the calls a
 * client is paging through right now, never for all 50,000.
 *
 * @example const cache = new LruCache<string, number>(2); cache.get('a', () => 1); // 1
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private capacity: number) {}

  /** From now on nothing is evicted (`Company.prepare`: every value made up front). */
  keepAll(): void {
    this.capacity = Number.POSITIVE_INFINITY;
  }

  /** The cached value, or `make()`'s result, which is then cached. */
  get(key: K, make: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = make();
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
    return value;
  }
}
