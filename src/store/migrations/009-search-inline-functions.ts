import type { Migration } from './column-types.js';
import { SEARCH_DIACRITIC_FOLD, SEARCH_WORD_SEPARATORS } from './003-search.js';

/**
 * PostgreSQL: the functions that turn a sentence into words (`gong_search_fold`,
 * `gong_search_vector`, from `003-search`) made cheaper without changing one vector. Measured on
 * the 1,145,134 sentences of `bench/mcp.mjs`, 35.5 s → 22.4 s, every vector equal to the one
 * before (docs/search.md, "The index"):
 * - no longer `STRICT`: PostgreSQL inlines a SQL function into the statement that calls it only
 *   if the function is not strict or its body is strict too, and a `CASE` is not, so every
 *   sentence paid two SQL-function calls on top of the work itself. Both bodies still give NULL
 *   for NULL;
 * - a sentence made only of ASCII letters, digits, spaces, `,` `?` `!` `'` and full stops that
 *   end a word (92% of them) skips the separator `regexp_replace`: PostgreSQL's parser makes
 *   the same words of it, at the same positions, as of the text with those marks replaced by
 *   spaces (no token of its parser holds them; a full stop does, inside `v2.1` or `U.S`, which is
 *   why one followed by anything but a space takes the full path). Such text has nothing to fold.
 *
 * SQLite registers no such functions, so this migration does nothing on it.
 *
 * Never edit this file once released: a change is a new migration.
 */
export const searchInlineFunctions: Migration = {
  id: '009-search-inline-functions',
  statements: (engine) => (engine === 'sqlite' ? [] : postgresStatements()),
};

/**
 * What makes a sentence need its separators replaced (and maybe folded), as the body of a SQL
 * string literal (its `'` doubled): any other character, or a full stop followed by one.
 */
const NOT_PLAIN_SENTENCE_SQL = String.raw`[^ A-Za-z0-9,?!''.]|\.[^ ]`;

function postgresStatements(): string[] {
  const { from, to } = SEARCH_DIACRITIC_FOLD;
  return [
    `CREATE OR REPLACE FUNCTION gong_search_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
      AS $$ SELECT CASE WHEN value ~ '[^\\u0001-\\u007f]' THEN translate(value, '${from}', '${to}') ELSE value END $$`,
    `CREATE OR REPLACE FUNCTION gong_search_vector(value text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
      AS $$ SELECT to_tsvector('simple'::regconfig, CASE WHEN value !~ '${NOT_PLAIN_SENTENCE_SQL}' THEN value
        ELSE regexp_replace(gong_search_fold(value), '${SEARCH_WORD_SEPARATORS}+', ' ', 'g') END) $$`,
  ];
}
