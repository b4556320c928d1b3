/**
 * A small seeded PRNG (mulberry32) and the helpers the generators need. Everything the simulator
 * invents comes from here, never from `Math.random`, so one seed always yields the same company,
 * the same transcripts and the same fault sequence.
 */

/**
 * FNV-1a over the text of `parts`, finished with murmur3's fmix32: a well-spread 32-bit seed.
 *
 * @example new Prng(hashSeed(seed, 'call', 17))
 */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u001f');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded random stream. `derive(label)` gives an independent child stream, so adding draws in
 * one generator never shifts the values of another (users stay the same when calls change).
 *
 * @example
 * const rng = new Prng(42);
 * rng.int(1, 6); // the same die roll on every run
 * rng.derive('calls').pick(['a', 'b']);
 */
export class Prng {
  private state: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.state = this.seed;
  }

  /** A child stream whose values depend only on this stream's seed and `label`. */
  derive(...label: (string | number)[]): Prng {
    return new Prng(hashSeed(this.seed, ...label));
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by relative weight: `weighted([['a', 3], ['b', 1]])` returns 'a' three times as often. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** `k` distinct items in random order (all of them when `k` exceeds the length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  /** A log-normal draw with the given median, clamped to [min, max]: call lengths look like this. */
  logNormal(median: number, sigma: number, min: number, max: number): number {
    const u1 = Math.max(this.next(), 1e-12);
    const u2 = this.next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
  }

  /** `n` decimal digits, the first one non-zero. */
  digits(n: number, firstMax = 9): string {
    let out = String(this.int(1, firstMax));
    for (let i = 1; i < n; i++) out += String(this.int(0, 9));
    return out;
  }
}
