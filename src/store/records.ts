/**
 * What the sync hands the store: rows as plain JavaScript values (booleans, objects), before the
 * engine encodes them. Column names are those of README.md ("Storage and schema").
 */
export interface UserRecord {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  manager_id: string | null;
  active: boolean | null;
  created_at: string | null;
  raw: unknown;
}

export interface PartyRecord {
  party_id: string;
  speaker_id: string | null;
  user_id: string | null;
  email: string | null;
  name: string | null;
  title: string | null;
  affiliation: string | null;
  phone: string | null;
}

export interface CallRecord {
  id: string;
  title: string | null;
  scheduled_at: string | null;
  started_at: string;
  duration_seconds: number | null;
  primary_user_id: string | null;
  direction: string | null;
  scope: string | null;
  media: string | null;
  system: string | null;
  language: string | null;
  workspace_id: string | null;
  url: string | null;
  is_private: boolean;
  raw: unknown;
  /** Null when Gong sent no `parties` key (imported calls): the call then has no party rows. */
  parties: PartyRecord[] | null;
}

export interface TranscriptRecord {
  call_id: string;
  segments: unknown;
  text: string;
  fetched_at: string;
}

/** The calls stream's progress marker while a window is in flight: where a stopped run resumes. */
export interface CallsWindowProgress {
  /** Inclusive start of the window in flight. */
  windowFrom: string;
  /** Exclusive end, fixed when the window started. */
  windowTo: string;
  /** Where to restart: the `started` of the last record of the last committed page (inclusive). */
  resumeFrom: string;
  /** Identifies this pass over the window across restarts and runs (see `seen_pass_id`). */
  passId: string;
}

export interface StreamState {
  watermark: string | null;
  backfillFrom: string | null;
  progress: CallsWindowProgress | null;
  completedAt: string | null;
  updatedAt: string;
}

export interface RunStats {
  users: number;
  deletedUsers: number;
  calls: number;
  parties: number;
  privateSkipped: number;
  deletedCalls: number;
  transcripts: number;
  transcriptsPending: number;
  transcriptsGaveUp: number;
  requests: number;
}

export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed';
