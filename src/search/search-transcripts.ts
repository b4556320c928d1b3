import { sql } from 'kysely';
import { GongError, StoreError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import { positiveTerms } from './query-ast.js';
import { parseSearchQuery } from './query-parser.js';
import { searchDialectOf } from './search-dialect.js';
import { readHits } from './read-hits.js';
import type { SearchHit } from './search-hit.js';
import { resolveSearchOptions, type SearchOptions } from './search-options.js';

/**
 * Full-text search over the stored transcripts of the store's connection: one hit per matching
 * sentence, most relevant first, then newest call first. The query language (words, "exact
 * phrases", OR, prefix*, NOT/-word, parentheses) is described in docs/search.md.
 *
 * @example
 * const store = await openStore('./pandora-gong.db');
 * const hits = await searchTranscripts(store, '"SOC 2" OR GDPR', { affiliation: 'external', since: '2026-07-01', limit: 10 });
 * for (const hit of hits) console.log(hit.startedAt, hit.title, hit.speaker, hit.offsetMs, hit.snippet, hit.url);
 * @throws ConfigError (bad query syntax or options, one line saying what to fix); StoreError (the database failed)
 */
export async function searchTranscripts(store: GongStore, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const ast = parseSearchQuery(query);
  const resolved = resolveSearchOptions(options);
  try {
    let documentId: number | undefined;
    if (resolved.callId !== undefined) {
      documentId = await documentOf(store, resolved.callId);
      if (documentId === undefined) return [];
    }
    const ranked = await searchDialectOf(store).rank(store, ast, resolved, documentId);
    return await readHits(store, ranked, positiveTerms(ast), resolved.markers);
  } catch (error) {
    if (error instanceof GongError) throw error;
    // The compilers only ever emit valid syntax, so this is the database itself failing:
    // say so in one line rather than surfacing a driver's multi-line error.
    throw new StoreError(`search failed in the database: ${(error as Error).message}`, error);
  }
}

/** The search document of a call's transcript, if it has one. */
async function documentOf(store: GongStore, callId: string): Promise<number | undefined> {
  const { rows } = await sql<{ id: number | string }>`
    SELECT id FROM gong_search_documents WHERE connection_id = ${store.connectionId} AND call_id = ${callId}`.execute(store.scoped);
  return rows[0] === undefined ? undefined : Number(rows[0].id);
}
