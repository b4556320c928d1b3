import { sql } from 'kysely';
import { GongError, StoreError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import { positiveTerms } from './query-ast.js';
import { parseSearchQuery } from './query-parser.js';
import { HIT_PAGE, readHits } from './read-hits.js';
import type { RankedSentence } from './ranked-sentence.js';
import { searchDialectOf } from './search-dialect.js';
import type { SearchHit } from './search-hit.js';
import { resolveSearchOptions, type SearchOptions } from './search-options.js';

/** Transcripts, and matches within one, read per query: what bounds memory, whatever the match count. */
export const ALL_HITS_PAGE = 500;

interface DocumentRow {
  id: number | string;
  call_id: string;
  started_at: unknown;
}

/**
 * Every hit of a search, streamed: each matching sentence exactly once, newest call first
 * (call start, then call id), a call's sentences in transcript order. Unlike
 * `searchTranscripts` nothing is ranked across calls (`score` is still each sentence's
 * relevance), so there is no ranking window and memory stays flat: transcripts are walked a page
 * at a time and each transcript's matches read a page at a time. With `perCall`, each call's
 * best sentence. `limit` and `rankWindow` are ignored. (`search --all`, docs/search.md.)
 *
 * @example
 * for await (const hit of searchAllTranscripts(store, '"SOC 2"', { affiliation: 'external' })) console.log(hit.callId, hit.snippet);
 * @throws ConfigError (bad query syntax or options, one line); StoreError (the database failed)
 */
export async function* searchAllTranscripts(store: GongStore, query: string, options: SearchOptions = {}): AsyncGenerator<SearchHit> {
  const ast = parseSearchQuery(query);
  const resolved = resolveSearchOptions({ ...options, limit: undefined, rankWindow: undefined });
  const dialect = searchDialectOf(store);
  const terms = positiveTerms(ast);
  let buffer: RankedSentence[] = [];
  let cursor: { startedAt: unknown; callId: string } | undefined;
  for (;;) {
    const documents = await storeFailure(() => documentPage(store, resolved.since, resolved.until, resolved.callId, cursor));
    for (const document of documents) {
      let after: number | undefined;
      for (;;) {
        const page = await storeFailure(() => dialect.documentMatches(store, ast, resolved, Number(document.id), after, ALL_HITS_PAGE));
        buffer.push(...page);
        if (buffer.length >= HIT_PAGE) {
          const ranked = buffer;
          buffer = [];
          yield* await storeFailure(() => readHits(store, ranked, terms, resolved.markers));
        }
        if (resolved.perCall || page.length < ALL_HITS_PAGE) break;
        after = page[page.length - 1]!.sid;
      }
    }
    if (documents.length < ALL_HITS_PAGE) break;
    const last = documents[documents.length - 1]!;
    cursor = { startedAt: last.started_at, callId: last.call_id };
  }
  if (buffer.length > 0) yield* await storeFailure(() => readHits(store, buffer, terms, resolved.markers));
}

/** The connection's indexed transcripts after `cursor`, newest call first; the date filters apply here already. */
async function documentPage(
  store: GongStore,
  since: string | undefined,
  until: string | undefined,
  callId: string | undefined,
  cursor: { startedAt: unknown; callId: string } | undefined,
): Promise<DocumentRow[]> {
  const conditions = [sql`connection_id = ${store.connectionId}`, sql`started_at IS NOT NULL`];
  if (since !== undefined) conditions.push(sql`started_at >= ${since}`);
  if (until !== undefined) conditions.push(sql`started_at < ${until}`);
  if (callId !== undefined) conditions.push(sql`call_id = ${callId}`);
  if (cursor !== undefined) {
    conditions.push(sql`(started_at < ${cursor.startedAt} OR (started_at = ${cursor.startedAt} AND call_id > ${cursor.callId}))`);
  }
  const { rows } = await sql<DocumentRow>`
    SELECT id, call_id, started_at FROM gong_search_documents
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY started_at DESC, call_id
    LIMIT ${ALL_HITS_PAGE}`.execute(store.scoped);
  return rows;
}

/**
 * The database failing, said in one line (the compilers only ever emit valid syntax).
 *
 * @example const ranked = await storeFailure(() => dialect.rank(store, ast, options, undefined));
 */
export async function storeFailure<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GongError) throw error;
    throw new StoreError(`search failed in the database: ${(error as Error).message}`, error);
  }
}
