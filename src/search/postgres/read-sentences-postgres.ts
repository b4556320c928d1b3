import { sql } from 'kysely';
import type { GongStore } from '../../store/gong-store.js';
import { addStoredSentence, type StoredSentence } from '../stored-sentence.js';
import type { RankedSentence } from '../ranked-sentence.js';

/** The sentence of each ranked row, by the row's index, in one query (`jsonb` paths, one row per hit). */
export async function readSentencesPostgres(store: GongStore, ranked: readonly RankedSentence[]): Promise<Map<number, StoredSentence>> {
  const out = new Map<number, StoredSentence>();
  const { rows } = await sql<{ i: string; sentence: string | null }>`
    SELECT h.i - 1 AS i, (t.segments -> h.m -> 'sentences' -> h.s)::text AS sentence
    FROM unnest(${ranked.map((r) => r.callId)}::text[], ${ranked.map((r) => r.monologueIndex)}::int[], ${ranked.map((r) => r.sentenceIndex)}::int[])
      WITH ORDINALITY AS h(call_id, m, s, i)
    JOIN gong_transcripts AS t ON t.connection_id = ${store.connectionId} AND t.call_id = h.call_id`.execute(store.scoped);
  for (const row of rows) if (row.sentence !== null) addStoredSentence(out, Number(row.i), row.sentence);
  return out;
}
