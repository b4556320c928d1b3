/**
 * Ranked sentences → hits: reads each sentence from its transcript's `segments` (the SQLite
 * index keeps no text), the calls' titles, dates and links, and names the speakers the way
 * transcripts do (`speakerResolver`). A few queries for the whole page of hits, whatever its
 * size. A hit whose call or transcript changed between ranking and reading is left out.
 */
import { normalizeTime, type GongStore } from '../store/gong-store.js';
import { chunk } from '../store/upsert-rows.js';
import { toGongParty } from '../transcript/render-stored-transcript.js';
import { speakerResolver } from '../transcript/resolve-speaker.js';
import { gongCallUrlAt } from './gong-call-link.js';
import { highlightSnippet, type HighlightMarkers } from './highlight-snippet.js';
import type { TermNode } from './query-ast.js';
import type { RankedSentence } from './ranked-sentence.js';
import type { SearchHit } from './search-hit.js';
import { searchDialectOf } from './search-dialect.js';

/**
 * Ranked rows read a page at a time: SQLite refuses a compound SELECT of more than 500 parts
 * (one per call of the page), and a page bounds what one read holds in memory.
 */
export const HIT_PAGE = 250;

/** @example await readHits(store, ranked, positiveTerms(ast), DEFAULT_MARKERS) */
export async function readHits(
  store: GongStore,
  ranked: readonly RankedSentence[],
  terms: readonly TermNode[],
  markers: HighlightMarkers,
): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  for (const page of chunk(ranked, HIT_PAGE)) hits.push(...(await readHitPage(store, page, terms, markers)));
  return hits;
}

async function readHitPage(
  store: GongStore,
  ranked: readonly RankedSentence[],
  terms: readonly TermNode[],
  markers: HighlightMarkers,
): Promise<SearchHit[]> {
  if (ranked.length === 0) return [];
  const callIds = [...new Set(ranked.map((r) => r.callId))];
  const sentences = await searchDialectOf(store).readSentences(store, ranked);
  const calls = new Map<string, { title: string | null; url: string | null; started_at: string }>();
  for (const ids of chunk(callIds, 500)) {
    const rows = await store.scoped
      .selectFrom('gong_calls')
      .select(['id', 'title', 'url', 'started_at'])
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
