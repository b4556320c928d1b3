import type { Writable } from 'node:stream';
import type { ClientEvent } from '../../client/client-events.js';
import type { SyncEvent } from '../../sync/sync-events.js';
import type { ProgressReporter } from './progress-reporter.js';
import { ProgressTally } from './progress-reporter.js';

/**
 * One JSON object per line on stderr: for logs, CI and anything that is not a terminal. Every
 * sync event is written; of the client's events, only those worth an operator's attention
 * (retries, 429s, throttle waits of a second or more, network errors), never each request.
 */
export function jsonLinesProgress(out: Writable, now = () => Date.now()): ProgressReporter {
  const tally = new ProgressTally();
  const write = (event: string, fields: Record<string, unknown>) => {
    const budget = tally.budgetLeft === undefined ? {} : { budgetLeft: tally.budgetLeft };
    out.write(`${JSON.stringify({ time: new Date(now()).toISOString(), event, ...fields, requests: tally.requests, ...budget })}\n`);
  };
  return {
    sync(event: SyncEvent) {
      tally.apply(event, now());
      const { type, ...fields } = event;
      write(type, fields);
    },
    client(event: ClientEvent) {
      tally.apply(event, now());
      if (event.type === 'request' || event.type === 'response') return;
      if (event.type === 'throttle-wait' && event.waitedMs < 1000) return;
      const { type, ...fields } = event;
      write(type, fields);
    },
    note(message, fields = {}) {
      write('note', { message, ...fields });
    },
    close() {},
  };
}
