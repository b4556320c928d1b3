import { describe, expect, it } from 'vitest';
import { hashSeed, Prng } from '../../../src/simulator/index.js';

describe('Prng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 20 }, (() => { const r = new Prng(seed); return () => r.next(); })());
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const x of draw(7)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('derives independent child streams that depend only on seed and label', () => {
    const a = new Prng(1);
    a.next();
    a.next();
    expect(a.derive('users').next()).toBe(new Prng(1).derive('users').next());
    expect(new Prng(1).derive('users').next()).not.toBe(new Prng(1).derive('calls').next());
  });

  it('int() covers both bounds and nothing outside', () => {
    const r = new Prng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('weighted() follows the weights and sample() returns distinct items', () => {
    const r = new Prng(5);
    let a = 0;
    for (let i = 0; i < 4000; i++) if (r.weighted([['a', 3], ['b', 1]] as const) === 'a') a++;
    expect(a / 4000).toBeGreaterThan(0.7);
    expect(a / 4000).toBeLessThan(0.8);
    const s = r.sample([1, 2, 3, 4, 5, 6, 7], 5);
    expect(new Set(s).size).toBe(5);
    expect(r.sample([1, 2], 5)).toHaveLength(2);
  });

  it('digits() has the asked length and a non-zero first digit', () => {
    const r = new Prng(9);
    for (let i = 0; i < 100; i++) expect(r.digits(19, 8)).toMatch(/^[1-8]\d{18}$/);
  });

  it('hashSeed spreads similar inputs', () => {
    expect(hashSeed(1, 'call', 1)).not.toBe(hashSeed(1, 'call', 2));
    expect(hashSeed('a')).toBe(hashSeed('a'));
    expect(hashSeed(1, 'call', 1)).toBeLessThan(2 ** 32);
  });
});
