import type { SearchDialect } from '../search-dialect.js';
import { containsPostgres, documentMatchesPostgres, rankPostgres } from './rank-postgres.js';
import { readSentencesPostgres } from './read-sentences-postgres.js';
import { rebuildSearchIndexPostgres } from './rebuild-search-index-postgres.js';
import { searchIndexStatsPostgres } from './search-index-stats-postgres.js';

/** Search on PostgreSQL: a `tsvector` per sentence with a GIN index. */
export const postgresSearchDialect: SearchDialect = {
  contains: containsPostgres,
  rank: rankPostgres,
  documentMatches: documentMatchesPostgres,
  readSentences: readSentencesPostgres,
  rebuild: rebuildSearchIndexPostgres,
  indexStats: searchIndexStatsPostgres,
};
