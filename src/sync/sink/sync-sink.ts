/**
 * Where the engine writes (the sink seam): the store is the first sink; protocol outputs (Singer,
 * Airbyte) write messages instead, keeping their own state, with no database in between. The
 * engine only ever talks to a sink through this interface.
 */
import type { CommitResult, PageWrite } from './page-write.js';
import type { StreamState } from './stream-state.js';

/** A party as transcripts name speakers from it. */
export interface SpeakerParty {
  call_id: string;
  party_id: string;
  speaker_id: string | null;
  user_id: string | null;
  email: string | null;
  name: string | null;
  title: string | null;
  affiliation: string | null;
  phone: string | null;
}

/** A Gong user's name fields, as transcript rendering falls back to them. */
export interface SpeakerUser {
  id: string;
  firstName: string | null;
  lastName: string | null;
  emailAddress: string | null;
}

/** Everything that names a set of calls' speakers. */
export interface SpeakerDirectory {
  parties: Map<string, SpeakerParty[]>;
  users: Map<string, SpeakerUser>;
}

export interface SyncSink {
  /** A stream's state as last committed. */
  readState(stream: string): Promise<StreamState | undefined>;
  /** Applies one page atomically: rows, removals, sweep and state together, or nothing. */
  commit(write: PageWrite): Promise<CommitResult>;
  /**
   * Calls the sink holds that have no transcript yet and are still worth asking for, in
   * `(startedAt, id)` order after `after` (keyset paging keeps memory flat).
   */
  callsAwaitingTranscript(limit: number, after?: { startedAt: string; id: string }): Promise<{ id: string; startedAt: string }[]>;
  /** The parties of these calls and the Gong users they name. */
  speakerDirectory(callIds: readonly string[]): Promise<SpeakerDirectory>;
}
