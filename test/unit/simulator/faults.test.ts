import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/simulator/faults.js';
import { formatFaultSpec, parseFaultSpec } from '../../../src/simulator/index.js';

describe('parseFaultSpec', () => {
  it('reads the documented grammar', () => {
    expect(parseFaultSpec('5xx=0.05,reset=0.02,slow=0.1:800ms,429=0.02')).toEqual([
      { kind: '5xx', probability: 0.05 },
      { kind: 'reset', probability: 0.02 },
      { kind: 'slow', probability: 0.1, delayMs: 800 },
      { kind: '429', probability: 0.02, retryAfterSeconds: 1 },
    ]);
    expect(parseFaultSpec(' 429storm = 5% : 3600s , expire=1, malformed=0, truncate=0.5, repeatcursor=0.25 ')).toEqual([
      { kind: '429storm', probability: 0.05, retryAfterSeconds: 3600 },
      { kind: 'expire', probability: 1 },
      { kind: 'malformed', probability: 0 },
      { kind: 'truncate', probability: 0.5 },
      { kind: 'repeatcursor', probability: 0.25 },
    ]);
    expect(parseFaultSpec('5xx=0.1:502/503,reset=0.1:mid,slow=1:2s,429=1:30')).toEqual([
      { kind: '5xx', probability: 0.1, statuses: [502, 503] },
      { kind: 'reset', probability: 0.1, mode: 'mid' },
      { kind: 'slow', probability: 1, delayMs: 2000 },
      { kind: '429', probability: 1, retryAfterSeconds: 30 },
    ]);
    expect(parseFaultSpec('')).toEqual([]);
    expect(parseFaultSpec('none')).toEqual([]);
  });

  it('names the bad token in its errors', () => {
    expect(() => parseFaultSpec('5xx=0.05,explode=0.1')).toThrow(/unknown fault "explode" in "explode=0.1"/);
    expect(() => parseFaultSpec('reset=2')).toThrow(/bad probability "2" in "reset=2"/);
    expect(() => parseFaultSpec('reset=lots')).toThrow(/"reset=lots"/);
    expect(() => parseFaultSpec('slow=0.1:fast')).toThrow(/bad parameter "fast" in "slow=0.1:fast"/);
    expect(() => parseFaultSpec('5xx=0.1:404')).toThrow(/"5xx=0.1:404"/);
    expect(() => parseFaultSpec('expire=0.1:3s')).toThrow(/"expire=0.1:3s"/);
    expect(() => parseFaultSpec('reset')).toThrow(/cannot read "reset"/);
    expect(() => parseFaultSpec('reset=0.1,reset=0.2')).toThrow(/"reset" is given twice/);
  });

  it('formats back to a spec that parses to the same rules', () => {
    const spec = parseFaultSpec('5xx=0.05:503,reset=0.02:before,slow=0.1:800ms,429storm=0.01:7200s,expire=0.2');
    expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
  });
});

describe('FaultInjector', () => {
  it('is reproducible for a seed', () => {
    const run = (seed: number) => {
      const f = new FaultInjector(parseFaultSpec('5xx=0.2,reset=0.2,slow=0.2'), seed);
      return Array.from({ length: 50 }, () => f.decide({ hasCursor: false })?.rule.kind ?? '-').join(',');
    };
    expect(run(1)).toBe(run(1));
    expect(run(1)).not.toBe(run(2));
  });

  it('hits about as often as asked, first rule first', () => {
    const f = new FaultInjector(parseFaultSpec('5xx=0.3'), 9);
    let hits = 0;
    for (let i = 0; i < 2000; i++) if (f.decide({ hasCursor: false })) hits++;
    expect(hits / 2000).toBeGreaterThan(0.25);
    expect(hits / 2000).toBeLessThan(0.35);
    const both = new FaultInjector(parseFaultSpec('reset=1,5xx=1'), 1);
    expect(both.decide({ hasCursor: false })!.rule.kind).toBe('reset');
  });

  it('applies expire and repeatcursor only to requests carrying a cursor', () => {
    const f = new FaultInjector(parseFaultSpec('expire=1'), 1);
    expect(f.decide({ hasCursor: false })).toBeNull();
    expect(f.decide({ hasCursor: true })!.rule.kind).toBe('expire');
    f.set(parseFaultSpec('repeatcursor=1'));
    expect(f.decide({ hasCursor: false })).toBeNull();
    expect(f.decide({ hasCursor: true })!.rule.kind).toBe('repeatcursor');
  });

  it('draws the 5xx status and the reset point', () => {
    const f = new FaultInjector(parseFaultSpec('5xx=1:502/503'), 4);
    const statuses = new Set(Array.from({ length: 40 }, () => f.decide({ hasCursor: false })!.status));
    expect(statuses).toEqual(new Set([502, 503]));
    f.set(parseFaultSpec('reset=1'));
    const modes = new Set(Array.from({ length: 40 }, () => f.decide({ hasCursor: false })!.mode));
    expect(modes).toEqual(new Set(['before', 'mid']));
  });
});
