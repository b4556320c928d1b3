import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/simulator/faults.js';
import { ManualClock } from '../../../src/util/clock.js';
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

describe('outage', () => {
  it('parses outage=N:DURATION[:mode] and formats it back', () => {
    expect(parseFaultSpec('outage=200:90s')).toEqual([{ kind: 'outage', probability: 1, afterRequests: 200, durationMs: 90_000 }]);
    expect(parseFaultSpec('5xx=0.1, outage = 0 : 3m : reset')).toEqual([
      { kind: '5xx', probability: 0.1 },
      { kind: 'outage', probability: 1, afterRequests: 0, durationMs: 180_000, outageMode: 'reset' },
    ]);
    expect(parseFaultSpec('outage=5:800ms:5xx')[0]).toMatchObject({ afterRequests: 5, durationMs: 800, outageMode: '5xx' });
    const spec = parseFaultSpec('outage=40:30s:mixed,reset=0.1');
    expect(formatFaultSpec(spec)).toBe('outage=40:30000ms:mixed,reset=0.1');
    expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
  });

  it('names the bad part of an outage spec', () => {
    expect(() => parseFaultSpec('outage=0.5:30s')).toThrow(/bad request count "0.5" in "outage=0.5:30s": expected a whole number/);
    expect(() => parseFaultSpec('outage=5%:30s')).toThrow(/bad request count "5%"/);
    expect(() => parseFaultSpec('outage=10')).toThrow(/"outage=10" gives no duration/);
    expect(() => parseFaultSpec('outage=10:soon')).toThrow(/bad duration "soon" in "outage=10:soon"/);
    expect(() => parseFaultSpec('outage=10:0s')).toThrow(/bad duration "0s"/);
    expect(() => parseFaultSpec('outage=10:30s:down')).toThrow(/bad outage mode "down" in "outage=10:30s:down": expected one of mixed, 5xx, reset/);
    expect(() => parseFaultSpec('outage=10:30s:reset:x')).toThrow(/bad outage mode "reset:x"/);
    expect(() => parseFaultSpec('outage=1:1s,outage=2:1s')).toThrow(/"outage" is given twice/);
  });

  /** Kinds of `count` requests, one every `stepMs` of injected time. */
  function run(spec: string, seed: number, count: number, stepMs: number): { kinds: string[]; clock: ManualClock } {
    const clock = new ManualClock(1_000);
    const f = new FaultInjector(parseFaultSpec(spec), seed, () => clock.now());
    const kinds = Array.from({ length: count }, () => {
      const d = f.decide({ hasCursor: false });
      clock.advance(stepMs);
      return d === null ? '-' : d.rule.kind === 'outage' ? (d.status !== undefined ? String(d.status) : `reset-${d.mode}`) : d.rule.kind;
    });
    return { kinds, clock };
  }

  it('serves N requests, then fails every request for the span from the one that starts it, then serves again', () => {
    // One request a second: requests 1–3 served, the 4th starts a 5 s outage (4th–8th fail), the 9th is served.
    const { kinds } = run('outage=3:5s', 1, 12, 1_000);
    expect(kinds.slice(0, 3)).toEqual(['-', '-', '-']);
    expect(kinds.slice(3, 8).every((k) => k !== '-')).toBe(true);
    expect(kinds.slice(8)).toEqual(['-', '-', '-', '-']);
    // The span is time, not a count: at 100 ms a request, 50 requests fall inside it.
    const dense = run('outage=0:5s', 1, 60, 100).kinds;
    expect(dense.filter((k) => k !== '-')).toHaveLength(50);
    expect(dense.slice(50)).toEqual(Array(10).fill('-'));
  });

  it('fails with 502/503 and resets (mixed), or only one of them, the same way for a seed', () => {
    const mixed = run('outage=0:100s', 3, 80, 1_000).kinds;
    expect(new Set(mixed)).toEqual(new Set(['502', '503', 'reset-before', 'reset-mid']));
    expect(run('outage=0:100s', 3, 80, 1_000).kinds).toEqual(mixed);
    expect(run('outage=0:100s', 4, 80, 1_000).kinds).not.toEqual(mixed);
    expect(new Set(run('outage=0:100s:5xx', 3, 40, 1_000).kinds)).toEqual(new Set(['502', '503']));
    expect(new Set(run('outage=0:100s:reset', 3, 40, 1_000).kinds)).toEqual(new Set(['reset-before', 'reset-mid']));
  });

  it('overrides the other rules while it lasts, without shifting their draws after it', () => {
    const plain = run('5xx=0.3', 5, 40, 1_000).kinds;
    const withOutage = run('5xx=0.3,outage=10:10s', 5, 40, 1_000).kinds;
    expect(withOutage.slice(0, 10)).toEqual(plain.slice(0, 10));
    expect(withOutage.slice(10, 20).every((k) => k !== '-' && k !== '5xx')).toBe(true);
    expect(withOutage.slice(20)).toEqual(plain.slice(20));
  });

  it('reports its span, and starts over when the spec is set again', () => {
    const clock = new ManualClock(0);
    const f = new FaultInjector(parseFaultSpec('outage=1:2s'), 1, () => clock.now());
    expect(f.decide({ hasCursor: false })).toBeNull();
    expect(f.outage()).toBeNull();
    clock.advance(500);
    expect(f.decide({ hasCursor: false })!.rule.kind).toBe('outage');
    expect(f.outage()).toEqual({ startedAt: 500, endsAt: 2_500, active: true });
    clock.advance(2_000);
    expect(f.decide({ hasCursor: false })).toBeNull();
    expect(f.outage()!.active).toBe(false);
    f.set(parseFaultSpec('outage=1:2s'));
    expect(f.outage()).toBeNull();
    expect(f.decide({ hasCursor: false })).toBeNull();
    expect(f.decide({ hasCursor: false })!.rule.kind).toBe('outage');
  });
});
