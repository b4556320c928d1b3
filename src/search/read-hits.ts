/**
 * Ranked sentences → hits: reads each sentence from its transcript's `segments` (the SQLite
 * index keeps no text), the calls' titles, dates and links, and names the speakers the way
 * transcripts do (`speakerResolver`). A few queries for the whole page of hits, whatever its
 * size. A hit whose call or transcript changed between ranking and reading is left out.
 */
import { sql } from 'kysely';
import { normalizeTime, type GongStore } from '../store/gong-store.js';
import { chunk } from '../store/upsert-rows.js';
import { toGongParty } from '../transcript/render-stored-transcript.js';
import { speakerResolver } from '../transcript/resolve-speaker.js';
import { gongCallUrlAt } from './gong-call-link.js';
import { highlightSnippet, type HighlightMarkers } from './highlight-snippet.js';
import type { TermNode } from './query-ast.js';
import type { RankedSentence } from './ranked-sentence.js';
import type { SearchHit } from './search-hit.js';

interface StoredSentence {
  start: number;
  end: number;
  text: string;
}

/** @example await readHits(store, ranked, positiveTerms(ast), DEFAULT_MARKERS) */
export async function readHits(
  store: GongStore,
  ranked: readonly RankedSentence[],
  terms: readonly TermNode[],
  markers: HighlightMarkers,
): Promise<SearchHit[]> {
  if (ranked.length === 0) return [];
  const callIds = [...new Set(ranked.map((r) => r.callId))];
  const sentences = await readSentences(store, ranked);
  const calls = new Map<string, { title: string | null; url: string | null; started_at: string }>();
  for (const ids of chunk(callIds, 500)) {
    const rows = await store.db
      .selectFrom('gong_calls')
      .select(['id', 'title', 'url', 'started_at'])
      .where('connection_id', '=', store.connectionId)
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) calls.set(row.id, row);
  }
  const parties = await store.partiesOfCalls(callIds);
  const users = await store.userNames([...parties.values()].flat().flatMap((p) => (p.user_id ? [p.user_id] : [])));
  const resolvers = new Map(callIds.map((id) => [id, speakerResolver((parties.get(id) ?? []).map(toGongParty), users)]));

  const hits: SearchHit[] = [];
  ranked.forEach((r, i) => {
    const call = calls.get(r.callId);
    const sentence = sentences.get(i);
    if (!call || !sentence) return;
    const speaker = resolvers.get(r.callId)!(r.speakerId);
    hits.push({
      callId: r.callId,
      title: call.title,
      startedAt: normalizeTime(call.started_at),
      speaker: speaker.name,
      affiliation: speaker.affiliation ?? 'Unknown',
      offsetMs: sentence.start,
      snippet: highlightSnippet(sentence.text, terms, { markers }),
      url: gongCallUrlAt(call.url, r.callId, sentence.start, sentence.end),
      endMs: sentence.end,
      text: sentence.text,
      speakerId: r.speakerId,
      speakerResolved: speaker.resolved,
      monologueIndex: r.monologueIndex,
      sentenceIndex: r.sentenceIndex,
      score: r.score,
    });
  });
  return hits;
}

/**
 * The sentence of each ranked row, by the row's index, in one query. On SQLite each transcript's
 * JSON is parsed once for all its hits (`json_extract` with several paths): parsing it per hit
 * was most of a search's time for rare words (measured).
 */
async function readSentences(store: GongStore, ranked: readonly RankedSentence[]): Promise<Map<number, StoredSentence>> {
  const out = new Map<number, StoredSentence>();
  const add = (index: number, json: unknown) => {
    const value = (typeof json === 'string' ? JSON.parse(json) : json) as { start?: unknown; end?: unknown; text?: unknown } | null;
    if (value === null || typeof value !== 'object' || typeof value.text !== 'string') return;
    const start = milliseconds(value.start, 0);
    out.set(index, { start, end: Math.max(start, milliseconds(value.end, start)), text: value.text });
  };
  if (store.kind === 'sqlite') {
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
    const { rows } = await sql<{ g: number; sentences: string | null }>`${sql.join(parts, sql` UNION ALL `)}`.execute(store.db);
    for (const row of rows) {
      const values = JSON.parse(row.sentences ?? '[]') as unknown[];
      groups[Number(row.g)]!.forEach((index, k) => add(index, values[k] ?? null));
    }
    return out;
  }
  const { rows } = await sql<{ i: string; sentence: string | null }>`
    SELECT h.i - 1 AS i, (t.segments -> h.m -> 'sentences' -> h.s)::text AS sentence
    FROM unnest(${ranked.map((r) => r.callId)}::text[], ${ranked.map((r) => r.monologueIndex)}::int[], ${ranked.map((r) => r.sentenceIndex)}::int[])
      WITH ORDINALITY AS h(call_id, m, s, i)
    JOIN gong_transcripts AS t ON t.connection_id = ${store.connectionId} AND t.call_id = h.call_id`.execute(store.db);
  for (const row of rows) if (row.sentence !== null) add(Number(row.i), row.sentence);
  return out;
}

/** A sentence's `start`/`end`, which Gong sends as numbers (tolerating numeric text). */
function milliseconds(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}
