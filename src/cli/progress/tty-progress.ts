import type { Writable } from 'node:stream';
import type { ClientEvent } from '../../client/client-events.js';
import type { SyncEvent } from '../../sync/sync-events.js';
import type { BudgetView, ProgressReporter } from './progress-reporter.js';
import { ProgressTally } from './progress-reporter.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REDRAW_MS = 100;

/**
 * A one-line status on a terminal, redrawn in place at most ten times a second:
 * `⠙ calls 1,200/5,000 · transcripts 300 · 45 requests · 9,955 left today · waiting 20s (Gong 429)`.
 */
export function ttyProgress(out: Writable & { columns?: number }, budget: () => BudgetView | undefined, now = () => Date.now()): ProgressReporter {
  const tally = new ProgressTally();
  let frame = 0;
  let lastDraw = 0;
  let drawn = false;
  const number = (n: number) => n.toLocaleString('en-US');
  const draw = (force = false) => {
    const t = now();
    if (!force && t - lastDraw < REDRAW_MS) return;
    lastDraw = t;
    const parts = [
      `users ${number(tally.users)}`,
      `calls ${number(tally.calls)}${tally.callsTotal ? `/${number(tally.callsTotal)}` : ''}`,
      `transcripts ${number(tally.transcripts)}`,
      `${number(tally.requests)} requests`,
    ];
    const b = budget();
    if (b) parts.push(`${number(b.remaining())} left today`);
    if (tally.waiting && tally.waiting.until > t) {
      parts.push(`waiting ${Math.ceil((tally.waiting.until - t) / 1000)}s (${tally.waiting.reason})`);
    }
    const line = `${FRAMES[frame++ % FRAMES.length]} ${tally.stream ?? 'starting'}: ${parts.join(' · ')}`;
    const width = out.columns ?? 120;
    out.write(`\r\x1b[2K${line.slice(0, width - 1)}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) out.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    sync(event: SyncEvent) {
      tally.apply(event, now());
      if (event.type === 'window-restart') {
        clear();
        out.write(`restarting the calls window from ${event.from}: ${event.reason}\n`);
      }
      draw(event.type !== 'page');
    },
    client(event: ClientEvent) {
      tally.apply(event, now());
      if (event.type === 'rate-limited' && event.retryAfterMs !== undefined) {
        tally.waiting = { reason: 'Gong 429', until: now() + event.retryAfterMs };
      }
      draw();
    },
    note(message) {
      clear();
      out.write(`${message}\n`);
    },
    close() {
      clear();
    },
  };
}
