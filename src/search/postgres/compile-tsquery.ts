/**
 * A parsed query → the text of a PostgreSQL `to_tsquery('simple', …)`
 * (https://www.postgresql.org/docs/current/datatype-textsearch.html#DATATYPE-TSQUERY).
 *
 * A term is split into words with the same separator class the index used
 * (`SEARCH_WORD_SEPARATORS`), each word becomes a quoted lexeme (`'word'`; quotes and
 * backslashes are separators, and are escaped anyway), words of one term are a phrase (`<->`)
 * and a prefix term marks its last word `:*`. Case and diacritics are folded by the database
 * (`gong_search_fold` and the `simple` dictionary) on both sides, so query and index agree in
 * any locale. The result is bound as a parameter, never spliced into SQL.
 */
import { SEARCH_WORD_SEPARATORS } from '../../store/migrations/003-search.js';
import type { QueryNode, TermNode } from '../query-ast.js';

const SEPARATORS = new RegExp(`${SEARCH_WORD_SEPARATORS}+`, 'gu');

interface Compiled {
  text: string;
  atomic: boolean;
}

/**
 * @example toTsQuery(parseSearchQuery('(SAML OR "single sign-on") -azure'))
 * // "('SAML' | ('single' <-> 'sign' <-> 'on')) & !'azure'"
 */
export function toTsQuery(node: QueryNode): string {
  return compile(node).text;
}

function compile(node: QueryNode): Compiled {
  switch (node.kind) {
    case 'term':
      return tsTerm(node);
    case 'not':
      return { text: `!${wrap(compile(node.child))}`, atomic: true };
    case 'or':
      return { text: node.children.map((c) => wrap(compile(c))).join(' | '), atomic: false };
    case 'and': {
      // Positives first: reads like the FTS5 form, and `!` never leads.
      const ordered = [...node.children.filter((c) => c.kind !== 'not'), ...node.children.filter((c) => c.kind === 'not')];
      return { text: ordered.map((c) => wrap(compile(c))).join(' & '), atomic: false };
    }
  }
}

function wrap(compiled: Compiled): string {
  return compiled.atomic ? compiled.text : `(${compiled.text})`;
}

function tsTerm(term: TermNode): Compiled {
  const words = term.text.split(SEPARATORS).filter((w) => w !== '');
  const lexemes = words.map((w, i) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${term.prefix && i === words.length - 1 ? ':*' : ''}`);
  return { text: lexemes.join(' <-> '), atomic: lexemes.length === 1 };
}
