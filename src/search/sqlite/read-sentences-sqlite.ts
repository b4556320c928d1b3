import { sql } from 'kysely';
import type { GongStore } from '../../store/gong-store.js';
import { addStoredSentence, type StoredSentence } from '../stored-sentence.js';
import type { RankedSentence } from '../ranked-sentence.js';

/**
 * The sentence of each ranked row, by the row's index, in one query (the SQLite index keeps no
 * text). Each transcript's JSON is parsed once for all its hits (`json_extract` with several
 * paths): parsing it per hit was most of a search's time for rare words (measured).
 */
export async function readSentencesSqlite(store: GongStore, ranked: readonly RankedSentence[]): Promise<Map<number, StoredSentence>> {
  const out = new Map<number, StoredSentence>();
  const byCall = new Map<string, number[]>();
  ranked.forEach((r, i) => byCall.set(r.callId, [...(byCall.get(r.callId) ?? []), i]));
  const parts = [...byCall].map(([callId, indexes], group) => {
    // Two paths at least, so that json_extract always answers with an array.
    const paths = indexes.map((i) => `$[${ranked[i]!.monologueIndex}].sentences[${ranked[i]!.sentenceIndex}]`);
    if (paths.length === 1) paths.push(paths[0]!);
    return sql`SELECT ${group} AS g, json_extract(segments, ${sql.join(paths)}) AS sentences
      FROM gong_transcripts WHERE connection_id = ${store.connectionId} AND call_id = ${callId}`;
  });
  const groups = [...byCall.values()];
  const { rows } = await sql<{ g: number; sentences: string | null }>`${sql.join(parts, sql` UNION ALL `)}`.execute(store.scoped);
  for (const row of rows) {
    const values = JSON.parse(row.sentences ?? '[]') as unknown[];
    groups[Number(row.g)]!.forEach((index, k) => addStoredSentence(out, index, values[k] ?? null));
  }
  return out;
}
