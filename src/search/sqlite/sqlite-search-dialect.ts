import type { SearchDialect } from '../search-dialect.js';
import { containsSqlite, documentMatchesSqlite, rankSqlite } from './rank-sqlite.js';
import { readSentencesSqlite } from './read-sentences-sqlite.js';
import { rebuildSearchIndexSqlite } from './rebuild-search-index-sqlite.js';
import { searchIndexStatsSqlite } from './search-index-stats-sqlite.js';

/** Search on SQLite: an FTS5 table of sentences keyed under their transcript's document. */
export const sqliteSearchDialect: SearchDialect = {
  contains: containsSqlite,
  rank: rankSqlite,
  documentMatches: documentMatchesSqlite,
  readSentences: readSentencesSqlite,
  rebuild: rebuildSearchIndexSqlite,
  indexStats: searchIndexStatsSqlite,
};
