/**
 * Ranking on PostgreSQL: the GIN index (or, for a very common word, a backward walk of the
 * primary key, which the planner picks from the word's statistics) finds the connection's
 * matching sentences; the filters run on each; the newest `rankWindow` that pass are scored
 * with `ts_rank` and sorted by score, then by call date. Same shape as `rankSqlite`, so both
 * engines bound the same work (docs/search.md, "Ranking"). With `perCall`, each call keeps its
 * best sentence only.
 */
import { sql, type RawBuilder } from 'kysely';
import type { GongStore } from '../../store/gong-store.js';
import { toTsQuery } from './compile-tsquery.js';
import type { QueryNode } from '../query-ast.js';
import type { PagedSentence, RankedSentence } from '../ranked-sentence.js';
import { filterConditions } from '../search-filters.js';
import type { ResolvedSearchOptions } from '../search-options.js';

/** `needle` (already lower-cased) occurs in `haystack`, ignoring case. */
export function containsPostgres(haystack: RawBuilder<unknown>, needle: string): RawBuilder<boolean> {
  return sql<boolean>`strpos(lower(${haystack}), ${needle}) > 0`;
}

interface Row {
  call_id: string;
  monologue_index: string | number;
  sentence_index: string | number;
  speaker_id: string | null;
  score: string | number;
}

/** @example await rankPostgres(store, parseSearchQuery('pricing'), resolveSearchOptions({}), undefined) */
export async function rankPostgres(store: GongStore, query: QueryNode, options: ResolvedSearchOptions, documentId: number | undefined): Promise<RankedSentence[]> {
  // Written out twice rather than shared through a CTE: as a plain expression of a bound
  // parameter the planner folds it to a constant and can weigh the word's frequency.
  const tsQuery = toTsQuery(query);
  const match = sql`to_tsquery('simple'::regconfig, gong_search_fold(${tsQuery}))`;
  const conditions = [
    sql`s.connection_id = ${store.connectionId}`,
    sql`s.tsv @@ ${match}`,
    sql`d.started_at IS NOT NULL`,
    ...filterConditions(containsPostgres, store.scoped, options, sql`s.speaker_id`),
  ];
  if (documentId !== undefined) {
    conditions.push(sql`d.id = ${documentId}::bigint`);
    conditions.push(sql`s.id BETWEEN (${documentId}::bigint << 32) AND (${documentId}::bigint << 32) + 4294967295`);
  }
  const { rows } = await sql<Row>`
    WITH candidates AS (
      SELECT s.id AS sid, s.tsv, s.speaker_id, d.call_id, d.started_at
      FROM gong_search_sentences AS s
      JOIN gong_search_documents AS d ON d.id = (s.id >> 32)
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY s.id DESC
      LIMIT ${options.rankWindow}
    )
    , scored AS (
      SELECT c.call_id, c.sid, c.speaker_id, c.started_at, ts_rank(c.tsv, ${match}) AS score FROM candidates AS c
    )
    SELECT c.call_id, (c.sid >> 14) & 262143 AS monologue_index, c.sid & 16383 AS sentence_index, c.speaker_id, c.score
    FROM ${options.perCall ? sql`(
      SELECT scored.*, row_number() OVER (PARTITION BY call_id ORDER BY score DESC, sid) AS nth FROM scored
    ) AS c WHERE c.nth = 1` : sql`scored AS c`}
    ORDER BY c.score DESC, c.started_at DESC, c.call_id, c.sid
    LIMIT ${options.limit}`.execute(store.scoped);
  return rows.map((r) => ({
    callId: r.call_id,
    monologueIndex: Number(r.monologue_index),
    sentenceIndex: Number(r.sentence_index),
    speakerId: r.speaker_id,
    score: Number(r.score),
  }));
}

/**
 * The matches of one transcript that pass the filters, in transcript order after sentence id
 * `after` (the whole transcript when undefined), at most `limit`; with `perCall`, only its best
 * one. A range of the primary key, so a page costs what the transcript holds (`--all`).
 *
 * @example await documentMatchesPostgres(store, parseSearchQuery('pricing'), resolveSearchOptions({}), 12, undefined, 500)
 */
export async function documentMatchesPostgres(
  store: GongStore,
  query: QueryNode,
  options: ResolvedSearchOptions,
  documentId: number,
  after: number | undefined,
  limit: number,
): Promise<PagedSentence[]> {
  const match = sql`to_tsquery('simple'::regconfig, gong_search_fold(${toTsQuery(query)}))`;
  const first = after === undefined ? sql`(${documentId}::bigint << 32)` : sql`${after + 1}::bigint`;
  const conditions = [
    sql`s.connection_id = ${store.connectionId}`,
    sql`s.tsv @@ ${match}`,
    sql`d.started_at IS NOT NULL`,
    sql`d.id = ${documentId}::bigint`,
    sql`s.id BETWEEN ${first} AND (${documentId}::bigint << 32) + 4294967295`,
    ...filterConditions(containsPostgres, store.scoped, options, sql`s.speaker_id`),
  ];
  const { rows } = await sql<Row & { sid: string | number }>`
    SELECT s.id AS sid, d.call_id, (s.id >> 14) & 262143 AS monologue_index, s.id & 16383 AS sentence_index, s.speaker_id,
      ts_rank(s.tsv, ${match}) AS score
    FROM gong_search_sentences AS s
    JOIN gong_search_documents AS d ON d.id = (s.id >> 32)
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${options.perCall ? sql`score DESC, s.id` : sql`s.id`}
    LIMIT ${options.perCall ? 1 : limit}`.execute(store.scoped);
  return rows.map((r) => ({
    sid: Number(r.sid),
    callId: r.call_id,
    monologueIndex: Number(r.monologue_index),
    sentenceIndex: Number(r.sentence_index),
    speakerId: r.speaker_id,
    score: Number(r.score),
  }));
}
