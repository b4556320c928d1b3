import { describe, expect, it } from 'vitest';
import { resolveState, type StreamBlob } from '../../../src/pipelines/protocol-state.js';
import { TranscriptQueue } from '../../../src/pipelines/transcript-queue.js';

const state = (watermark: string) => ({ watermark, backfillFrom: null, progress: null, completedAt: null, updatedAt: watermark });
const blob = (seq: number, watermark: string, extra: Partial<StreamBlob> = {}): StreamBlob => ({ v: 1, seq, engine: { calls: state(watermark) }, ...extra });

describe('resolveState', () => {
  it('takes the oldest blob of a reader whose streams disagree (a read died between their STATEs)', () => {
    const resolved = resolveState(new Map([['calls', [blob(7, '2026-11-20T00:00:00Z'), blob(6, '2026-11-19T00:00:00Z')]]]));
    expect(resolved.engine.get('calls')).toEqual({ owner: 'calls', state: state('2026-11-19T00:00:00Z') });
    expect(resolved.nextSeq).toBe(8);
  });

  it('starts a reader afresh when one of its streams has no state (new in the catalog, or read in full)', () => {
    const resolved = resolveState(new Map([['calls', [blob(7, '2026-11-20T00:00:00Z'), undefined]]]));
    expect(resolved.engine.size).toBe(0);
  });

  it("keeps the latest day's highest request count and the newest clock offset", () => {
    const resolved = resolveState(
      new Map([
        ['users', [blob(3, 'x', { budget: { accountKey: 'a', day: '2026-11-20', used: 40 }, clockOffsetMs: 5 })]],
        ['calls', [blob(9, 'y', { budget: { accountKey: 'a', day: '2026-11-20', used: 55 }, clockOffsetMs: 7 })]],
        ['transcripts', [blob(2, 'z', { budget: { accountKey: 'a', day: '2026-11-19', used: 900 } })]],
      ]),
    );
    expect(resolved.budget).toEqual({ accountKey: 'a', day: '2026-11-20', used: 55 });
    expect(resolved.clockOffsetMs).toBe(7);
  });
});

describe('TranscriptQueue', () => {
  it('waits for calls read, never twice for one settled, pages in (startedAt, id) order, and forgets settled days past the horizon', () => {
    const q = new TranscriptQueue();
    q.offer({ id: 'b', startedAt: '2026-11-02T10:00:00.000Z' }, [], []);
    q.offer({ id: 'a', startedAt: '2026-11-02T10:00:00.000Z' }, [], []);
    q.offer({ id: 'c', startedAt: '2026-10-01T10:00:00.000Z' }, [], []);
    expect(q.page(2).map((c) => c.id)).toEqual(['c', 'a']);
    expect(q.page(5, { startedAt: '2026-11-02T10:00:00.000Z', id: 'a' }).map((c) => c.id)).toEqual(['b']);
    q.settle('a');
    expect(q.offer({ id: 'a', startedAt: '2026-11-02T10:00:00.000Z' }, [], [])).toBe(false);
    q.settle('c');
    const saved = q.toState(Date.parse('2026-10-15T00:00:00Z'));
    expect(saved.done).toEqual({ '2026-11-02': ['a'] });
    const back = new TranscriptQueue(saved);
    expect(back.page(10).map((c) => c.id)).toEqual(['b']);
    expect(back.offer({ id: 'a', startedAt: '2026-11-02T10:00:00.000Z' }, [], [])).toBe(false);
  });
});
