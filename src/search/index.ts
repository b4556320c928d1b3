/**
 * Full-text search over transcripts (docs/search.md): the query language, the search itself,
 * and the index's maintenance.
 *
 * @example
 * import { openStore, searchTranscripts } from 'pandora-gong';
 * const hits = await searchTranscripts(await openStore(), '"single sign-on" -okta', { limit: 5 });
 */
export { searchTranscripts } from './search-transcripts.js';
export { searchAllTranscripts } from './search-all-transcripts.js';
export type { SearchHit } from './search-hit.js';
export {
  DEFAULT_RANK_WINDOW,
  DEFAULT_SEARCH_LIMIT,
  SEARCH_AFFILIATIONS,
  type SearchAffiliation,
  type SearchOptions,
} from './search-options.js';
export { parseSearchQuery, MAX_QUERY_LENGTH, MAX_QUERY_TERMS, MIN_PREFIX_LENGTH } from './query-parser.js';
export type { AndNode, NotNode, OrNode, QueryNode, TermNode } from './query-ast.js';
export { toFts5Match } from './sqlite/compile-fts5.js';
export { toTsQuery } from './postgres/compile-tsquery.js';
export { highlightSnippet, DEFAULT_MARKERS, type HighlightMarkers, type SnippetOptions } from './highlight-snippet.js';
export { formatSearchHits } from './format-search-hits.js';
export { gongCallUrlAt, gongCallPage } from './gong-call-link.js';
export { rebuildSearchIndex } from './rebuild-search-index.js';
export { searchIndexStats, type SearchIndexStats } from './search-index-stats.js';
