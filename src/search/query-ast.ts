/**
 * The parsed form of a search query (`parseSearchQuery`), compiled to SQLite FTS5 `MATCH`
 * syntax (`toFts5Match`) and to PostgreSQL `to_tsquery` text (`toTsQuery`). User text only ever
 * reaches an engine inside a term, quoted by the compiler, so it can never become syntax.
 */

/** A word or a "quoted phrase"; `prefix` when it ended in `*` (the last word is a prefix). */
export interface TermNode {
  kind: 'term';
  /** The text as typed, without quotes and without the trailing `*`. */
  text: string;
  /** Its words: runs of letters and digits, lower-cased, diacritics removed (see `searchWords`). */
  words: string[];
  prefix: boolean;
  /** Typed in double quotes. */
  quoted: boolean;
}

/** Every child must match. At least one child is not a `not` (the parser guarantees it). */
export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

/** At least one child must match. No child is a `not`. */
export interface OrNode {
  kind: 'or';
  children: QueryNode[];
}

/** Excludes what `child` matches; only ever a child of an `and` that also finds something. */
export interface NotNode {
  kind: 'not';
  child: QueryNode;
}

export type QueryNode = TermNode | AndNode | OrNode | NotNode;

/** What a query looks for, for highlighting: the terms outside every NOT. */
export function positiveTerms(node: QueryNode): TermNode[] {
  switch (node.kind) {
    case 'term':
      return [node];
    case 'not':
      return [];
    default:
      return node.children.flatMap(positiveTerms);
  }
}
