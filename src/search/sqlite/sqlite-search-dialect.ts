import type { SearchDialect } from '../search-dialect.js';
import { rankSqlite } from './rank-sqlite.js';
import { readSentencesSqlite } from './read-sentences-sqlite.js';
import { rebuildSearchIndexSqlite } from './rebuild-search-index-sqlite.js';
import { searchIndexStatsSqlite } from './search-index-stats-sqlite.js';

/** Search on SQLite: an FTS5 table of sentences keyed under their transcript's document. */
export const sqliteSearchDialect: SearchDialect = {
  rank: rankSqlite,
  readSentences: readSentencesSqlite,
  rebuild: rebuildSearchIndexSqlite,
  indexStats: searchIndexStatsSqlite,
};
