/**
 * Ranking on SQLite: FTS5 finds the matching sentences and hands them over newest first (its
 * rowid order, which is the document order), the filters run on each, and the newest
 * `rankWindow` that pass are scored with `bm25()` and sorted by score, then by call date.
 * Scoring is the expensive step (a `%_docsize` lookup per row; measured ~250 ms to score all
 * 389,000 matches of "the"), so bounding it is what keeps a common word under the latency
 * target (docs/search.md, "Ranking"). With `perCall`, each call keeps its best sentence only.
 */
import { sql, type RawBuilder } from 'kysely';
import type { GongStore } from '../../store/gong-store.js';
import { toFts5Match } from './compile-fts5.js';
import type { QueryNode } from '../query-ast.js';
import type { PagedSentence, RankedSentence } from '../ranked-sentence.js';
import { filterConditions, needsSpeaker } from '../search-filters.js';
import type { ResolvedSearchOptions } from '../search-options.js';

/** `needle` (already lower-cased) occurs in `haystack`, ignoring case. */
export function containsSqlite(haystack: RawBuilder<unknown>, needle: string): RawBuilder<boolean> {
  return sql<boolean>`instr(lower(${haystack}), ${needle}) > 0`;
}

interface Row {
  call_id: string;
  monologue_index: number;
  sentence_index: number;
  speaker_id: string | null;
  score: number;
}

/** @example await rankSqlite(store, parseSearchQuery('pricing'), resolveSearchOptions({}), undefined) */
export async function rankSqlite(store: GongStore, query: QueryNode, options: ResolvedSearchOptions, documentId: number | undefined): Promise<RankedSentence[]> {
  const conditions = [
    sql`gong_search_sentences MATCH ${toFts5Match(query)}`,
    sql`d.connection_id = ${store.connectionId}`,
    sql`d.started_at IS NOT NULL`,
    ...filterConditions(containsSqlite, store.scoped, options, sql`mo.speaker_id`, 'probe'),
  ];
  if (documentId !== undefined) {
    // A rowid range FTS5 can seek to, not a filter on every match of the word.
    conditions.push(sql`d.id = ${documentId}`);
    conditions.push(sql`gong_search_sentences.rowid BETWEEN (${documentId} << 32) AND (${documentId} << 32) + 4294967295`);
  }
  const monologue = needsSpeaker(options)
    ? sql`JOIN gong_search_monologues AS mo ON mo.id = ((gong_search_sentences.rowid >> 14) << 14)`
    : sql``;
  const { rows } = await sql<Row>`
    WITH candidates AS (
      SELECT gong_search_sentences.rowid AS sid, bm25(gong_search_sentences) AS bm25, d.call_id AS call_id, d.started_at AS started_at
      FROM gong_search_sentences
      JOIN gong_search_documents AS d ON d.id = (gong_search_sentences.rowid >> 32)
      ${monologue}
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY gong_search_sentences.rowid DESC
      LIMIT ${options.rankWindow}
    ),
    top AS (
      SELECT sid, bm25, call_id, started_at FROM ${options.perCall ? sql`(
        SELECT sid, bm25, call_id, started_at, row_number() OVER (PARTITION BY call_id ORDER BY bm25, sid) AS nth FROM candidates
      ) WHERE nth = 1` : sql`candidates`}
      ORDER BY bm25, started_at DESC, call_id, sid
      LIMIT ${options.limit}
    )
    SELECT top.call_id AS call_id, (top.sid >> 14) & 262143 AS monologue_index, top.sid & 16383 AS sentence_index,
      m.speaker_id AS speaker_id, -top.bm25 AS score
    FROM top LEFT JOIN gong_search_monologues AS m ON m.id = ((top.sid >> 14) << 14)
    ORDER BY top.bm25, top.started_at DESC, top.call_id, top.sid`.execute(store.scoped);
  return rows.map((r) => ({
    callId: r.call_id,
    monologueIndex: Number(r.monologue_index),
    sentenceIndex: Number(r.sentence_index),
    speakerId: r.speaker_id === null ? null : String(r.speaker_id),
    score: Number(r.score),
  }));
}

/**
 * The matches of one transcript that pass the filters, in transcript order after sentence id
 * `after` (the whole transcript when undefined), at most `limit`; with `perCall`, only its best
 * one. FTS5 seeks to the transcript's rowid range, so a page costs what it returns (`--all`).
 *
 * @example await documentMatchesSqlite(store, parseSearchQuery('pricing'), resolveSearchOptions({}), 12, undefined, 500)
 */
export async function documentMatchesSqlite(
  store: GongStore,
  query: QueryNode,
  options: ResolvedSearchOptions,
  documentId: number,
  after: number | undefined,
  limit: number,
): Promise<PagedSentence[]> {
  const first = after === undefined ? sql`(${documentId} << 32)` : sql`${after + 1}`;
  const conditions = [
    sql`gong_search_sentences MATCH ${toFts5Match(query)}`,
    sql`d.connection_id = ${store.connectionId}`,
    sql`d.started_at IS NOT NULL`,
    sql`d.id = ${documentId}`,
    sql`gong_search_sentences.rowid BETWEEN ${first} AND (${documentId} << 32) + 4294967295`,
    ...filterConditions(containsSqlite, store.scoped, options, sql`mo.speaker_id`, 'probe'),
  ];
  const { rows } = await sql<Row & { sid: number }>`
    SELECT gong_search_sentences.rowid AS sid, d.call_id AS call_id, (gong_search_sentences.rowid >> 14) & 262143 AS monologue_index,
      gong_search_sentences.rowid & 16383 AS sentence_index, mo.speaker_id AS speaker_id, -bm25(gong_search_sentences) AS score
    FROM gong_search_sentences
    JOIN gong_search_documents AS d ON d.id = (gong_search_sentences.rowid >> 32)
    LEFT JOIN gong_search_monologues AS mo ON mo.id = ((gong_search_sentences.rowid >> 14) << 14)
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${options.perCall ? sql`bm25(gong_search_sentences), gong_search_sentences.rowid` : sql`gong_search_sentences.rowid`}
    LIMIT ${options.perCall ? 1 : limit}`.execute(store.scoped);
  return rows.map((r) => ({
    sid: Number(r.sid),
    callId: r.call_id,
    monologueIndex: Number(r.monologue_index),
    sentenceIndex: Number(r.sentence_index),
    speakerId: r.speaker_id === null ? null : String(r.speaker_id),
    score: Number(r.score),
  }));
}
