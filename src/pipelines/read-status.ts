/**
 * Each selected protocol stream's status through a read (Airbyte's STREAM_STATUS: STARTED,
 * RUNNING, COMPLETE, INCOMPLETE), from the engine's events about the stream that reads it.
 * Every status is reported once, in order; a stream the read never reached ends INCOMPLETE.
 */
import type { SyncEvent } from '../sync/sync-events.js';
import type { ProtocolStream } from './stream-catalog.js';

export type StreamStatus = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';

export interface StatusReason {
  /** Epoch ms when the quota resumes (the daily budget). */
  quotaReset?: number;
  message: string;
}

export type StatusListener = (stream: ProtocolStream, status: StreamStatus, reason?: StatusReason) => void;

export class ReadStatus {
  readonly #last = new Map<string, StreamStatus>();

  constructor(
    private readonly selected: readonly ProtocolStream[],
    private readonly listener: StatusListener,
  ) {}

  /** Follows an engine event. */
  onEvent(event: SyncEvent): void {
    if (!('stream' in event)) return;
    const streams = this.selected.filter((s) => s.engine.name === event.stream);
    if (event.type === 'stream-start') for (const s of streams) this.#move(s, 'STARTED');
    else if (event.type === 'page' && event.records > 0) for (const s of streams) this.#move(s, 'RUNNING');
    else if (event.type === 'stream-end' || event.type === 'stream-skip') {
      for (const s of streams) {
        this.#move(s, 'STARTED');
        this.#move(s, 'COMPLETE');
      }
    }
  }

  /** Every stream not COMPLETE ends INCOMPLETE, with the reason. */
  endIncomplete(reason: StatusReason): void {
    for (const s of this.selected) {
      if (this.#last.get(s.name) === 'COMPLETE') continue;
      this.#move(s, 'STARTED');
      this.#move(s, 'INCOMPLETE', reason);
    }
  }

  #move(stream: ProtocolStream, status: StreamStatus, reason?: StatusReason): void {
    const order: StreamStatus[] = ['STARTED', 'RUNNING', 'COMPLETE', 'INCOMPLETE'];
    const last = this.#last.get(stream.name);
    if (last === 'COMPLETE' || last === 'INCOMPLETE') return;
    if (last !== undefined && order.indexOf(last) >= order.indexOf(status)) return;
    this.#last.set(stream.name, status);
    this.listener(stream, status, reason);
  }
}
