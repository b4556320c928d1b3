import type { ClientEvent } from '../../client/client-events.js';
import type { SyncEvent } from '../../sync/sync-events.js';

/** Where a command's progress goes: a bar on a TTY, JSON lines otherwise (README.md, "CLI"). */
export interface ProgressReporter {
  sync(event: SyncEvent): void;
  client(event: ClientEvent): void;
  /** A free-form step of a command (demo, crm import…). */
  note(message: string, fields?: Record<string, unknown>): void;
  /** Clears the bar so that what follows starts on a clean line. */
  close(): void;
}

export interface BudgetView {
  used(): number;
  remaining(): number;
}

/** Counters both renderers keep: what the bar shows and what JSON lines carry. */
export class ProgressTally {
  requests = 0;
  retries = 0;
  rateLimited = 0;
  calls = 0;
  callsTotal: number | undefined;
  users = 0;
  transcripts = 0;
  stream: string | undefined;
  /** What the sync is waiting for, and until when (epoch ms). */
  waiting: { reason: string; until: number } | undefined;

  apply(event: SyncEvent | ClientEvent, now: number): void {
    switch (event.type) {
      case 'request':
        this.requests++;
        if (this.waiting && this.waiting.until <= now) this.waiting = undefined;
        break;
      case 'retry':
        this.retries++;
        this.waiting = { reason: `retrying after ${event.reason}`, until: now + event.delayMs };
        break;
      case 'rate-limited':
        this.rateLimited++;
        break;
      case 'throttle-wait':
        break;
      case 'stream-start':
        this.stream = event.stream;
        break;
      case 'page':
        if (event.stream === 'calls') {
          this.calls = event.done;
          if (event.total !== undefined) this.callsTotal = Math.max(this.callsTotal ?? 0, event.total);
        } else if (event.stream === 'users') this.users = event.done;
        else this.transcripts = event.done;
        break;
      default:
        break;
    }
  }
}
