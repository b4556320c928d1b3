import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import pg from 'pg';
import { ConnectionRepository } from '../../../src/connections/connection-repository.js';
import { OAuthTokenSource } from '../../../src/connections/oauth-token-source.js';
import { generateSecretKey, parseSecretKey } from '../../../src/connections/secret-key.js';
import { GongAuthError, GongConnectionError, StoreError } from '../../../src/errors.js';
import { ConfigError } from '../../../src/errors.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import type { WorkerEvent } from '../../../src/workers/worker-events.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { startHostileGateway, type HostileGateway } from '../../support/hostile-gateway.js';
import { startOAuthTokenServer, SYNC_SCOPES, type OAuthTokenServer } from '../../support/oauth-token-server.js';
import { runCli, startCli, type CliOptions, type CliResult } from '../../support/run-cli.js';
import { formatHits, SecretScanner, type SecretHit } from '../../support/secret-scanner.js';
import { freePort, startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';
import { waitFor } from '../../support/worker-process.js';

/**
 * Issue 7, "Secrets", multi-tenant half (the single-company half is test/e2e/secrets-scan.test.ts):
 * `connections add` (environment, stdin, JSON, Bearer, OAuth from stdin and from the
 * environment), `connections list/sync/remove`, `worker` (JSON and text), `status`, and
 * single-company `sync`/`export`/`search` on PostgreSQL, all with secrets in their environment
 * (one form of Gong credentials at a time: two are refused), on their success and failure paths:
 * stdout and stderr, the errors the library throws, and a dump of every row of every table (ours
 * and pg-boss's) are scanned for the Gong secret, its Basic value, the Bearer token, each OAuth app's client secret and every refresh and
 * access token it issued, PANDORA_GONG_SECRET_KEY (text and raw bytes), and the database password
 * of the `postgres://user:password@…` URL the commands are given. Zero hits.
 */

const SINCE = '2026-05-01';
const NOW = Date.parse('2026-11-20T15:00:00Z');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const ACCESS_KEY = `AKey${hex(6)}`;
const SECRET_PART = hex(20);
const ACCESS_SECRET = `S3cr3t+/=~${SECRET_PART}`;
const WRONG_PART = hex(20);
const WRONG_SECRET = `Wr0ng+/=~${WRONG_PART}`;
const TOKEN_PART = hex(20);
const ACCESS_TOKEN = `tok.${TOKEN_PART}`;
const MADE_UP_REFRESH_PART = hex(20);
const MADE_UP_REFRESH = `refresh-${MADE_UP_REFRESH_PART}`;
const SECRET_KEY = generateSecretKey();
const OTHER_SECRET_KEY = generateSecretKey();
const BASIC = b64(`${ACCESS_KEY}:${ACCESS_SECRET}`);
const WRONG_BASIC = b64(`${ACCESS_KEY}:${WRONG_SECRET}`);
/** The database password, with characters a URL must encode. */
const DB_PASSWORD_PART = hex(16);
const DB_PASSWORD = `Pg+Pa55/=~${DB_PASSWORD_PART}`;
const WRONG_DB_PASSWORD_PART = hex(16);
const WRONG_DB_PASSWORD = `N0tIt+/=~${WRONG_DB_PASSWORD_PART}`;
const ROLE = `pgong_secrets_${hex(4)}`;
const DATABASE = `pgong_secrets_${hex(4)}`;
// `--retry-for 5s`: oauth-down's token endpoint is gone, and the job hands its failure back after
// 5 s of retries rather than the default 10 minutes (its job comes from `connections sync`, queued
// with the default 15-minute timeout, so its slice does not cut that short).
const WORKER_ARGS = ['--concurrency', '3', '--poll', '0.5s', '--retry-limit', '0', '--retry-delay', '1s', '--retry-for', '5s', '--job-timeout', '30s', '--shutdown-grace', '5s'];

let pgServer: TestPostgres;
/** What the commands are given: the role with DB_PASSWORD, in the URL's user part. */
let dbUrl: string;
/** The same database as the server's administrator, for the dump. */
let adminDbUrl: string;
let dbPasswordKnown = false;
let sim: Simulator;
/** A (stdin), B (environment), C (stops answering after `connections add`). */
let oauthA: OAuthTokenServer;
let oauthB: OAuthTokenServer;
let oauthC: OAuthTokenServer;
let gateway: HostileGateway;
let closedPort: number;
let env: Record<string, string>;
let store: GongStore | undefined;
const outputs: Ran[] = [];
/** Refresh tokens the token servers saw used twice, by our own refusal cases (made-up tokens count). */
let reusesBefore = 0;

beforeAll(async () => {
  await ensureBuilt();
  pgServer = await startTestPostgres();
  ({ dbUrl, adminDbUrl } = await databaseWithPassword(pgServer.url));
  const withSim = () => sim.url;
  [oauthA, oauthB, oauthC] = await Promise.all([
    startOAuthTokenServer({ apiBaseUrl: withSim, expiresInSeconds: 2, tokens: 60 }),
    startOAuthTokenServer({ apiBaseUrl: withSim, expiresInSeconds: 2, tokens: 60 }),
    startOAuthTokenServer({ apiBaseUrl: withSim, expiresInSeconds: 1, tokens: 5 }),
  ]);
  const tokens: Record<string, string[]> = { [ACCESS_TOKEN]: SYNC_SCOPES };
  for (const server of [oauthA, oauthB, oauthC]) for (const t of server.accessTokens) tokens[t] = SYNC_SCOPES;
  sim = await startSimulator({ seed: 5, calls: 80, now: NOW, frozenClock: true, rateLimit: false, credentials: { accessKey: ACCESS_KEY, accessKeySecret: ACCESS_SECRET }, tokens });
  gateway = await startHostileGateway();
  closedPort = await freePort();
  env = {
    PANDORA_GONG_DB: dbUrl,
    PANDORA_GONG_SECRET_KEY: SECRET_KEY,
    GONG_BASE_URL: sim.url,
    // One form of Gong credentials only: two at once are refused as ambiguous (docs/workers.md,
    // "connections add reads them from the environment, as sync does"). The Bearer token goes in
    // the environment of `bearer-env` alone.
    GONG_API_KEY: `${ACCESS_KEY}:${ACCESS_SECRET}`,
    GONG_OAUTH_CLIENT_ID: oauthB.clientId,
    GONG_OAUTH_CLIENT_SECRET: oauthB.clientSecret,
    GONG_OAUTH_REFRESH_TOKEN: oauthB.initialRefreshToken,
    PANDORA_GONG_RATE: 'off',
  };
}, 180_000);

afterAll(async () => {
  await store?.close();
  await Promise.all([sim?.close(), oauthA?.close(), oauthB?.close(), oauthC?.close(), gateway?.close()]);
  if (adminDbUrl && dbPasswordKnown) {
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${ROLE}`);
    } finally {
      await admin.end();
    }
  }
  await pgServer?.stop();
});

/**
 * A database owned by a role whose password is DB_PASSWORD, so the URL every command gets holds
 * a known, random password. On a server where the test user may not create roles
 * (PANDORA_GONG_TEST_PG), the test database's own URL is used and its password scanned for.
 */
async function databaseWithPassword(serverUrl: string): Promise<{ dbUrl: string; adminDbUrl: string }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${DB_PASSWORD}'`);
    await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${ROLE}`);
    dbPasswordKnown = true;
    const url = new URL(serverUrl);
    url.pathname = `/${DATABASE}`;
    const adminDb = url.toString();
    url.username = ROLE;
    url.password = encodeURIComponent(DB_PASSWORD);
    return { dbUrl: url.toString(), adminDbUrl: adminDb };
  } catch {
    const url = await pgServer.createDatabase();
    return { dbUrl: url, adminDbUrl: url };
  } finally {
    await admin.end();
  }
}

/** `dbUrl` with another password, or the password moved to the query, or another port. */
function dbUrlWith(change: (url: URL) => void): string {
  const url = new URL(dbUrl);
  change(url);
  return url.toString();
}

/** Every secret, with every token the OAuth servers issued so far. */
function scanner(): SecretScanner {
  const random = (value: string) => value.slice(value.lastIndexOf('-') + 1);
  const secretPartOfBasic = (basic: string) => basic.slice(Math.ceil(((ACCESS_KEY.length + 1) * 8) / 6));
  const s = new SecretScanner()
    .add('GONG access key secret', ACCESS_SECRET, { randomPart: SECRET_PART })
    .add('wrong access key secret', WRONG_SECRET, { randomPart: WRONG_PART })
    .add('base64(accessKey:secret)', BASIC, { randomPart: secretPartOfBasic(BASIC) })
    .add('base64(accessKey:wrong secret)', WRONG_BASIC, { randomPart: secretPartOfBasic(WRONG_BASIC) })
    .add('Authorization: Basic', `Basic ${BASIC}`)
    .add('GONG_ACCESS_TOKEN', ACCESS_TOKEN, { randomPart: TOKEN_PART })
    .add('Authorization: Bearer', `Bearer ${ACCESS_TOKEN}`)
    .add('made-up refresh token', MADE_UP_REFRESH, { randomPart: MADE_UP_REFRESH_PART })
    .add('PANDORA_GONG_SECRET_KEY', SECRET_KEY, { randomPart: SECRET_KEY, binary: Buffer.from(SECRET_KEY, 'base64') })
    .add('another PANDORA_GONG_SECRET_KEY', OTHER_SECRET_KEY, { randomPart: OTHER_SECRET_KEY, binary: Buffer.from(OTHER_SECRET_KEY, 'base64') })
    .add('wrong database password', WRONG_DB_PASSWORD, { randomPart: WRONG_DB_PASSWORD_PART });
  if (dbPasswordKnown) s.add('database password', DB_PASSWORD, { randomPart: DB_PASSWORD_PART });
  else {
    const password = decodeURIComponent(new URL(dbUrl).password);
    if (password.length >= 12) s.add('database password', password);
  }
  for (const [name, server] of [['A', oauthA], ['B', oauthB], ['C', oauthC]] as const) {
    s.add(`OAuth ${name} client secret`, server.clientSecret, { randomPart: random(server.clientSecret) });
    s.add(`OAuth ${name} Basic value`, b64(`${server.clientId}:${server.clientSecret}`));
    for (const [i, token] of server.issuedRefreshTokens().entries()) s.add(`OAuth ${name} refresh token #${i}`, token, { randomPart: random(token) });
    for (const [i, token] of server.accessTokens.slice(0, server.refreshes()).entries()) s.add(`OAuth ${name} access token #${i}`, token, { randomPart: random(token) });
  }
  return s;
}

interface Ran extends CliResult {
  label: string;
}

async function cli(label: string, args: string[], options: CliOptions = {}): Promise<Ran> {
  const result = await runCli(args, { timeoutMs: 60_000, ...options });
  const ran = { label, ...result };
  outputs.push(ran);
  return ran;
}

async function pooled<T>(tasks: (() => Promise<T>)[], limit = 4): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

function outputHits(runs: readonly Ran[], s = scanner()): SecretHit[] {
  return runs.flatMap((r) => [...s.scan(`${r.label}: stdout`, r.stdout), ...s.scan(`${r.label}: stderr`, r.stderr)]);
}

function expectNoSecrets(hits: SecretHit[]): void {
  expect(hits, `secrets leaked:\n${formatHits(hits)}`).toEqual([]);
}

function expectCode(ran: Ran, code: number): void {
  expect(ran.code, `${ran.label} exit code; stderr: ${ran.stderr.slice(0, 600)}`).toBe(code);
}

/** Every row of every table in every schema (ours, pg-boss's, anything else) as text. */
async function dumpDatabase(url: string): Promise<{ text: string; tables: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ s: string; t: string }>(
      `SELECT n.nspname AS s, c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'm', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
       ORDER BY 1, 2`,
    );
    const parts: string[] = [];
    for (const { s, t } of tables) {
      const { rows } = await client.query<{ r: string }>(`SELECT x::text AS r FROM ${client.escapeIdentifier(s)}.${client.escapeIdentifier(t)} x`);
      parts.push(`-- ${s}.${t} (${rows.length} rows)`);
      for (const row of rows) parts.push(row.r);
    }
    return { text: parts.join('\n'), tables: tables.map(({ s, t }) => `${s}.${t}`) };
  } finally {
    await client.end();
  }
}

describe('secrets never appear in output, errors or the PostgreSQL database (connections, workers, OAuth)', () => {
  it('the scan finds a secret planted in a PostgreSQL table, as text, JSON and bytes, in any schema', async () => {
    const url = await pgServer.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE SCHEMA hidden');
      await client.query('CREATE TABLE hidden.t (a text, b jsonb, c bytea)');
      await client.query('CREATE TABLE public.u (d text)');
      await client.query('INSERT INTO hidden.t VALUES ($1, $2, $3)', [`x ${ACCESS_SECRET} y`, JSON.stringify({ auth: `Bearer ${ACCESS_TOKEN}` }), Buffer.from(SECRET_KEY, 'base64')]);
      await client.query('INSERT INTO public.u VALUES ($1)', [`postgres://u:${encodeURIComponent(WRONG_DB_PASSWORD)}@h/d`]);
    } finally {
      await client.end();
    }
    const dump = await dumpDatabase(url);
    expect(dump.tables).toEqual(['hidden.t', 'public.u']);
    const found = scanner().scan('planted dump', dump.text).map((h) => h.secret);
    expect(found).toEqual(expect.arrayContaining(['GONG access key secret', 'GONG_ACCESS_TOKEN', 'Authorization: Bearer', 'PANDORA_GONG_SECRET_KEY', 'wrong database password']));
    // And in command output: a URL-encoded password is found too.
    expect(scanner().scan('url', dbUrl).map((h) => h.secret)).toContain('database password');
  });

  it('connections add takes credentials from the environment, stdin, JSON and OAuth, and refuses bad ones, printing none', async () => {
    const { GONG_API_KEY: _k, ...bare } = env;
    const base = ['--base-url', sim.url, '--since', SINCE];
    const add = (name: string, args: string[] = [], options: CliOptions = {}) => cli(`connections add ${name}`, ['connections', 'add', name, ...args], { env, ...options });
    const oauthEnv = (server: OAuthTokenServer) => ({ ...env, GONG_OAUTH_CLIENT_ID: server.clientId, GONG_OAUTH_CLIENT_SECRET: server.clientSecret });
    // The first one alone: it migrates the database and records the key's id.
    const first = await add('basic-env', [...base, '--rate', 'off']);
    expectCode(first, 0);
    const added = await pooled([
      () => add('basic-pair', [...base, '--rate', 'off', '--json'], { env: { ...bare, GONG_ACCESS_KEY: ACCESS_KEY, GONG_ACCESS_KEY_SECRET: ACCESS_SECRET } }),
      () => add('basic-stdin', [...base, '--rate', 'off', '--credentials-stdin'], { input: `${ACCESS_KEY}:${ACCESS_SECRET}\n` }),
      () => add('json-stdin', [...base, '--rate', 'off', '--credentials-stdin'], { input: JSON.stringify({ accessKey: ACCESS_KEY, accessKeySecret: ACCESS_SECRET }) }),
      () => add('bearer-stdin', [...base, '--rate', 'off', '--credentials-stdin'], { input: JSON.stringify({ accessToken: ACCESS_TOKEN }) }),
      () => add('bearer-env', [...base, '--rate', 'off'], { env: { ...bare, GONG_ACCESS_TOKEN: ACCESS_TOKEN } }),
      () => add('oauth-stdin', ['--since', SINCE, '--rate', '4/s', '--oauth', '--token-url', oauthA.tokenUrl, '--credentials-stdin'], { env: oauthEnv(oauthA), input: `${oauthA.initialRefreshToken}\n` }),
      () => add('oauth-env', ['--since', SINCE, '--rate', '4/s', '--oauth', '--token-url', oauthB.tokenUrl, '--json'], { env: { ...env, PANDORA_GONG_DEBUG: '1' } }),
      () => add('oauth-down', ['--since', SINCE, '--rate', 'off', '--oauth', '--token-url', oauthC.tokenUrl, '--credentials-stdin'], { env: oauthEnv(oauthC), input: JSON.stringify({ refreshToken: oauthC.initialRefreshToken }) }),
      () => add('wrong-secret', [...base, '--rate', 'off'], { env: { ...env, GONG_API_KEY: `${ACCESS_KEY}:${WRONG_SECRET}` } }),
      () => add('echo-401', ['--base-url', gateway.url('401'), '--rate', 'off']),
      () => add('echo-429', ['--base-url', gateway.url('429'), '--rate', 'off']),
    ]);
    for (const ran of added) expectCode(ran, 0);
    expect(added.find((r) => r.label.endsWith('oauth-stdin'))!.stdout).toContain(`oauth auth, ${sim.url}`);
    expect(oauthA.refreshes() + oauthB.refreshes() + oauthC.refreshes()).toBe(3);
    await oauthC.close(); // from now on, oauth-down cannot refresh its token

    const refused = await pooled([
      () => add('oauth-made-up', ['--oauth', '--token-url', oauthA.tokenUrl, '--credentials-stdin'], { env: oauthEnv(oauthA), input: MADE_UP_REFRESH }),
      () => add('oauth-wrong-client-secret', ['--oauth', '--token-url', oauthA.tokenUrl], { env: { ...env, GONG_OAUTH_CLIENT_ID: oauthA.clientId, GONG_OAUTH_CLIENT_SECRET: oauthB.clientSecret, GONG_OAUTH_REFRESH_TOKEN: MADE_UP_REFRESH } }),
      () => add('oauth-endpoint-down', ['--oauth', '--token-url', `http://127.0.0.1:${closedPort}/token`, '--credentials-stdin'], { env: oauthEnv(oauthA), input: MADE_UP_REFRESH }),
      () => add('oauth-endpoint-echoing', ['--oauth', '--token-url', gateway.url('401'), '--credentials-stdin'], { env: oauthEnv(oauthA), input: MADE_UP_REFRESH }),
      () => add('oauth-refresh-with-space', ['--oauth', '--token-url', oauthA.tokenUrl, '--credentials-stdin'], { env: oauthEnv(oauthA), input: `${MADE_UP_REFRESH} x` }),
      () => add('stdin-no-colon', ['--credentials-stdin'], { input: ACCESS_SECRET }),
      () => add('stdin-broken-json', ['--credentials-stdin'], { input: `{"accessKey": "${ACCESS_KEY}", "accessKeySecret": "${ACCESS_SECRET}"` }),
      () => add('stdin-json-token-with-space', ['--credentials-stdin'], { input: JSON.stringify({ accessToken: `Bearer ${ACCESS_TOKEN}` }) }),
      () => add('stdin-json-number', ['--credentials-stdin'], { input: `{"accessKey": "${ACCESS_KEY}", "accessKeySecret": 12345678901234567890}` }),
      () => add('env-malformed', [], { env: { ...env, GONG_API_KEY: `${ACCESS_KEY}:${ACCESS_SECRET}:${WRONG_SECRET}` } }),
      () => add('env-two-forms', [], { env: { ...env, GONG_ACCESS_TOKEN: ACCESS_TOKEN } }),
      () => add('wrong-key', [], { env: { ...env, PANDORA_GONG_SECRET_KEY: OTHER_SECRET_KEY } }),
      () => add('malformed-key', [], { env: { ...env, PANDORA_GONG_SECRET_KEY: SECRET_KEY.slice(2) } }),
      () => add('hex-key-truncated', [], { env: { ...env, PANDORA_GONG_SECRET_KEY: Buffer.from(SECRET_KEY, 'base64').toString('hex').slice(1) } }),
      () => add('wrong-db-password', [], { env: { ...env, PANDORA_GONG_DB: dbUrlWith((u) => (u.password = encodeURIComponent(WRONG_DB_PASSWORD))) } }),
      () => add('db-password-in-query', ['--db', dbUrlWith((u) => ((u.password = ''), u.searchParams.set('password', WRONG_DB_PASSWORD)))]),
      () => add('db-unreachable', ['--db', dbUrlWith((u) => (u.port = String(closedPort)))], { env: { ...env, PANDORA_GONG_DEBUG: '1' } }),
    ]);
    const codes = Object.fromEntries(refused.map((r) => [r.label.replace('connections add ', ''), r.code]));
    expect(codes).toEqual({
      'oauth-made-up': 3,
      'oauth-wrong-client-secret': 3,
      'oauth-endpoint-down': 1,
      'oauth-endpoint-echoing': 3,
      'oauth-refresh-with-space': 2,
      'stdin-no-colon': 2,
      'stdin-broken-json': 2,
      'stdin-json-token-with-space': 2,
      'stdin-json-number': 2,
      'env-malformed': 2,
      'env-two-forms': 2,
      'wrong-key': 2,
      'malformed-key': 2,
      'hex-key-truncated': 2,
      'wrong-db-password': 2,
      'db-password-in-query': 2,
      'db-unreachable': 2,
    });
    for (const ran of refused) expect(ran.stderr.trim().split('\n'), ran.label).toHaveLength(1);
    reusesBefore = oauthA.reuses() + oauthB.reuses();
    expect(refused.find((r) => r.label.endsWith('wrong-db-password'))!.stderr).toMatch(/cannot connect to PostgreSQL at postgres:\/\/pgong_secrets_\w+:\*\*\*@/);
    expectNoSecrets(outputHits([first, ...added, ...refused]));
  });

  it('connections list, connections sync and status (text and JSON) print no secret, nor the database password', async () => {
    const runs = await pooled([
      () => cli('connections list', ['connections', 'list'], { env }),
      () => cli('connections list --json', ['connections', 'list', '--json'], { env }),
      () => cli('connections sync --all --json', ['connections', 'sync', '--all', '--json'], { env }),
      () => cli('status', ['status'], { env }),
      () => cli('status --json (URL in --db)', ['status', '--json', '--db', dbUrl], { env: { ...env, PANDORA_GONG_DB: '' } }),
      () => cli('status, wrong password', ['status', '--db', dbUrlWith((u) => (u.password = encodeURIComponent(WRONG_DB_PASSWORD)))], { env: { ...env, PANDORA_GONG_DEBUG: '1' } }),
      () => cli('connections list, wrong password in the query', ['connections', 'list', '--db', dbUrlWith((u) => ((u.password = ''), u.searchParams.set('password', WRONG_DB_PASSWORD)))], { env }),
      () => cli('worker, wrong password', ['worker', '--db', dbUrlWith((u) => (u.password = encodeURIComponent(WRONG_DB_PASSWORD)))], { env }),
      () => cli('worker, wrong PANDORA_GONG_SECRET_KEY', ['worker'], { env: { ...env, PANDORA_GONG_SECRET_KEY: OTHER_SECRET_KEY } }),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 2, 2, 2, 2]);
    expect(JSON.parse(runs[1]!.stdout)).toHaveLength(12);
    expect(JSON.parse(runs[4]!.stdout).database).toMatch(/^postgres:\/\/\w+:\*\*\*@/);
    expectNoSecrets(outputHits(runs));
  });

  it('workers sync every connection (Basic, Bearer, OAuth with rotation) and report failures, printing no secret', async () => {
    const worker = startCli(['worker', '--json', ...WORKER_ARGS], { env, timeoutMs: 120_000 });
    const events = () =>
      worker
        .stderrText()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as WorkerEvent);
    const finished = (name: string) => events().find((e) => (e.type === 'job-end' || e.type === 'job-retry') && e.connection === name);
    const names = ['basic-env', 'basic-pair', 'basic-stdin', 'json-stdin', 'bearer-stdin', 'bearer-env', 'oauth-stdin', 'oauth-env', 'oauth-down', 'wrong-secret', 'echo-401', 'echo-429'];
    try {
      await waitFor('every connection to be tried', () => names.every(finished) || worker.exitCode !== null, 90_000).catch((error: Error) => {
        const untried = names.filter((n) => !finished(n));
        // The failure message must hold no secret either: a line with one is left out.
        const s = scanner();
        const tail = worker
          .stderrText()
          .split('\n')
          .filter((l) => l !== '' && (!l.startsWith('{') || untried.some((n) => l.includes(`"${n}"`))))
          .slice(-30)
          .map((l) => (s.scan('diagnosis', l).length > 0 ? '[a line holding a secret]' : l));
        throw new Error(`${error.message}: not yet ${untried.join(', ')}; what the worker said about them:\n${tail.join('\n')}`);
      });
    } finally {
      worker.kill('SIGTERM');
    }
    const ran = { label: 'worker --json', ...(await worker.result) };
    outputs.push(ran);
    expectCode(ran, 0);
    const outcome = (name: string) => {
      const e = finished(name);
      return e?.type === 'job-end' ? e.outcome : e?.type;
    };
    expect(Object.fromEntries(names.map((n) => [n, outcome(n)]))).toEqual({
      'basic-env': 'completed',
      'basic-pair': 'completed',
      'basic-stdin': 'completed',
      'json-stdin': 'completed',
      'bearer-stdin': 'completed',
      'bearer-env': 'completed',
      'oauth-stdin': 'completed',
      'oauth-env': 'completed',
      'oauth-down': 'job-retry',
      'wrong-secret': 'failed',
      'echo-401': 'failed',
      'echo-429': 'deferred',
    });
    // The OAuth tokens were rotated while syncing (2 s lifetimes), never reused.
    expect(oauthA.refreshes() + oauthB.refreshes()).toBeGreaterThan(2);
    expect(events().some((e) => e.type === 'oauth-refresh')).toBe(true);
    expect(oauthA.reuses() + oauthB.reuses()).toBe(reusesBefore);

    // A worker printing for people (not JSON) runs two more syncs, one of them OAuth.
    const text = startCli(['worker', ...WORKER_ARGS], { env: { ...env, PANDORA_GONG_JSON: '0' }, timeoutMs: 120_000 });
    try {
      await waitFor('the text worker to start', () => /worker \w+ started/.test(text.stderrText()) || text.exitCode !== null, 30_000);
      const queued = await cli('connections sync (two)', ['connections', 'sync', 'oauth-stdin', 'wrong-secret'], { env });
      expectCode(queued, 0);
      await waitFor('both to end', () => (/oauth-stdin: completed/.test(text.stderrText()) && /wrong-secret: failed/.test(text.stderrText())) || text.exitCode !== null, 60_000);
    } finally {
      text.kill('SIGTERM');
    }
    const textRan = { label: 'worker (text)', ...(await text.result) };
    outputs.push(textRan);
    expectCode(textRan, 0);
    expect(textRan.stderr).toMatch(/oauth-stdin: completed/);
    expectNoSecrets(outputHits([ran, textRan]));
  }, 180_000);

  it('after the syncs: status and list show the errors without a secret; remove; single-company sync, export and search on PostgreSQL', async () => {
    const { GONG_API_KEY: _k, ...withoutKey } = env;
    const runs = await pooled([
      () => cli('status after syncs', ['status'], { env }),
      () => cli('status --json after syncs', ['status', '--json'], { env }),
      () => cli('connections list after syncs', ['connections', 'list'], { env }),
      () => cli('connections list --json after syncs', ['connections', 'list', '--json'], { env }),
      () => cli('sync, wrong database password', ['sync'], { env: { ...env, PANDORA_GONG_DB: dbUrlWith((u) => (u.password = encodeURIComponent(WRONG_DB_PASSWORD))) } }),
    ]);
    // One sync of the default connection at a time (a second would exit 5).
    runs.push(await cli('sync (default connection)', ['sync', '--since', SINCE, '--json'], { env }));
    runs.push(await cli('sync (default connection), wrong secret', ['sync', '--since', SINCE], { env: { ...withoutKey, GONG_ACCESS_KEY: ACCESS_KEY, GONG_ACCESS_KEY_SECRET: WRONG_SECRET, PANDORA_GONG_DEBUG: '1' } }));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 2, 0, 3]);
    const listed = JSON.parse(runs[3]!.stdout) as { name: string; lastError: string | null }[];
    expect(listed.find((c) => c.name === 'wrong-secret')!.lastError).toMatch(/refused the credentials/);
    expect(listed.find((c) => c.name === 'echo-401')!.lastError).toMatch(/Basic \[redacted\]/);
    expect(runs[2]!.stdout).toMatch(/last error: .*refused/);
    const more = await pooled([
      () => cli('export calls', ['export', 'calls'], { env }),
      () => cli('export users --format csv', ['export', 'users', '--format', 'csv'], { env }),
      () => cli('search --json', ['search', 'pricing', '--json'], { env }),
      () => cli('connections remove echo-401', ['connections', 'remove', 'echo-401', '--yes'], { env }),
      () => cli('connections remove, no --yes', ['connections', 'remove', 'wrong-secret'], { env }),
      () => cli('connections remove, unknown', ['connections', 'remove', 'nope', '--yes'], { env }),
    ]);
    expect(more.map((r) => r.code)).toEqual([0, 0, 0, 0, 2, 2]);
    expect(more[0]!.stdout.trim().split('\n').length).toBeGreaterThan(10);
    expect(JSON.parse(more[2]!.stdout).length).toBeGreaterThan(0);
    const removed = await cli('connections remove wrong-secret', ['connections', 'remove', 'wrong-secret', '--yes'], { env });
    expectCode(removed, 0);
    expectNoSecrets(outputHits([...runs, ...more, removed]));
  });

  it('library errors (bad database URLs, OAuth refusals, a wrong key) hold no secret in message, stack, JSON or inspect', async () => {
    store = await openStore(dbUrl);
    const key = parseSecretKey(SECRET_KEY);
    const repo = new ConnectionRepository(store);
    const settings = { baseUrl: sim.url, since: null, everySeconds: null, dailyBudget: null, rate: 'off', limitKey: 'lib', oauthTokenUrl: oauthA.tokenUrl };
    const failures: [string, () => Promise<unknown>, new (...args: never[]) => Error][] = [
      ['openStore, wrong password', () => openStore(dbUrlWith((u) => (u.password = encodeURIComponent(WRONG_DB_PASSWORD)))), StoreError],
      ['openStore, password in the query', () => openStore(dbUrlWith((u) => ((u.password = ''), u.searchParams.set('password', WRONG_DB_PASSWORD)))), StoreError],
      ['openStore, unreachable', () => openStore(dbUrlWith((u) => (u.port = String(closedPort)))), StoreError],
      ['add, refresh token refused', () => repo.add({ ...settings, name: 'lib-refused' }, { kind: 'oauth', clientId: oauthA.clientId, clientSecret: oauthA.clientSecret, refreshToken: MADE_UP_REFRESH, accessToken: null, accessTokenRefreshAt: null }, key), GongAuthError],
      ['add, token endpoint down', () => repo.add({ ...settings, name: 'lib-down', oauthTokenUrl: `http://127.0.0.1:${closedPort}/t` }, { kind: 'oauth', clientId: oauthA.clientId, clientSecret: oauthA.clientSecret, refreshToken: MADE_UP_REFRESH, accessToken: null, accessTokenRefreshAt: null }, key), GongConnectionError],
      ['add with a wrong key', () => repo.add({ ...settings, name: 'lib-wrong-key', oauthTokenUrl: null }, { kind: 'basic', accessKey: ACCESS_KEY, accessKeySecret: ACCESS_SECRET }, parseSecretKey(OTHER_SECRET_KEY)), ConfigError],
      ['open secrets with a wrong key', () => repo.openSecrets('basic-env', parseSecretKey(OTHER_SECRET_KEY)), ConfigError],
      ['OAuth token source with a wrong key', () => new OAuthTokenSource({ store: store!, connection: 'oauth-stdin', key: parseSecretKey(OTHER_SECRET_KEY) }).accessToken(), ConfigError],
      ['OAuth token source, endpoint gone', () => new OAuthTokenSource({ store: store!, connection: 'oauth-down', key }).accessToken(), GongConnectionError],
    ];
    const s = scanner();
    const hits: SecretHit[] = [];
    for (const [label, fail, kind] of failures) {
      const error = await fail().then(
        (value) => value,
        (e: unknown) => e,
      );
      expect(error, `${label}: should have thrown`).toBeInstanceOf(kind);
      hits.push(...s.scanError(label, error));
    }
    // What the repository hands out about a connection, and the key itself.
    hits.push(...s.scan('connections list', inspect(await repo.list(), { depth: 8 })), ...s.scan('key', `${inspect(key)} ${JSON.stringify(key)} ${String(key)}`));
    expectNoSecrets(hits);
  });

  it('a dump of every row of every table (ours and the job queue) holds no secret, while holding the data', async () => {
    const dump = await dumpDatabase(adminDbUrl);
    expect(dump.tables).toEqual(expect.arrayContaining(['public.connections', 'public.gong_calls', 'public.gong_transcripts', 'public.sync_runs', 'pgboss.job']));
    expect(dump.text).toContain('basic-env');
    expect(dump.text).toContain('pandora-gong-sync');
    expect(dump.text.length).toBeGreaterThan(1_000_000);
    expectNoSecrets(scanner().scan('PostgreSQL dump', dump.text));
    // Every command's output, with every token issued by the end (later rotations included).
    expectNoSecrets(outputHits(outputs));
  });
});
