/**
 * A parsed query → the text of an SQLite FTS5 `MATCH` (https://sqlite.org/fts5.html#full_text_query_syntax).
 * Every term becomes one FTS5 string in double quotes (inner quotes doubled), so what the user
 * typed is only ever text: `NEAR(`, `col:`, `^`, `AND`/`OR`/`NOT` inside a term, `*` inside a
 * word are tokenized as text by FTS5 rather than read as syntax. The tokenizer splits a string
 * into words exactly as it did when indexing, so "sign-on" matches the phrase "sign on".
 * The result is bound as a parameter, never spliced into SQL.
 */
import type { QueryNode, TermNode } from '../query-ast.js';

interface Compiled {
  text: string;
  /** Safe to combine without parentheses. */
  atomic: boolean;
}

/**
 * @example toFts5Match(parseSearchQuery('(SAML OR "single sign-on") -azure'))
 * // '("SAML" OR "single sign-on") NOT "azure"'
 */
export function toFts5Match(node: QueryNode): string {
  return compile(node).text;
}

function compile(node: QueryNode): Compiled {
  switch (node.kind) {
    case 'term':
      return { text: fts5String(node), atomic: true };
    case 'not':
      // Only reached through `and` (the parser refuses a NOT anywhere else).
      return compile(node.child);
    case 'or':
      return { text: node.children.map((c) => wrap(compile(c))).join(' OR '), atomic: false };
    case 'and': {
      const positives = node.children.filter((c) => c.kind !== 'not').map(compile);
      const negatives = node.children.filter((c) => c.kind === 'not').map(compile);
      let out: Compiled = positives.length === 1 ? positives[0]! : { text: positives.map(wrap).join(' AND '), atomic: false };
      // FTS5's NOT is binary (`a NOT b`): each exclusion applies to everything before it.
      for (const negative of negatives) out = { text: `${wrap(out)} NOT ${wrap(negative)}`, atomic: false };
      return out;
    }
  }
}

function wrap(compiled: Compiled): string {
  return compiled.atomic ? compiled.text : `(${compiled.text})`;
}

/** `"text"` with inner quotes doubled; ` *` marks the last word as a prefix. */
function fts5String(term: TermNode): string {
  return `"${term.text.replace(/"/g, '""')}"${term.prefix ? ' *' : ''}`;
}
