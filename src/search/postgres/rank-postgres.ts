/**
 * Ranking on PostgreSQL: the GIN index (or, for a very common word, a backward walk of the
 * primary key, which the planner picks from the word's statistics) finds the connection's
 * matching sentences; the filters run on each; those that pass are scored with `ts_rank`, and
 * the newest `rankWindow` of them are sorted by score, then by call date. Same shape as `rankSqlite`, so both
 * engines bound the same work (docs/search.md, "Ranking"). With `perCall`, each call keeps its
 * best sentence only.
 *
 * Two shortcuts keep the same answer with less work (docs/search.md, "Ranking"):
 * - when an account, deal or tracker filter leaves at most `FEW_DOCUMENTS` transcripts, only
 *   their sentences are read, by primary-key range, instead of every match of the words;
 * - the speaker's side (`affiliation`) is read from the document row (migration
 *   `008-search-speaker-sides`) instead of a set of every party of the connection.
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

/**
 * At most this many documents pass the call-level filters (account, deal, tracker): their
 * sentences are then read by primary-key range, document by document, instead of walking every
 * match of the words through the GIN index (`proposal` within an account: 8,400 matches in 6,000
 * heap blocks for 6 hits). A few hundred sentences a document, so a few thousand rows at most.
 */
export const FEW_DOCUMENTS = 32;

/** @example await rankPostgres(store, parseSearchQuery('pricing'), resolveSearchOptions({}), undefined) */
export async function rankPostgres(store: GongStore, query: QueryNode, options: ResolvedSearchOptions, documentId: number | undefined): Promise<RankedSentence[]> {
  // Written out twice rather than shared through a CTE: as a plain expression of a bound
  // parameter the planner folds it to a constant and can weigh the word's frequency.
  // The score is computed as the matches are read, before the newest `rankWindow` are kept:
  // scoring a few thousand more is cheaper than sorting every match's `tsv` along with it (the
  // sort spilled to disk: `renew*` since 90 days 134 → 113 ms, `pricing` 78 → 69 ms).
  const tsQuery = toTsQuery(query);
  const match = sql`to_tsquery('simple'::regconfig, gong_search_fold(${tsQuery}))`;
  const few = documentId === undefined ? await fewDocuments(store, options) : undefined;
  if (few?.length === 0) return [];
  // The few documents were chosen by the call-level filters: only the others remain to check.
  const filters = few === undefined ? options : { ...options, account: undefined, accountId: undefined, dealId: undefined, tracker: undefined };
  const conditions = [
    sql`s.connection_id = ${store.connectionId}`,
    sql`s.tsv @@ ${match}`,
    sql`d.started_at IS NOT NULL`,
    ...filterConditions(containsPostgres, store.scoped, filters, sql`s.speaker_id`),
  ];
  let sentences = sql`gong_search_sentences AS s`;
  if (documentId !== undefined) {
    conditions.push(sql`d.id = ${documentId}::bigint`);
    conditions.push(sql`s.id BETWEEN (${documentId}::bigint << 32) AND (${documentId}::bigint << 32) + 4294967295`);
  } else if (few !== undefined) {
    // Each document's id range, read through the primary key; the conditions are checked on the
    // rows read (`OFFSET 0` keeps the planner from pushing `tsv @@` into the range scan and
    // choosing the GIN index after all, which walks every match of the words).
    sentences = sql`unnest(${few}::bigint[]) AS x(doc)
      CROSS JOIN LATERAL (
        SELECT r.connection_id, r.id, r.speaker_id, r.tsv FROM gong_search_sentences AS r
        WHERE r.connection_id = ${store.connectionId} AND r.id BETWEEN (x.doc << 32) AND (x.doc << 32) + 4294967295
        OFFSET 0
      ) AS s`;
  }
  const { rows } = await sql<Row>`
    WITH scored AS (
      SELECT s.id AS sid, ts_rank(s.tsv, ${match}) AS score, s.speaker_id, d.call_id, d.started_at
      FROM ${sentences}
      JOIN gong_search_documents AS d ON d.id = (s.id >> 32)
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY s.id DESC
      LIMIT ${options.rankWindow}
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
 * The searchable documents that pass the call-level filters, when those filters name an
 * account, deal or tracker and leave at most `FEW_DOCUMENTS`; otherwise undefined (search the
 * index). Dates alone never make it: a date range is usually thousands of calls.
 */
async function fewDocuments(store: GongStore, options: ResolvedSearchOptions): Promise<number[] | undefined> {
  if (options.account === undefined && options.accountId === undefined && options.dealId === undefined && options.tracker === undefined) return undefined;
  // The same conditions, without those on the sentence's speaker.
  const callLevel = filterConditions(containsPostgres, store.scoped, { ...options, speaker: undefined, affiliation: undefined }, sql`NULL`);
  const { rows } = await sql<{ id: string | number }>`
    SELECT d.id FROM gong_search_documents AS d
    WHERE d.connection_id = ${store.connectionId} AND d.started_at IS NOT NULL AND ${sql.join(callLevel, sql` AND `)}
    LIMIT ${FEW_DOCUMENTS + 1}`.execute(store.scoped);
  return rows.length > FEW_DOCUMENTS ? undefined : rows.map((r) => Number(r.id));
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
