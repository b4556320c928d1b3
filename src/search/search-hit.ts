import type { Affiliation } from '../transcript/resolve-speaker.js';

/**
 * One matching sentence. The first eight keys are the `search --json` contract (docs/search.md,
 * "Output") (`callId, title, startedAt, speaker, affiliation, offsetMs, snippet, url`); the rest
 * are extra.
 */
export interface SearchHit {
  callId: string;
  /** The call's title (null when Gong gave none). */
  title: string | null;
  /** When the call started, UTC ISO-8601. */
  startedAt: string;
  /** The speaker as transcripts name them (party name, Gong user, e-mail), or `Unknown speaker`. */
  speaker: string;
  /** The speaker's party affiliation; `Unknown` when the party says none or no party matched. */
  affiliation: Affiliation;
  /** Where the sentence starts, in milliseconds from the call's start (`[mm:ss]` in text output). */
  offsetMs: number;
  /** The sentence with the matched words between markers (`«…»` unless asked otherwise). */
  snippet: string;
  /** The call in Gong, at this sentence (see `gongCallUrlAt`). */
  url: string;
  /** Where the sentence ends, in milliseconds from the call's start. */
  endMs: number;
  /** The sentence as said, without markers. */
  text: string;
  speakerId: string | null;
  /** Whether a name was found for the speaker (text output shows the affiliation only then). */
  speakerResolved: boolean;
  /** Position in the transcript (`segments[monologueIndex].sentences[sentenceIndex]`). */
  monologueIndex: number;
  sentenceIndex: number;
  /** Higher is more relevant; engine-specific (`-bm25` on SQLite, `ts_rank` on PostgreSQL). */
  score: number;
}
