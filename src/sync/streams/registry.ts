/**
 * Every stream, in the order a run takes them when their dependencies allow. `--streams`,
 * `status`, `export` and the protocol outputs read this list.
 */
import type { AnyStream } from '../engine/stream-definition.js';
import { callsStream } from './calls-stream.js';
import { transcriptsStream } from './transcripts-stream.js';
import { usersStream } from './users-stream.js';

export const STREAMS: readonly AnyStream[] = [usersStream, callsStream, transcriptsStream];

/** The names `--streams` takes (derived streams run with their parent and are not named). */
export const STREAM_NAMES: readonly string[] = STREAMS.filter((s) => s.source.replication !== 'derived').map((s) => s.name);

/** A stream by name. */
export function streamNamed(name: string): AnyStream | undefined {
  return STREAMS.find((s) => s.name === name);
}
