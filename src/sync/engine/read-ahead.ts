/**
 * One page read ahead: while the engine commits a page, the request for the next one is already
 * on its way (still paced by the client's throttle and counted by its budget), so Gong's time to
 * answer and ours to write overlap instead of adding up. At 3 requests/s a page that takes longer
 * to commit than a third of a second would otherwise set the pace, not Gong.
 *
 * At most one step of the source runs ahead of the consumer, so memory holds at most one page more
 * than before. A step that fails is reported when the consumer asks for it, after the page before
 * it was committed, exactly where a failure was reported without the read-ahead. When the consumer
 * stops early (an error, a stop), the step in flight is left to settle on its own: the run cancels
 * its requests when it ends (`StreamContext.signal`), and its outcome is dropped.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let step = settle(iterator.next());
  let finished = false;
  try {
    for (;;) {
      const outcome = await step;
      if (!outcome.ok) {
        finished = true;
        throw outcome.error;
      }
      if (outcome.result.done) {
        finished = true;
        return;
      }
      // Ask for the next page before handing this one over.
      step = settle(iterator.next());
      yield outcome.result.value;
    }
  } finally {
    // Stopped early with a step in flight: close the source once that step is over.
    if (!finished) void step.then(() => iterator.return?.()).catch(() => {});
  }
}

type Outcome<T> = { ok: true; result: IteratorResult<T> } | { ok: false; error: unknown };

/** A step that never rejects (no unhandled rejection while the consumer is busy elsewhere). */
function settle<T>(promise: Promise<IteratorResult<T>>): Promise<Outcome<T>> {
  return promise.then(
    (result) => ({ ok: true, result }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** Why a run's requests still in flight are aborted when it ends. */
export class RunEndedError extends Error {
  constructor() {
    super('the run ended: the page read ahead is no longer needed');
    this.name = 'RunEndedError';
  }
}
