import { sql } from 'kysely';
import type { GongStore } from '../store/gong-store.js';
import { chunk } from '../store/upsert-rows.js';
import { positiveTerms } from './query-ast.js';
import { parseSearchQuery } from './query-parser.js';
import { searchDialectOf } from './search-dialect.js';
import { HIT_PAGE, readHits } from './read-hits.js';
import { storeFailure } from './search-all-transcripts.js';
import type { SearchHit } from './search-hit.js';
import { resolveSearchOptions, type SearchOptions } from './search-options.js';

/**
 * Full-text search over the stored transcripts of the store's connection: one hit per matching
 * sentence, most relevant first, then newest call first (with `perCall`, one hit per call: its
 * best sentence). `limit` has no upper bound; for every hit with flat memory use
 * `searchAllTranscripts`. The query language (words, "exact phrases", OR, prefix*, NOT/-word,
 * parentheses) is described in docs/search.md.
 *
 * @example
 * const store = await openStore('./pandora-gong.db');
 * const hits = await searchTranscripts(store, '"SOC 2" OR GDPR', { affiliation: 'external', since: '2026-07-01', limit: 10 });
 * for (const hit of hits) console.log(hit.startedAt, hit.title, hit.speaker, hit.offsetMs, hit.snippet, hit.url);
 * @throws ConfigError (bad query syntax or options, one line saying what to fix); StoreError (the database failed)
 */
export async function searchTranscripts(store: GongStore, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  for await (const hit of rankedHits(store, query, options)) hits.push(hit);
  return hits;
}

/**
 * The hits of `searchTranscripts`, in its order, read a page at a time as they are consumed: the
 * ranking (a few numbers per hit) is held whole, the hits' text only a page at a time, so the
 * CLI prints a large `--limit` without holding every hit. Bad options throw on the first `next()`.
 *
 * @example for await (const hit of rankedHits(store, 'pricing', { limit: 50_000 })) write(hit);
 */
export async function* rankedHits(store: GongStore, query: string, options: SearchOptions = {}): AsyncGenerator<SearchHit> {
  const ast = parseSearchQuery(query);
  const resolved = resolveSearchOptions(options);
  let documentId: number | undefined;
  if (resolved.callId !== undefined) {
    documentId = await storeFailure(() => documentOf(store, resolved.callId!));
    if (documentId === undefined) return;
  }
  const ranked = await storeFailure(() => searchDialectOf(store).rank(store, ast, resolved, documentId));
  const terms = positiveTerms(ast);
  for (const page of chunk(ranked, HIT_PAGE)) yield* await storeFailure(() => readHits(store, page, terms, resolved.markers));
}

/** The search document of a call's transcript, if it has one. */
async function documentOf(store: GongStore, callId: string): Promise<number | undefined> {
  const { rows } = await sql<{ id: number | string }>`
    SELECT id FROM gong_search_documents WHERE connection_id = ${store.connectionId} AND call_id = ${callId}`.execute(store.scoped);
  return rows[0] === undefined ? undefined : Number(rows[0].id);
}
