/**
 * Every stream, in the order a run takes them when their dependencies allow. `--streams`,
 * `status`, `export` and the protocol outputs read this list.
 */
import type { AnyStream } from '../engine/stream-definition.js';
import { callContentStream } from './call-content-stream.js';
import { callsStream } from './calls-stream.js';
import { activityStream, answeredScorecardsStream, interactionStatsStream } from './coaching-streams.js';
import { libraryStream } from './library-stream.js';
import { manualAssociationsStream } from './manual-associations-stream.js';
import { scorecardsStream, trackersStream, workspacesStream } from './settings-streams.js';
import { transcriptsStream } from './transcripts-stream.js';
import { usersStream } from './users-stream.js';

export const STREAMS: readonly AnyStream[] = [
  usersStream,
  callsStream,
  callContentStream,
  transcriptsStream,
  workspacesStream,
  trackersStream,
  scorecardsStream,
  answeredScorecardsStream,
  activityStream,
  interactionStatsStream,
  libraryStream,
  manualAssociationsStream,
];

/** The names `--streams` takes (derived streams run with their parent and are not named). */
export const STREAM_NAMES: readonly string[] = STREAMS.filter((s) => s.source.replication !== 'derived').map((s) => s.name);

/** A stream by name. */
export function streamNamed(name: string): AnyStream | undefined {
  return STREAMS.find((s) => s.name === name);
}
