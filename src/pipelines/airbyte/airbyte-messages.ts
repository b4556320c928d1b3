/**
 * Airbyte protocol v1 messages, one JSON object per line on stdout and nothing else there
 * (docs/pipelines.md; the schema is Airbyte's `airbyte_protocol.yaml`).
 */
import type { Writable } from 'node:stream';
import { redact } from '../../errors.js';
import type { FailureType } from '../failure-type.js';
import type { StreamBlob } from '../protocol-state.js';
import type { StatusReason, StreamStatus } from '../read-status.js';

export type LogLevel = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';

export class AirbyteWriter {
  constructor(
    private readonly out: Writable,
    private readonly now: () => number = Date.now,
  ) {}

  write(message: Record<string, unknown>): void {
    this.out.write(`${JSON.stringify(message)}\n`);
  }

  record(stream: string, data: Record<string, unknown>): void {
    this.write({ type: 'RECORD', record: { stream, data, emitted_at: this.now() } });
  }

  state(stream: string, blob: StreamBlob, recordCount: number): void {
    this.write({
      type: 'STATE',
      state: { type: 'STREAM', stream: { stream_descriptor: { name: stream }, stream_state: blob }, sourceStats: { recordCount } },
    });
  }

  log(level: LogLevel, message: string): void {
    this.write({ type: 'LOG', log: { level, message: redact(message) } });
  }

  status(stream: string, status: StreamStatus, reason?: StatusReason): void {
    const reasons = reason?.quotaReset !== undefined ? [{ type: 'RATE_LIMITED', rate_limited: { quota_reset: reason.quotaReset } }] : undefined;
    this.write({
      type: 'TRACE',
      trace: { type: 'STREAM_STATUS', emitted_at: this.now(), stream_status: { stream_descriptor: { name: stream }, status, ...(reasons ? { reasons } : {}) } },
    });
  }

  error(message: string, failureType: FailureType, stream?: string): void {
    this.write({
      type: 'TRACE',
      trace: {
        type: 'ERROR',
        emitted_at: this.now(),
        error: { message: redact(message), failure_type: failureType, ...(stream ? { stream_descriptor: { name: stream } } : {}) },
      },
    });
  }

  control(config: object): void {
    this.write({ type: 'CONTROL', control: { type: 'CONNECTOR_CONFIG', emitted_at: this.now(), connectorConfig: { config } } });
  }
}
