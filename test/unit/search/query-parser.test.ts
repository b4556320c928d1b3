import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { toFts5Match } from '../../../src/search/sqlite/compile-fts5.js';
import { toTsQuery } from '../../../src/search/postgres/compile-tsquery.js';
import { positiveTerms } from '../../../src/search/query-ast.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery } from '../../../src/search/query-parser.js';

function compile(query: string): [string, string] {
  const ast = parseSearchQuery(query);
  return [toFts5Match(ast), toTsQuery(ast)];
}

describe('query language → FTS5 MATCH and tsquery', () => {
  it.each([
    // words, implicit and explicit AND
    ['pricing', '"pricing"', "'pricing'"],
    ['pricing discount', '"pricing" AND "discount"', "'pricing' & 'discount'"],
    ['pricing AND discount', '"pricing" AND "discount"', "'pricing' & 'discount'"],
    // phrases: words of one term are a phrase in both engines
    ['"SOC 2"', '"SOC 2"', "'SOC' <-> '2'"],
    ['"single sign-on"', '"single sign-on"', "'single' <-> 'sign' <-> 'on'"],
    ['sign-on', '"sign-on"', "'sign' <-> 'on'"],
    ["it's", '"it\'s"', "'it' <-> 's'"],
    // OR, and its precedence below AND
    ['SAML OR okta', '"SAML" OR "okta"', "'SAML' | 'okta'"],
    ['a b OR c', '("a" AND "b") OR "c"', "('a' & 'b') | 'c'"],
    ['(a OR b) c', '("a" OR "b") AND "c"', "('a' | 'b') & 'c'"],
    ['"SOC 2" OR GDPR OR "pen test"', '"SOC 2" OR "GDPR" OR "pen test"', "('SOC' <-> '2') | 'GDPR' | ('pen' <-> 'test')"],
    // prefixes: the last word of the term
    ['integrat*', '"integrat" *', "'integrat':*"],
    ['integrat***', '"integrat" *', "'integrat':*"],
    ['"data resid"*', '"data resid" *', "'data' <-> 'resid':*"],
    ['sign-off*', '"sign-off" *', "'sign' <-> 'off':*"],
    // NOT and -word
    ['discount -annual', '"discount" NOT "annual"', "'discount' & !'annual'"],
    ['discount NOT annual', '"discount" NOT "annual"', "'discount' & !'annual'"],
    ['-annual discount', '"discount" NOT "annual"', "'discount' & !'annual'"],
    ['pricing discount -annual -legal', '(("pricing" AND "discount") NOT "annual") NOT "legal"', "'pricing' & 'discount' & !'annual' & !'legal'"],
    ['pricing -"per seat"', '"pricing" NOT "per seat"', "'pricing' & !('per' <-> 'seat')"],
    ['(SAML OR okta) -azure', '("SAML" OR "okta") NOT "azure"', "('SAML' | 'okta') & !'azure'"],
    ['pricing -(discount OR legal)', '"pricing" NOT ("discount" OR "legal")', "'pricing' & !('discount' | 'legal')"],
    ['pricing -(-discount)', '"pricing" AND "discount"', "'pricing' & 'discount'"],
    ['pre-sales', '"pre-sales"', "'pre' <-> 'sales'"],
    // terms without letters or digits are ignored
    ['pricing - discount', '"pricing" AND "discount"', "'pricing' & 'discount'"],
    ['pricing && discount', '"pricing" AND "discount"', "'pricing' & 'discount'"],
    // lowercase operators are words
    ['terms or conditions', '"terms" AND "or" AND "conditions"', "'terms' & 'or' & 'conditions'"],
    // diacritics and case are left to the engines (both fold them)
    ['Café', '"Café"', "'Café'"],
  ])('%s', (query, fts5, tsquery) => {
    expect(compile(query)).toEqual([fts5, tsquery]);
  });

  it('keeps injection attempts as text', () => {
    const cases: [string, string, string][] = [
      ['x"; DROP TABLE gong_calls; --"', '"x" AND "; DROP TABLE gong_calls; --"', "'x' & ('DROP' <-> 'TABLE' <-> 'gong' <-> 'calls')"],
      ['NEAR(pricing discount)', '"NEAR" AND "pricing" AND "discount"', "'NEAR' & 'pricing' & 'discount'"],
      ['text:pricing', '"text:pricing"', "'text' <-> 'pricing'"],
      ['{text}:pricing', '"{text}:pricing"', "'text' <-> 'pricing'"],
      ['^pricing', '"^pricing"', "'pricing'"],
      ['pric*ing', '"pric*ing"', "'pric' <-> 'ing'"],
      ["o'brien", '"o\'brien"', "'o' <-> 'brien'"],
      ["x' | 'y", '"x\'" AND "\'y"', "'x' & 'y'"],
      ['a\\b', '"a\\b"', "'a' <-> 'b'"],
      ['"NOT" "OR"', '"NOT" AND "OR"', "'NOT' & 'OR'"],
      ['pricing:*', '"pricing:" *', "'pricing':*"],
      ['x & !y | z <-> w', '"x" AND "!y" AND "z" AND "w"', "'x' & 'y' & 'z' & 'w'"],
    ];
    for (const [query, fts5, tsquery] of cases) expect(compile(query), query).toEqual([fts5, tsquery]);
  });

  it('compiles to MATCH text that SQLite FTS5 always accepts', () => {
    // Random strings of syntax characters: each either parses and runs, or is a ConfigError.
    const db = new BetterSqlite3(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`);
    db.prepare('INSERT INTO t (rowid, text) VALUES (1, ?)').run('Our security team will need the SOC 2 report; single sign-on is a must.');
    const match = db.prepare('SELECT rowid FROM t WHERE t MATCH ?');
    const alphabet = ['a', 'soc', '2', '"', '(', ')', '*', '-', ':', '^', '+', ' ', ' ', 'OR', 'AND', 'NOT', 'NEAR', '{', '}', ',', "'", '\\', ';'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let compiled = 0;
    for (let i = 0; i < 3000; i++) {
      const query = Array.from({ length: 1 + Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      let fts5: string;
      try {
        fts5 = toFts5Match(parseSearchQuery(query));
      } catch (error) {
        expect(error, query).toBeInstanceOf(ConfigError);
        continue;
      }
      compiled++;
      expect(() => match.all(fts5), `${query} → ${fts5}`).not.toThrow();
    }
    expect(compiled).toBeGreaterThan(500);
    expect(match.all(toFts5Match(parseSearchQuery('"soc 2" -okta')))).toEqual([{ rowid: 1 }]);
    expect(match.all(toFts5Match(parseSearchQuery('"single sign-on"')))).toEqual([{ rowid: 1 }]);
    expect(match.all(toFts5Match(parseSearchQuery('secur*')))).toEqual([{ rowid: 1 }]);
    db.close();
  });

  it('knows which terms a query looks for (what gets highlighted)', () => {
    const terms = positiveTerms(parseSearchQuery('("SOC 2" OR integrat*) -pricing Café'));
    expect(terms.map((t) => [t.words, t.prefix])).toEqual([
      [['soc', '2'], false],
      [['integrat'], true],
      [['cafe'], false],
    ]);
  });
});

describe('query language errors: one clear line, a ConfigError', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['"SOC 2', /unbalanced quote/],
    ['pricing "SOC 2" "', /unbalanced quote/],
    ['NOT', /NOT \(or -\) needs a word/],
    ['pricing NOT', /NOT \(or -\) needs a word/],
    ['pricing NOT OR x', /NOT \(or -\) needs a word/],
    ['NOT pricing', /only excludes/],
    ['-pricing', /only excludes/],
    ['-pricing -discount', /only excludes/],
    ['pricing OR -discount', /inside OR, group it/],
    ['OR pricing', /OR needs something/],
    ['pricing OR', /OR needs something/],
    ['pricing OR OR discount', /OR needs something/],
    ['AND pricing', /AND needs something/],
    ['pricing AND', /AND needs something/],
    ['(pricing', /missing "\)"/],
    ['pricing)', /unmatched "\)"/],
    ["x') | ('y", /unmatched "\)"/],
    ['()', /empty \( \)/],
    ['*', /prefix search needs at least 3 letters/],
    ['pr*', /prefix search needs at least 3 letters before the \*: "pr\*" is too short/],
    ['"single s"*', /prefix search needs at least 3 letters before the \*: "single s\*" is too short/],
    ['-', /no words to look for/],
    ['&& !!', /no words to look for/],
    ['a'.repeat(MAX_QUERY_LENGTH + 1), /at most 1000 are accepted/],
    [Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`).join(' '), /at most 64 are accepted/],
  ])('%j', (query, message) => {
    let thrown: unknown;
    try {
      parseSearchQuery(query);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const text = (thrown as Error).message;
    expect(text).toMatch(message);
    expect(text).toMatch(/^search query: /);
    expect(text).not.toContain('\n');
  });
});
