import { describe, expect, it } from 'vitest';
import { readAhead } from '../../../src/sync/engine/read-ahead.js';

/** A source of pages whose steps the test settles by hand, recording what was asked when. */
function manualSource<T>() {
  const steps: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }[] = [];
  const log: string[] = [];
  let outstanding = 0;
  let maxOutstanding = 0;
  const iterator: AsyncIterator<T> = {
    next: () => {
      outstanding++;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
      log.push(`next ${steps.length + 1}`);
      return new Promise<IteratorResult<T>>((resolve, reject) => steps.push({ resolve, reject })).finally(() => outstanding--);
    },
    return: async () => {
      log.push('return');
      return { done: true, value: undefined };
    },
  };
  return {
    source: { [Symbol.asyncIterator]: () => iterator } as AsyncIterable<T>,
    log,
    steps,
    maxOutstanding: () => maxOutstanding,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('readAhead', () => {
  it('asks for the next page before the consumer has finished with the current one, and never for two at once', async () => {
    const { source, log, steps, maxOutstanding } = manualSource<string>();
    const pages = readAhead(source)[Symbol.asyncIterator]();
    const first = pages.next();
    await tick();
    steps[0]!.resolve({ done: false, value: 'page 1' });
    expect(await first).toEqual({ done: false, value: 'page 1' });
    // The consumer holds page 1 (it is committing it): page 2 is already asked for.
    expect(log).toEqual(['next 1', 'next 2']);
    await tick();
    expect(log).toEqual(['next 1', 'next 2']);
    steps[1]!.resolve({ done: false, value: 'page 2' });
    expect(await pages.next()).toEqual({ done: false, value: 'page 2' });
    steps[2]!.resolve({ done: true, value: undefined });
    expect(await pages.next()).toEqual({ done: true, value: undefined });
    expect(maxOutstanding()).toBe(1);
  });

  it('reports a failed step only when the consumer asks for it, after the page before it', async () => {
    const { source, steps } = manualSource<string>();
    const seen: string[] = [];
    const consumed = (async () => {
      for await (const page of readAhead(source)) {
        seen.push(page);
        await tick(); // the commit, during which the next request fails
      }
    })();
    await tick();
    steps[0]!.resolve({ done: false, value: 'page 1' });
    await tick();
    steps[1]!.reject(new Error('Gong answered 500'));
    await expect(consumed).rejects.toThrow('Gong answered 500');
    expect(seen).toEqual(['page 1']);
  });

  it('closes the source once the step in flight settles when the consumer stops early, and swallows that step’s failure', async () => {
    const { source, log, steps } = manualSource<string>();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const consumed = (async () => {
        for await (const page of readAhead(source)) {
          throw new Error(`commit of ${page} failed`);
        }
      })();
      await tick();
      steps[0]!.resolve({ done: false, value: 'page 1' });
      await expect(consumed).rejects.toThrow('commit of page 1 failed');
      // Page 2 is still in flight: the source is not closed under it.
      expect(log).toEqual(['next 1', 'next 2']);
      steps[1]!.reject(new Error('aborted: the run ended'));
      await tick();
      await tick();
      expect(log).toEqual(['next 1', 'next 2', 'return']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
