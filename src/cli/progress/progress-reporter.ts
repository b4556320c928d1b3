import type { ClientEvent } from '../../client/client-events.js';
import type { SyncEvent } from '../../sync/sync-events.js';

/** Where a command's progress goes: a bar on a TTY, JSON lines otherwise. */
export interface ProgressReporter {
  sync(event: SyncEvent): void;
  client(event: ClientEvent): void;
  /** A free-form step of a command (demo, crm import…). */
  note(message: string, fields?: Record<string, unknown>): void;
  /** Clears the bar so that what follows starts on a clean line. */
  close(): void;
}

/** Counters both renderers keep, for every stream the run reports: what the bar shows and JSON lines carry. */
export class ProgressTally {
  requests = 0;
  retries = 0;
  rateLimited = 0;
  /** Requests left in today's budget, as the client last counted. */
  budgetLeft: number | undefined;
  /** Records so far per stream, in the order the streams started, and Gong's announced totals. */
  readonly done = new Map<string, number>();
  readonly totals = new Map<string, number>();
  stream: string | undefined;
  /** What the sync is waiting for, and until when (epoch ms): Gong failing, or Gong pacing us with a 429. */
  waiting: { reason: 'unavailable' | 'pacing'; until: number } | undefined;

  apply(event: SyncEvent | ClientEvent, now: number): void {
    switch (event.type) {
      case 'request':
        this.requests++;
        if (event.budgetLeft !== undefined) this.budgetLeft = event.budgetLeft;
        if (this.waiting && this.waiting.until <= now) this.waiting = undefined;
        break;
      case 'retry':
        this.retries++;
        this.waiting = { reason: event.reason === 'rate-limited' ? 'pacing' : 'unavailable', until: now + event.delayMs };
        break;
      case 'rate-limited':
        this.rateLimited++;
        if (event.retryAfterMs !== undefined) this.waiting = { reason: 'pacing', until: now + event.retryAfterMs };
        break;
      case 'stream-start':
        this.stream = event.stream;
        if (!this.done.has(event.stream)) this.done.set(event.stream, 0);
        break;
      case 'page':
        this.done.set(event.stream, event.done);
        if (event.total !== undefined) this.totals.set(event.stream, Math.max(this.totals.get(event.stream) ?? 0, event.total));
        break;
      default:
        break;
    }
  }
}
