import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface StreamWriter {
  /** Writes, and when the stream's buffer is full waits for the reader to drain it. */
  write(chunk: string): Promise<void>;
  /** Whether the reader went away (`… | head`: EPIPE); later writes are dropped. */
  readonly closed: boolean;
}

/**
 * Output that waits for its reader (a pipe into `head` or a slow disk), so a long stream of rows
 * never piles up in memory. A reader that goes away ends the output quietly.
 *
 * @example const out = streamWriter(cli.stdout); for await (const row of rows) { if (out.closed) break; await out.write(`${JSON.stringify(row)}\n`); }
 */
export function streamWriter(out: Writable): StreamWriter {
  let closed = false;
  out.on('error', () => (closed = true));
  return {
    get closed() {
      return closed;
    },
    async write(chunk: string) {
      if (closed) return;
      if (out.write(chunk)) return;
      // The wait that loses the race is cancelled: left pending, each one kept a 'close' and an
      // 'error' listener on stdout, a leak per full buffer (and a MaxListenersExceededWarning).
      const waiting = new AbortController();
      try {
        await Promise.race([once(out, 'drain', { signal: waiting.signal }), once(out, 'close', { signal: waiting.signal })]);
      } catch (error) {
        // The reader went away: it has all it wanted, so stop quietly.
        if (!closed) throw error;
      } finally {
        waiting.abort();
      }
    },
  };
}
