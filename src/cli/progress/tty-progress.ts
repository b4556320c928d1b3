import type { Writable } from 'node:stream';
import type { ClientEvent } from '../../client/client-events.js';
import type { SyncEvent } from '../../sync/sync-events.js';
import type { ProgressReporter } from './progress-reporter.js';
import { ProgressTally } from './progress-reporter.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REDRAW_MS = 100;

/**
 * A one-line status on a terminal, redrawn in place at most ten times a second, most useful part
 * first so that a narrow terminal drops only the least useful:
 * `⠙ calls 1,200/5,000 · Gong unavailable, retrying in 40 s · 45 requests · 9,955 left today · users 40`.
 */
export function ttyProgress(out: Writable & { columns?: number }, now = () => Date.now()): ProgressReporter {
  const tally = new ProgressTally();
  let frame = 0;
  let lastDraw = 0;
  let drawn = false;
  const draw = (force = false) => {
    const t = now();
    if (!force && t - lastDraw < REDRAW_MS) return;
    lastDraw = t;
    out.write(`\r\x1b[2K${progressLine(tally, t, FRAMES[frame++ % FRAMES.length]!, out.columns ?? 80)}`);
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
        out.write(`restarting the ${event.stream} window from ${event.from}: ${event.reason}\n`);
      }
      if (event.type === 'record-skip') {
        clear();
        out.write(`warning: ${event.stream}: skipped ${event.id}: ${event.reason}\n`);
      }
      if (event.type === 'stream-skip' && event.warning) {
        clear();
        out.write(`warning: ${event.stream} skipped: ${event.reason}\n`);
      }
      draw(event.type !== 'page');
    },
    client(event: ClientEvent) {
      tally.apply(event, now());
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

/**
 * The bar's text, at most `columns - 1` characters: the parts that do not fit are left out from
 * the least useful end, never cut in the middle.
 */
export function progressLine(tally: ProgressTally, now: number, spinner: string, columns: number): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const current = tally.stream;
  const parts: string[] = [];
  if (current) {
    const total = tally.totals.get(current);
    parts.push(`${current} ${n(tally.done.get(current) ?? 0)}${total ? `/${n(total)}` : ''}`);
  } else parts.push('starting');
  if (tally.waiting && tally.waiting.until > now) {
    const seconds = Math.ceil((tally.waiting.until - now) / 1000);
    parts.push(tally.waiting.reason === 'unavailable' ? `Gong unavailable, retrying in ${seconds} s` : `Gong asked us to wait ${seconds} s`);
  }
  parts.push(`${n(tally.requests)} requests`);
  if (tally.budgetLeft !== undefined) parts.push(`${n(tally.budgetLeft)} left today`);
  for (const [stream, done] of tally.done) if (stream !== current) parts.push(`${stream} ${n(done)}`);
  let line = `${spinner} ${parts[0]}`;
  for (const part of parts.slice(1)) {
    if (line.length + 3 + part.length > columns - 1) break;
    line += ` · ${part}`;
  }
  return line.slice(0, Math.max(1, columns - 1));
}
