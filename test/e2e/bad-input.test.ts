import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSecretKey } from '../../src/connections/secret-key.js';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../support/run-cli.js';

/**
 * Bad input for every command of the built CLI (RELIABILITY.md, "Bad input"): each case must give
 * exactly one line on stderr, prefixed `pandora-gong: `, that says what is wrong; a non-zero exit
 * (2 for usage and configuration); nothing on stdout; never a stack trace; and no change to any
 * file it was pointed at. We run as root, so an unwritable path is one under a regular file
 * (`/etc/hostname/x.db`): permissions would not stop us.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEY = generateSecretKey();
const BAD_KEY = 'c2hvcnQta2V5LW5vdC0zMi1ieXRlcw';
/** Nothing listens on port 1: commands that must refuse before connecting fail loudly if they try. */
const NO_PG = 'postgres://nobody@127.0.0.1:1/pandora';
const CREDS = { GONG_API_KEY: 'AKIA-bad-input:bad-input-secret', GONG_BASE_URL: 'http://127.0.0.1:1' };

let dir: string;
let db: string;
let filesBefore: Map<string, string>;

beforeAll(async () => {
  dir = join(tmpdir(), `pgong-bad-input-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'a-directory'), { recursive: true });
  // `--db package.json` in a directory of its own: the real file, copied, must come out untouched.
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  db = join(dir, 'store.db');
  await (await openStore(db)).close();
  const bytes = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + (i >> 3)) % 256));
  writeFileSync(join(dir, 'binary.csv'), bytes(3000, 1));
  writeFileSync(join(dir, 'workbook.xlsx'), Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000', 'latin1'), bytes(2000, 2)]));
  writeFileSync(join(dir, 'empty.csv'), '');
  writeFileSync(join(dir, 'blank.csv'), '\ufeff \n\n');
  writeFileSync(join(dir, 'object.json'), '{"accounts": "none here"}');
  writeFileSync(join(dir, 'scalar.json'), '"accounts.csv"');
  writeFileSync(join(dir, 'numbers.json'), '[1, 2, 3]');
  writeFileSync(join(dir, 'empty-array.json'), '[]');
  writeFileSync(join(dir, 'prose.csv'), 'Dear team, please find attached the accounts.\n');
  writeFileSync(join(dir, 'nul.csv'), 'Id,Name\n001A,Ac\u0000me\n');
  filesBefore = filesOf(dir);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  args: string[];
  /** What the one line must say. */
  says: RegExp;
  code?: number;
  env?: Record<string, string>;
  input?: string;
  /** Text the output must not echo (a key given in the environment). */
  secret?: string;
}

const cases: Case[] = [
  // The program and its parser.
  { args: ['frobnicate'], says: /unknown command 'frobnicate'/ },
  { args: ['statuss'], says: /unknown command 'statuss' \(Did you mean status\?\)/ },
  { args: ['--bogus'], says: /unknown option '--bogus'/ },
  { args: ['sync', '--sinse', '30d'], says: /unknown option '--sinse' \(Did you mean --since\?\) \(run with --help for usage\)\n$/ },
  { args: ['status', '--json', 'extra'], says: /too many arguments for 'status'/ },

  // sync: flags, then credentials, then the database.
  { args: ['sync', '--bogus'], says: /unknown option '--bogus'/, env: CREDS },
  { args: ['sync', '--since', '2026-02-30'], says: /--since "2026-02-30" is not a date/, env: CREDS },
  { args: ['sync', '--since', 'yesterday'], says: /--since "yesterday" is not a date/, env: CREDS },
  { args: ['sync', '--until', '2026-09-01T25:00:00Z'], says: /--until "2026-09-01T25:00:00Z" is not a date/, env: CREDS },
  { args: ['sync', '--since', '2026-09-02', '--until', '2026-09-01'], says: /--since must be before --until/, env: CREDS },
  { args: ['sync', '--since', '2026-09-01', '--until', '2026-09-01'], says: /--since must be before --until/, env: CREDS },
  { args: ['sync', '--since', '99999999d'], says: /--since "99999999d" reaches back before the year 0000/, env: CREDS },
  { args: ['sync', '--since', '999999999d'], says: /--since "999999999d" reaches back before the year 0000/, env: CREDS },
  { args: ['sync', '--streams', 'calls,meetings'], says: /--streams "meetings" is not one of users, calls, transcripts/, env: CREDS },
  { args: ['sync', '--streams', ','], says: /--streams is empty/, env: CREDS },
  { args: ['sync', '--lookback', 'three days'], says: /--lookback "three days" is not a duration/, env: CREDS },
  { args: ['sync', '--rate', 'fast'], says: /rate limit "fast" is not understood/, env: CREDS },
  { args: ['sync', '--daily-budget', 'abc'], says: /--daily-budget "abc" is not a positive whole number/, env: CREDS },
  { args: ['sync', '--daily-budget', '0'], says: /--daily-budget "0" is not a positive whole number/, env: CREDS },
  { args: ['sync', '--max-wait', 'forever'], says: /--max-wait "forever" is not a duration/, env: CREDS },
  { args: ['sync', '--timeout', '30d'], says: /request timeout .* must be at most 2147483647 ms/, env: CREDS },
  { args: ['sync', '--base-url', 'ftp://gong.example'], says: /--base-url \/ GONG_BASE_URL must be an http\(s\) URL/, env: CREDS },
  { args: ['sync', '--base-url', 'not a url'], says: /--base-url \/ GONG_BASE_URL is not a URL/, env: CREDS },
  { args: ['sync'], says: /PANDORA_GONG_JSON="maybe" is not a boolean/, env: { ...CREDS, PANDORA_GONG_JSON: 'maybe' } },
  { args: ['sync'], says: /No Gong credentials in the environment/ },
  { args: ['sync'], says: /GONG_API_KEY is malformed \(no colon found\)/, env: { GONG_API_KEY: 'AKIA-no-colon-secret' }, secret: 'AKIA-no-colon-secret' },
  { args: ['sync'], says: /GONG_ACCESS_KEY is set but GONG_ACCESS_KEY_SECRET is missing/, env: { GONG_ACCESS_KEY: 'AKIA-half' } },
  { args: ['sync', '--db', '/etc/hostname/x.db'], says: /cannot create database \/etc\/hostname\/x\.db: ENOTDIR/, env: CREDS },
  { args: ['sync', '--db', 'no-such-dir/x.db'], says: /directory .*no-such-dir does not exist/, env: CREDS },
  { args: ['sync', '--db', 'a-directory'], says: /cannot open database .*a-directory: it is a directory/, env: CREDS },
  { args: ['sync', '--db', 'package.json'], says: /cannot open database .*package\.json: file is not a database/, env: CREDS },
  { args: ['sync', '--db', ''], says: /the database location is empty/, env: CREDS },

  // status, transcript, export.
  { args: ['status', '--bogus'], says: /unknown option '--bogus'/ },
  { args: ['status', '--db', 'package.json'], says: /file is not a database/ },
  { args: ['status', '--db', '/etc/hostname/x.db'], says: /no database at \/etc\/hostname\/x\.db: run `npx pandora-gong sync` first/ },
  { args: ['status', '--db', 'a-directory'], says: /it is a directory/ },
  { args: ['transcript'], says: /missing required argument 'callId'/ },
  { args: ['transcript', '123', '--format', 'pdf'], says: /--format "pdf" is not one of text, markdown, json/ },
  { args: ['transcript', '123', '--db', 'package.json'], says: /file is not a database/ },
  { args: ['transcript', '123', '456'], says: /too many arguments for 'transcript'/ },
  { args: ['transcript', '123', '--db', 'store.db'], says: /call 123 is not in the database/, code: 1 },
  { args: ['export'], says: /missing required argument 'stream'/ },
  { args: ['export', 'meetings', '--db', 'store.db'], says: /unknown stream "meetings": expected one of users, calls/ },
  { args: ['export', 'calls', '--format', 'xml', '--db', 'store.db'], says: /--format "xml" is not one of jsonl, csv/ },
  { args: ['export', 'calls', '--db', 'package.json'], says: /file is not a database/ },

  // search: syntax, filters, numbers.
  { args: ['search'], says: /missing required argument 'query'/ },
  { args: ['search', '"SOC 2', '--db', 'store.db'], says: /search query: unbalanced quote/ },
  { args: ['search', '(pricing OR discount', '--db', 'store.db'], says: /search query: missing "\)"/ },
  { args: ['search', 'pricing AND', '--db', 'store.db'], says: /search query: AND needs something to look for on both sides/ },
  { args: ['search', 'NOT', '--db', 'store.db'], says: /search query: NOT/ },
  { args: ['search', 'pr*', '--db', 'store.db'], says: /search query: prefix search needs at least 3 letters/ },
  { args: ['search', '()', '--db', 'store.db'], says: /search query: empty \( \)/ },
  { args: ['search', '   ', '--db', 'store.db'], says: /search query: it is empty/ },
  { args: ['search', 'pricing', '--limit', 'abc', '--db', 'store.db'], says: /--limit "abc" is not a positive whole number/ },
  { args: ['search', 'pricing', '--limit', '0', '--db', 'store.db'], says: /--limit "0" is not a positive whole number/ },
  { args: ['search', 'pricing', '--limit', '1e3', '--db', 'store.db'], says: /--limit "1e3" is not a positive whole number/ },
  { args: ['search', 'pricing', '--all', '--limit', '100000', '--db', 'store.db'], says: /give either --limit N or --all, not both/ },
  { args: ['search', 'pricing', '--since', '2026-13-01', '--db', 'store.db'], says: /--since "2026-13-01" is not a date/ },
  { args: ['search', 'pricing', '--since', '999999999d', '--db', 'store.db'], says: /reaches back before the year 0000/ },
  { args: ['search', 'pricing', '--since', '2026-10-01', '--until', '2026-09-01', '--db', 'store.db'], says: /--since must be before --until/ },
  { args: ['search', 'pricing', '--affiliation', 'martian', '--db', 'store.db'], says: /--affiliation "martian" is not one of/ },
  { args: ['search', 'pricing', '--limt', '3', '--db', 'store.db'], says: /unknown option --limt/ },
  { args: ['search', 'pricing', '--db', 'package.json'], says: /file is not a database/ },

  // crm import: files that are not CSV or JSON exports, and the flags.
  { args: ['crm', 'import'], says: /missing required argument 'files'/ },
  { args: ['crm', 'imprt', 'x.csv'], says: /unknown command 'imprt' \(Did you mean import\?\)/ },
  { args: ['crm', 'import', 'no-such.csv', '--db', 'store.db'], says: /cannot read no-such\.csv: no such file/ },
  { args: ['crm', 'import', 'a-directory', '--db', 'store.db'], says: /cannot read a-directory: it is a directory/ },
  { args: ['crm', 'import', 'binary.csv', '--db', 'store.db'], says: /binary\.csv is not a text file/ },
  { args: ['crm', 'import', 'nul.csv', '--db', 'store.db'], says: /nul\.csv is not a text file/ },
  { args: ['crm', 'import', 'workbook.xlsx', '--db', 'store.db'], says: /workbook\.xlsx is a zip archive \(an Excel \.xlsx workbook\?\): save or export it as CSV/ },
  { args: ['crm', 'import', 'empty.csv', '--db', 'store.db'], says: /empty\.csv is empty/ },
  { args: ['crm', 'import', 'blank.csv', '--db', 'store.db'], says: /blank\.csv is empty/ },
  { args: ['crm', 'import', 'object.json', '--db', 'store.db'], says: /object\.json: cannot tell accounts, contacts or deals/ },
  { args: ['crm', 'import', 'scalar.json', '--db', 'store.db'], says: /scalar\.json is not a JSON file this importer can use: the JSON holds a single value, not records/ },
  { args: ['crm', 'import', 'numbers.json', '--db', 'store.db'], says: /numbers\.json has no header row/ },
  { args: ['crm', 'import', 'empty-array.json', '--db', 'store.db'], says: /empty-array\.json has no header row/ },
  { args: ['crm', 'import', 'prose.csv', '--db', 'store.db'], says: /prose\.csv: cannot tell accounts, contacts or deals from its columns/ },
  { args: ['crm', 'import', 'prose.csv', '--kind', 'planets', '--db', 'store.db'], says: /--kind "planets" is not one of accounts, contacts, deals, deal-contacts/ },
  { args: ['crm', 'import', 'prose.csv', '--db', 'package.json'], says: /file is not a database/ },

  // link and calls.
  { args: ['link', '--bogus'], says: /unknown option '--bogus'/ },
  { args: ['link', '--db', 'package.json'], says: /file is not a database/ },
  { args: ['link', '--db', '/etc/hostname/x.db'], says: /no database at \/etc\/hostname\/x\.db/ },
  { args: ['calls', '--db', 'store.db'], says: /give either --account NAME\|ID or --deal ID/ },
  { args: ['calls', '--account', 'Acme', '--deal', '006A', '--db', 'store.db'], says: /give either --account NAME\|ID or --deal ID/ },
  { args: ['calls', '--account', 'Acme', '--limit', 'abc', '--db', 'store.db'], says: /--limit "abc" is not a positive whole number/ },
  { args: ['calls', '--account', 'Acme', '--limit', '0', '--db', 'store.db'], says: /--limit "0" is not a positive whole number/ },
  { args: ['calls', '--account', 'Acme', '--since', 'last week', '--db', 'store.db'], says: /--since "last week" is not a date/ },
  { args: ['calls', '--account', 'Acme', '--since', '2026-10-01', '--until', '2026-09-01', '--db', 'store.db'], says: /--since must be before --until/ },
  { args: ['calls', '--account', 'Acme', '--db', 'a-directory'], says: /it is a directory/ },
  { args: ['calls', '--account', 'Acme', '--db', 'store.db'], says: /no CRM accounts in the database/, code: 1 },

  // simulate and demo.
  { args: ['simulate', '--port', 'abc'], says: /--port "abc" is not a non-negative whole number/ },
  { args: ['simulate', '--port', '99999'], says: /cannot start the simulator: .*port/ },
  { args: ['simulate', '--faults', 'boom=1'], says: /cannot start the simulator: fault spec: unknown fault "boom"/ },
  { args: ['simulate', '--calls', '-1'], says: /--calls "-1" is not a non-negative whole number/ },
  { args: ['simulate', '--now', 'notadate'], says: /--now "notadate" is not a date/ },
  { args: ['simulate', '--rate-limit', 'abc'], says: /--rate-limit "abc" is not a positive whole number/ },
  { args: ['simulate', '--latency', 'forever'], says: /--latency "forever" is not a duration/ },
  // The simulator is already listening when the export fails: it must be closed, or the process never exits.
  { args: ['simulate', '--calls', '20', '--export-crm', '/etc/hostname/crm'], says: /cannot write the CRM export into \/etc\/hostname\/crm: ENOTDIR/ },
  { args: ['demo', '--calls', 'abc'], says: /--calls "abc" is not a positive whole number/ },
  { args: ['demo', '--calls', '0'], says: /--calls "0" is not a positive whole number/ },
  { args: ['demo', '--bogus'], says: /unknown option '--bogus'/ },
  { args: ['demo', '--db', 'package.json'], says: /refusing to overwrite .*package\.json: it is not a demo database/ },
  { args: ['demo', '--db', 'store.db'], says: /refusing to overwrite .*store\.db: it is not a demo database/ },

  // connections: everything is checked before PostgreSQL is reached (NO_PG would refuse).
  { args: ['connections', 'add', 'acme', '--db', NO_PG], says: /PANDORA_GONG_SECRET_KEY is not set/, env: CREDS },
  { args: ['connections', 'add', 'acme', '--db', NO_PG], says: /PANDORA_GONG_SECRET_KEY must be 32 random bytes .* decodes to 22 bytes/, env: { ...CREDS, PANDORA_GONG_SECRET_KEY: BAD_KEY }, secret: BAD_KEY },
  { args: ['connections', 'add', 'acme', '--db', NO_PG], says: /PANDORA_GONG_SECRET_KEY must be 32 random bytes .* is neither/, env: { ...CREDS, PANDORA_GONG_SECRET_KEY: `${KEY}!` }, secret: KEY },
  { args: ['connections', 'add', 'acme', '--db', 'store.db'], says: /connections add needs PostgreSQL/, env: { ...CREDS, PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['connections', 'add', 'acme', '--db', NO_PG], says: /No Gong credentials in the environment/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['connections', 'add', 'acme', '--db', NO_PG], says: /GONG_API_KEY is malformed \(it contains whitespace\)/, env: { PANDORA_GONG_SECRET_KEY: KEY, GONG_API_KEY: 'AKIA-x: spaced-secret' }, secret: 'spaced-secret' },
  { args: ['connections', 'add', 'bad name!', '--db', NO_PG], says: /connection name "bad name!" is not valid/, env: { ...CREDS, PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['connections', 'add', 'acme', '--every', '1s', '--db', NO_PG], says: /--every must be at least 10s/, env: { ...CREDS, PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['connections', 'add', 'acme', '--since', 'nope', '--db', NO_PG], says: /--since "nope" is not a date/, env: { ...CREDS, PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['connections', 'add', 'acme', '--daily-budget', 'lots', '--db', NO_PG], says: /--daily-budget "lots" is not a positive whole number/, env: { ...CREDS, PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['connections', 'add', 'acme', '--token-url', 'https://x.example', '--db', NO_PG], says: /--token-url applies to --oauth connections only/, env: { ...CREDS, PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['connections', 'add', 'acme', '--oauth', '--db', NO_PG], says: /OAuth connection: the clientId is missing/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['connections', 'add', 'acme', '--credentials-stdin', '--db', NO_PG], says: /standard input is empty/, env: { PANDORA_GONG_SECRET_KEY: KEY }, input: '' },
  { args: ['connections', 'add', 'acme', '--credentials-stdin', '--db', NO_PG], says: /starts with "\{" but is not valid JSON/, env: { PANDORA_GONG_SECRET_KEY: KEY }, input: '{"accessKey": "AKIA-x", "accessKeySecret": "json-secret-xyz"', secret: 'json-secret-xyz' },
  { args: ['connections', 'add', 'acme', '--api-key', 'AKIA-x:argv-secret', '--db', NO_PG], says: /unknown option '--api-key'/, env: { PANDORA_GONG_SECRET_KEY: KEY }, secret: 'argv-secret' },
  { args: ['connections', 'list', '--db', 'store.db'], says: /connections list needs PostgreSQL/ },
  { args: ['connections', 'list', '--bogus'], says: /unknown option '--bogus'/ },
  { args: ['connections', 'sync', '--db', NO_PG], says: /give the connections to sync, or --all/ },
  { args: ['connections', 'sync', 'acme', '--all', '--db', NO_PG], says: /give connection names or --all, not both/ },
  { args: ['connections', 'remove', '--db', NO_PG], says: /missing required argument 'name'/ },
  { args: ['connections', 'remove', 'acme', '--db', 'store.db'], says: /connections remove needs PostgreSQL/ },
  { args: ['connections', 'frob'], says: /unknown command 'frob'/ },

  // mcp: a database that exists with the current schema, an address only with a port, a token off loopback.
  { args: ['mcp', '--db', 'missing.db'], says: /no database at .*missing\.db: run `npx pandora-gong sync` first/ },
  { args: ['mcp', '--db', 'package.json'], says: /has no schema or an older one/ },
  { args: ['mcp', '--db', NO_PG], says: /cannot connect to PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/pandora/ },
  { args: ['mcp', '--db', 'store.db', '--http', 'abc'], says: /--http "abc" is not a non-negative whole number/ },
  { args: ['mcp', '--db', 'store.db', '--http', '70000'], says: /--http 70000 is not a port/ },
  { args: ['mcp', '--db', 'store.db', '--host', '0.0.0.0'], says: /--host needs --http PORT/ },
  { args: ['mcp', '--db', 'store.db', '--http', '0', '--host', '0.0.0.0'], says: /--host 0\.0\.0\.0 lets other machines connect: set PANDORA_GONG_MCP_TOKEN/ },
  { args: ['mcp', '--db', 'store.db', '--http', '0', '--host', '10.1.2.3'], says: /set PANDORA_GONG_MCP_TOKEN/, env: { PANDORA_GONG_MCP_TOKEN: '' } },

  // worker: every setting in range before it connects.
  { args: ['worker', '--db', NO_PG], says: /PANDORA_GONG_SECRET_KEY is not set/ },
  { args: ['worker', '--db', NO_PG], says: /PANDORA_GONG_SECRET_KEY must be 32 random bytes/, env: { PANDORA_GONG_SECRET_KEY: BAD_KEY }, secret: BAD_KEY },
  { args: ['worker', '--db', 'store.db'], says: /worker needs PostgreSQL/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--concurrency', 'abc', '--db', NO_PG], says: /--concurrency "abc" is not a positive whole number/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--concurrency', '0', '--db', NO_PG], says: /--concurrency "0" is not a positive whole number/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--concurrency', '99', '--db', NO_PG], says: /--concurrency must be a whole number from 1 to 32/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--poll', '0s', '--db', NO_PG], says: /--poll must be at least 0.5 seconds/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--poll', '30d', '--db', NO_PG], says: /--poll must be .* at most 24 days/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--job-timeout', '2d', '--db', NO_PG], says: /--job-timeout must be at least 5 seconds and under 24 hours/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--retry-limit', '99999999999', '--db', NO_PG], says: /--retry-limit must be a whole number from 0 to 2147483647/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--retry-delay', '99999d', '--db', NO_PG], says: /--retry-delay must be a whole number of seconds/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--shutdown-grace', '30d', '--db', NO_PG], says: /--shutdown-grace must be at most 24 days/, env: { PANDORA_GONG_SECRET_KEY: KEY } },
  { args: ['worker', '--db', NO_PG], says: /PANDORA_GONG_JSON="sometimes" is not a boolean/, env: { PANDORA_GONG_SECRET_KEY: KEY, PANDORA_GONG_JSON: 'sometimes' } },
];

/** The files of the test directory with their bytes: no case may create, change or remove one. */
function filesOf(path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name)).toString('base64'));
  }
  return out;
}

describe('bad input to every command of the built CLI', () => {
  const label = (c: Case) => `${c.args.join(' ') || '(no arguments)'}${c.env ? ` [${Object.keys(c.env).join(' ')}]` : ''}`;

  it.concurrent.each(cases.map((c) => [label(c), c] as const))('%s', async (_label, c) => {
    const result = await runCli(c.args, { cwd: dir, env: c.env, input: c.input, timeoutMs: 30_000 });
    const where = `${label(c)}\n--- stderr ---\n${result.stderr}--- stdout ---\n${result.stdout}`;
    expect(result.signal, where).toBeNull();
    expect(result.code, where).toBe(c.code ?? 2);
    expect(result.stderr, where).toMatch(/^pandora-gong: [^\n]+\n$/);
    expect(result.stderr, where).toMatch(c.says);
    expect(result.stderr, where).not.toMatch(/\n\s+at /);
    expect(result.stdout, where).toBe('');
    if (c.secret) expect(result.stdout + result.stderr, where).not.toContain(c.secret);
  });

  it('left every file it was pointed at as it was: package.json, the database, the CSVs', async () => {
    // The cases above have all finished (concurrent tests run as one group before this one).
    const after = filesOf(dir);
    expect([...after.keys()].sort()).toEqual([...filesBefore.keys()].sort());
    for (const [file, bytes] of filesBefore) expect(after.get(file), file).toBe(bytes);
    expect(readFileSync(join(dir, 'package.json'))).toEqual(readFileSync(join(ROOT, 'package.json')));
    const store = await openStore(db);
    try {
      expect(await store.counts()).toMatchObject({ gong_calls: 0, gong_users: 0 });
      const crm = await sql<{ n: number }>`SELECT count(*) AS n FROM crm_accounts`.execute(store.allTenants);
      expect(Number(crm.rows[0]!.n)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('with no command or no subcommand: the usage on stderr, nothing on stdout, exit 2', async () => {
    for (const args of [[], ['crm'], ['connections'], ['help', 'frobnicate']]) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^Usage: pandora-gong/);
    }
    for (const args of [['--help'], ['crm', '--help'], ['help', 'sync'], ['--version']]) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stderr).toBe('');
    }
  });
});
