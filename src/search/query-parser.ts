/**
 * The search query language (docs/search.md):
 *
 *   pricing discount        both words (AND is implied; `AND` may be written)
 *   "single sign-on"        the exact phrase
 *   SAML OR okta            either (`OR` in capitals; AND binds tighter: `a b OR c` = `(a b) OR c`)
 *   integrat*               a word starting with "integrat" (at least 3 letters before the `*`)
 *   pricing -discount       pricing but not discount; `NOT discount` is the same
 *   (SAML OR okta) -azure   parentheses group
 *
 * Words are letters and digits; other characters split words ("sign-on" is the phrase
 * "sign on") and a term with no letter or digit at all is ignored. Matching is
 * case-insensitive and ignores diacritics. Everything that is not this syntax is text to look
 * for: `NEAR(`, `text:foo`, `^`, `;` never reach an engine as syntax. Bad syntax is a
 * `ConfigError` with one line that says what to fix.
 */
import { ConfigError } from '../errors.js';
import type { QueryNode, TermNode } from './query-ast.js';
import { searchWords } from './search-words.js';

/** Longest query accepted, in characters, and most terms: a query is typed, not generated. */
export const MAX_QUERY_LENGTH = 1000;
export const MAX_QUERY_TERMS = 64;
/** Letters a prefix needs before its `*`: shorter prefixes match a large part of every index. */
export const MIN_PREFIX_LENGTH = 3;

type Token =
  | { type: 'term'; text: string; quoted: boolean; prefix: boolean }
  | { type: 'or' | 'and' | 'not' | 'open' | 'close' };

/**
 * Parses a query into its AST.
 *
 * @example
 * parseSearchQuery('"SOC 2" OR GDPR -pricing')
 * // { kind: 'and', children: [{ kind: 'or', … }, { kind: 'not', child: { kind: 'term', text: 'pricing', … } }] }
 * @throws ConfigError on bad syntax, an empty query, or a query that only excludes
 */
export function parseSearchQuery(query: string): QueryNode {
  if (query.length > MAX_QUERY_LENGTH) fail(`it is ${query.length} characters long; at most ${MAX_QUERY_LENGTH} are accepted`);
  const tokens = tokenize(query);
  if (tokens.length === 0) fail('it is empty: give words to look for, e.g. pricing or "SOC 2"');
  const terms = tokens.filter((t) => t.type === 'term').length;
  if (terms > MAX_QUERY_TERMS) fail(`it has ${terms} terms; at most ${MAX_QUERY_TERMS} are accepted`);
  const parser = new Parser(tokens);
  const node = parser.parseOr();
  if (!parser.done()) fail('unmatched ")"');
  if (node === null) fail('it has no words to look for (letters or digits)');
  validate(node);
  return node;
}

function fail(message: string): never {
  throw new ConfigError(`search query: ${message}`);
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/u.test(ch)) {
      i++;
    } else if (ch === '(') {
      tokens.push({ type: 'open' });
      i++;
    } else if (ch === ')') {
      tokens.push({ type: 'close' });
      i++;
    } else if (ch === '"') {
      const end = query.indexOf('"', i + 1);
      if (end < 0) fail('unbalanced quote: a "phrase" needs its closing "');
      let next = end + 1;
      while (query[next] === '*') next++;
      tokens.push({ type: 'term', text: query.slice(i + 1, end), quoted: true, prefix: next > end + 1 });
      i = next;
    } else if (ch === '-' && i + 1 < query.length && !/[\s)]/u.test(query[i + 1]!)) {
      // `-word`, `-"phrase"`, `-(group)`: a minus glued to what follows excludes it.
      tokens.push({ type: 'not' });
      i++;
    } else {
      let end = i;
      while (end < query.length && !/[\s()"]/u.test(query[end]!)) end++;
      const raw = query.slice(i, end);
      i = end;
      if (raw === 'OR') tokens.push({ type: 'or' });
      else if (raw === 'AND') tokens.push({ type: 'and' });
      else if (raw === 'NOT') tokens.push({ type: 'not' });
      else {
        const text = raw.replace(/\*+$/u, '');
        tokens.push({ type: 'term', text, quoted: false, prefix: text.length < raw.length });
      }
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  /** or := and (OR and)* */
  parseOr(): QueryNode | null {
    if (this.peek()?.type === 'or') fail('OR needs something to look for on both sides');
    const children: (QueryNode | null)[] = [this.parseAnd()];
    while (this.peek()?.type === 'or') {
      this.at++;
      const next = this.peek();
      if (!next || next.type === 'or' || next.type === 'close') fail('OR needs something to look for on both sides');
      children.push(this.parseAnd());
    }
    return group('or', children);
  }

  /** and := unary ([AND] unary)* */
  private parseAnd(): QueryNode | null {
    const children: (QueryNode | null)[] = [];
    for (;;) {
      const next = this.peek();
      if (!next || next.type === 'or' || next.type === 'close') break;
      if (next.type === 'and') {
        this.at++;
        const after = this.peek();
        if (children.length === 0 || !after || after.type === 'or' || after.type === 'close' || after.type === 'and') {
          fail('AND needs something to look for on both sides');
        }
        continue;
      }
      children.push(this.parseUnary());
    }
    return group('and', children);
  }

  /** unary := (NOT | -) unary | primary */
  private parseUnary(): QueryNode | null {
    const token = this.peek()!;
    if (token.type === 'not') {
      this.at++;
      const next = this.peek();
      if (!next || next.type === 'or' || next.type === 'and' || next.type === 'close') {
        fail('NOT (or -) needs a word, a "phrase" or a (group) right after it');
      }
      const child = this.parseUnary();
      if (child === null) return null;
      // NOT NOT x is x.
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    return this.parsePrimary();
  }

  /** primary := ( or ) | term */
  private parsePrimary(): QueryNode | null {
    const token = this.tokens[this.at++]!;
    if (token.type === 'open') {
      if (this.peek()?.type === 'close') fail('empty ( )');
      const inner = this.parseOr();
      if (this.peek()?.type !== 'close') fail('missing ")"');
      this.at++;
      return inner;
    }
    if (token.type !== 'term') fail(`unexpected ${token.type.toUpperCase()}`);
    return term(token.text, token.quoted, token.prefix);
  }
}

function term(text: string, quoted: boolean, prefix: boolean): TermNode | null {
  const words = searchWords(text);
  // Punctuation alone ("-", "&&", an emoji) is not something either index holds.
  if (words.length === 0) {
    if (prefix) fail(`prefix search needs at least ${MIN_PREFIX_LENGTH} letters before the *`);
    return null;
  }
  if (prefix && [...words[words.length - 1]!].length < MIN_PREFIX_LENGTH) {
    fail(`prefix search needs at least ${MIN_PREFIX_LENGTH} letters before the *: "${text}*" is too short`);
  }
  return { kind: 'term', text, words, prefix, quoted };
}

/** A group without its ignored parts, flattened into a parent of its own kind, or its only child. */
function group(kind: 'and' | 'or', parts: (QueryNode | null)[]): QueryNode | null {
  const children: QueryNode[] = [];
  for (const part of parts) {
    if (part === null) continue;
    if (part.kind === kind) children.push(...part.children);
    else children.push(part);
  }
  if (children.length === 0) return null;
  if (children.length === 1) return children[0]!;
  return { kind, children };
}

/**
 * Neither engine can list "everything except": FTS5's NOT is binary, and a pure negation would
 * scan the whole index. So a NOT must sit in an AND group that also looks for something.
 */
function validate(node: QueryNode): void {
  const excludesOnly = 'NOT (or -) only excludes: combine it with a word to look for, e.g. pricing -discount';
  switch (node.kind) {
    case 'term':
      return;
    case 'not':
      return fail(excludesOnly);
    case 'or':
      for (const child of node.children) {
        if (child.kind === 'not') fail(`${excludesOnly}; inside OR, group it: (pricing OR discount) -annual`);
        validate(child);
      }
      return;
    case 'and':
      if (node.children.every((c) => c.kind === 'not')) fail(excludesOnly);
      for (const child of node.children) validate(child.kind === 'not' ? child.child : child);
      return;
  }
}
