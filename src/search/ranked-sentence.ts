/** A matching sentence as an engine ranks it, before it is read and rendered as a hit. */
export interface RankedSentence {
  callId: string;
  monologueIndex: number;
  sentenceIndex: number;
  /** The monologue's speaker id as the transcript has it (null when Gong could not tell). */
  speakerId: string | null;
  /** Higher is more relevant: `-bm25` on SQLite, `ts_rank` on PostgreSQL; comparable only within one search. */
  score: number;
}


/** A matching sentence with its index id, the key `--all` pages on within a transcript. */
export interface PagedSentence extends RankedSentence {
  sid: number;
}
