import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { BasicCredentials, parseApiKey } from '../../src/client/credentials.js';
import { GongClient } from '../../src/client/gong-client.js';
import { refreshOAuthToken } from '../../src/connections/oauth-token-endpoint.js';
import { generateSecretKey, parseSecretKey, secretKeyFromEnv } from '../../src/connections/secret-key.js';
import { ConfigError, GongAuthError, GongConnectionError, GongError, GongQuotaExhaustedError, GongScopeError, GongServerError, GongTimeoutError } from '../../src/errors.js';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { openStore } from '../../src/store/open-store.js';
import { ensureBuilt } from '../support/ensure-built.js';
import { startHostileGateway, type HostileGateway } from '../support/hostile-gateway.js';
import { startOAuthTokenServer, SYNC_SCOPES, type OAuthTokenServer } from '../support/oauth-token-server.js';
import { runCli, startCli, type CliOptions, type CliResult } from '../support/run-cli.js';
import { formatHits, SecretScanner, type SecretHit } from '../support/secret-scanner.js';
import { freePort } from '../support/test-postgres.js';

/**
 * Issue 7, "Secrets", single-company half (SQLite + simulator; the PostgreSQL half, with
 * connections, workers and OAuth, is test/integration/workers/secrets-scan.test.ts): every CLI
 * command runs with known, random credentials in its environment (or its `.env`), on its success
 * and failure paths, and stdout, stderr, every file written (databases and their -wal/-shm, lock
 * files, CRM exports) and the errors the library throws are scanned for each secret in every
 * encoding (raw, base64/base64url at any alignment, hex, URL-encoded, JSON-escaped, 12-character
 * runs). Zero hits. The scanner is proven to find a planted secret first, so a broken scan fails.
 *
 * `simulate` prints the simulator's own credentials on purpose (they are the demo's, not
 * secrets): its output is scanned for every secret but those; a sync that *uses* them treats them
 * as its secret, so every other output and file is scanned for them too.
 */

const NOW = Date.parse('2026-11-20T15:00:00Z');
const NOW_ISO = new Date(NOW).toISOString();
const SINCE = '2026-05-01';
const SEED = 3;
const CALLS = 120;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// The access key identifies the account (it is not the secret); everything else is secret.
const ACCESS_KEY = `AKey${hex(6)}`;
const SECRET_PART = hex(20);
const ACCESS_SECRET = `S3cr3t+/=~${SECRET_PART}`;
const WRONG_PART = hex(20);
const WRONG_SECRET = `Wr0ng+/=~${WRONG_PART}`;
const TOKEN_PART = hex(20);
const ACCESS_TOKEN = `tok.${TOKEN_PART}`;
const NARROW_PART = hex(20);
const NARROW_TOKEN = `tok.${NARROW_PART}`;
const WRONG_TOKEN_PART = hex(20);
const WRONG_TOKEN = `tok.${WRONG_TOKEN_PART}`;
const ENV_CLIENT_SECRET_PART = hex(20);
const ENV_CLIENT_SECRET = `oauth-client-secret-${ENV_CLIENT_SECRET_PART}`;
const ENV_REFRESH_PART = hex(20);
const ENV_REFRESH_TOKEN = `oauth-refresh-${ENV_REFRESH_PART}`;
const SECRET_KEY = generateSecretKey();
const OTHER_SECRET_KEY = generateSecretKey();
const BASIC = b64(`${ACCESS_KEY}:${ACCESS_SECRET}`);
const WRONG_BASIC = b64(`${ACCESS_KEY}:${WRONG_SECRET}`);

let workdir: string;
let envdir: string;
let sim: Simulator;
let slowSim: Simulator;
let faultySim: Simulator;
let oauth: OAuthTokenServer;
let gateway: HostileGateway;
let closedPort: number;
/** Every secret, the simulator's demo credentials included (as used by a sync against `simulate`). */
let scanner: SecretScanner;
/** Every secret but the demo credentials: for the output of `simulate` itself. */
let scannerForSimulate: SecretScanner;
let env: Record<string, string>;

/**
 * The secrets on top of the GONG_API_KEY pair: the OAuth app and the encryption key. Not the
 * Bearer token: two forms of Gong credentials at once are refused as ambiguous, so it goes only
 * where a sync uses it.
 */
function otherSecretsEnv(): Record<string, string> {
  return {
    GONG_OAUTH_CLIENT_ID: 'client-id-not-secret',
    GONG_OAUTH_CLIENT_SECRET: ENV_CLIENT_SECRET,
    GONG_OAUTH_REFRESH_TOKEN: ENV_REFRESH_TOKEN,
    PANDORA_GONG_SECRET_KEY: SECRET_KEY,
  };
}

/** The characters of `base64(key:secret)` that encode the secret alone (the access key is not secret). */
function secretPartOfBasic(basic: string): string {
  return basic.slice(Math.ceil(((ACCESS_KEY.length + 1) * 8) / 6));
}

function buildScanner(withDemo: boolean): SecretScanner {
  const s = new SecretScanner()
    .add('GONG access key secret', ACCESS_SECRET, { randomPart: SECRET_PART })
    .add('wrong access key secret', WRONG_SECRET, { randomPart: WRONG_PART })
    .add('base64(accessKey:secret)', BASIC, { randomPart: secretPartOfBasic(BASIC) })
    .add('base64(accessKey:wrong secret)', WRONG_BASIC, { randomPart: secretPartOfBasic(WRONG_BASIC) })
    .add('Authorization: Basic', `Basic ${BASIC}`)
    .add('Authorization: Basic (wrong)', `Basic ${WRONG_BASIC}`)
    .add('GONG_ACCESS_TOKEN', ACCESS_TOKEN, { randomPart: TOKEN_PART })
    .add('Authorization: Bearer', `Bearer ${ACCESS_TOKEN}`)
    .add('narrow-scope token', NARROW_TOKEN, { randomPart: NARROW_PART })
    .add('wrong token', WRONG_TOKEN, { randomPart: WRONG_TOKEN_PART })
    .add('GONG_OAUTH_CLIENT_SECRET', ENV_CLIENT_SECRET, { randomPart: ENV_CLIENT_SECRET_PART })
    .add('GONG_OAUTH_REFRESH_TOKEN', ENV_REFRESH_TOKEN, { randomPart: ENV_REFRESH_PART })
    .add('PANDORA_GONG_SECRET_KEY', SECRET_KEY, { randomPart: SECRET_KEY, binary: Buffer.from(SECRET_KEY, 'base64') })
    .add('another PANDORA_GONG_SECRET_KEY', OTHER_SECRET_KEY, { randomPart: OTHER_SECRET_KEY, binary: Buffer.from(OTHER_SECRET_KEY, 'base64') });
  if (withDemo) {
    s.add('simulator demo secret', DEMO_CREDENTIALS.accessKeySecret).add('base64(demo key:demo secret)', b64(`${DEMO_CREDENTIALS.accessKey}:${DEMO_CREDENTIALS.accessKeySecret}`));
  }
  return s;
}

/** The OAuth token server's secrets: client secret, every refresh token and access token it issued. */
function addOAuthSecrets(s: SecretScanner): SecretScanner {
  const random = (value: string) => value.slice(value.lastIndexOf('-') + 1);
  s.add('OAuth client secret', oauth.clientSecret, { randomPart: random(oauth.clientSecret) });
  for (const [i, token] of oauth.issuedRefreshTokens().entries()) s.add(`OAuth refresh token #${i}`, token, { randomPart: random(token) });
  for (const [i, token] of oauth.accessTokens.slice(0, oauth.refreshes() + 1).entries()) s.add(`OAuth access token #${i}`, token, { randomPart: random(token) });
  return s;
}

beforeAll(async () => {
  await ensureBuilt();
  workdir = mkdtempSync(join(tmpdir(), 'pgong-secrets-'));
  envdir = mkdtempSync(join(tmpdir(), 'pgong-secrets-env-'));
  const tokens = { [ACCESS_TOKEN]: SYNC_SCOPES, [NARROW_TOKEN]: SYNC_SCOPES.filter((s) => s !== 'api:calls:read:transcript') };
  const credentials = { accessKey: ACCESS_KEY, accessKeySecret: ACCESS_SECRET };
  const common = { seed: SEED, calls: CALLS, now: NOW, frozenClock: true, rateLimit: false as const, credentials, tokens };
  sim = await startSimulator(common);
  slowSim = await startSimulator({ ...common, latencyMs: 150 });
  faultySim = await startSimulator({ ...common, faults: '5xx=0.25,reset=0.1,429=0.1:1s,expire=0.3,malformed=0.1,truncate=0.1', faultSeed: 11 });
  oauth = await startOAuthTokenServer({ apiBaseUrl: sim.url, expiresInSeconds: 3600, tokens: 5 });
  gateway = await startHostileGateway();
  closedPort = await freePort();
  scanner = buildScanner(true);
  scannerForSimulate = buildScanner(false);
  env = {
    GONG_BASE_URL: sim.url,
    GONG_API_KEY: `${ACCESS_KEY}:${ACCESS_SECRET}`,
    PANDORA_GONG_RATE: 'off',
    ...otherSecretsEnv(),
  };
});

afterAll(async () => {
  await Promise.all([sim?.close(), slowSim?.close(), faultySim?.close(), oauth?.close(), gateway?.close()]);
  if (workdir) rmSync(workdir, { recursive: true, force: true });
  if (envdir) rmSync(envdir, { recursive: true, force: true });
});

const file = (name: string) => join(workdir, name);

interface Ran extends CliResult {
  label: string;
}

/** Runs the built CLI; the label names it in failures. */
async function cli(label: string, args: string[], options: CliOptions = {}): Promise<Ran> {
  const result = await runCli(args, { timeoutMs: 60_000, ...options });
  return { label, ...result };
}

/** Runs tasks at most `limit` at a time (two cores are shared with other work). */
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

function outputHits(ran: Ran, s: SecretScanner = scanner): SecretHit[] {
  return [...s.scan(`${ran.label}: stdout`, ran.stdout), ...s.scan(`${ran.label}: stderr`, ran.stderr)];
}

function expectNoSecrets(hits: SecretHit[]): void {
  expect(hits, `secrets leaked:\n${formatHits(hits)}`).toEqual([]);
}

function expectCode(ran: Ran, code: number): void {
  // The start and the end of stderr: where it began, and what it was doing when it stopped.
  const stderr = ran.stderr.length > 1200 ? `${ran.stderr.slice(0, 600)}\n…\n${ran.stderr.slice(-600)}` : ran.stderr;
  expect(ran.code, `${ran.label} exit code; stderr: ${stderr}`).toBe(code);
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('secrets never appear in output, files, databases or errors (SQLite, single company)', () => {
  it('the scanner finds a planted secret in every form, in text, files, a SQLite database and errors', async () => {
    const json = JSON.stringify({ note: 'x', secret: ACCESS_SECRET, n: 1 });
    const planted: [string, string][] = [
      ['raw', `error: ${ACCESS_SECRET}`],
      ['json-escaped', JSON.stringify({ s: ACCESS_SECRET })],
      ['url-encoded', `https://x.example/?s=${encodeURIComponent(ACCESS_SECRET)}`],
      ['form-encoded', new URLSearchParams({ s: ACCESS_SECRET }).toString()],
      ['hex', Buffer.from(ACCESS_SECRET).toString('hex')],
      ['HEX', Buffer.from(`--${ACCESS_SECRET}`).toString('hex').toUpperCase()],
      ['base64 inside a blob (3 alignments)', `${b64(`a${json}`)} ${b64(`ab${json}`)} ${b64(`abc${json}`)}`],
      ['base64url inside a blob', Buffer.from(`xy${json}`).toString('base64url')],
      ['a truncated echo', `secret starts ${ACCESS_SECRET.slice(0, 30)}…`],
      ['the Basic header', `authorization: Basic ${BASIC}`],
    ];
    for (const [how, text] of planted) {
      expect(scanner.scan(how, text).map((h) => h.secret), how).toContain('GONG access key secret');
    }
    // One pass over a large haystack finds a needle anywhere in it, at the very start and end too.
    const big = Buffer.alloc(3_000_000, 'a');
    expect(scanner.scan('start', Buffer.concat([Buffer.from(ACCESS_TOKEN), big])).map((h) => h.secret)).toContain('GONG_ACCESS_TOKEN');
    expect(scanner.scan('end', Buffer.concat([big, Buffer.from(ACCESS_TOKEN)])).map((h) => h.secret)).toContain('GONG_ACCESS_TOKEN');
    expect(scanner.scan('bytes', Buffer.concat([big, Buffer.from(SECRET_KEY, 'base64'), big])).map((h) => h.secret)).toContain('PANDORA_GONG_SECRET_KEY');
    // No false alarm: look-alikes of the secrets, and the secrets' public prefixes.
    const lookAlike = `S3cr3t+/=~${hex(20)} tok.${hex(20)} ${generateSecretKey()} Basic ${b64(`${ACCESS_KEY}:x`)} ${ACCESS_KEY} oauth-client-secret-`;
    expect(scanner.scan('look-alikes', lookAlike)).toEqual([]);
    expect(scannerForSimulate.scan('demo', JSON.stringify(DEMO_CREDENTIALS))).toEqual([]);
    expect(scanner.scan('demo', JSON.stringify(DEMO_CREDENTIALS)).length).toBeGreaterThan(0);

    // A secret written into a SQLite database (even only in its WAL) is found in the file bytes.
    const dir = mkdtempSync(join(tmpdir(), 'pgong-plant-'));
    try {
      const store = await openStore(join(dir, 'planted.db'));
      await store.setMeta('planted-token', JSON.stringify({ note: WRONG_TOKEN }));
      await store.setMeta('planted-basic', BASIC);
      copyFileSync(join(dir, 'planted.db-wal'), join(dir, 'copy-of-wal'));
      await store.close();
      writeFileSync(join(dir, 'key.bin'), Buffer.concat([randomBytes(100), Buffer.from(OTHER_SECRET_KEY, 'base64'), randomBytes(100)]));
      const { hits, files } = scanner.scanTree(dir);
      expect(files).toEqual(expect.arrayContaining(['planted.db', 'copy-of-wal', 'key.bin']));
      const found = (where: string) => hits.filter((h) => h.where === where).map((h) => h.secret);
      expect(found('planted.db')).toEqual(expect.arrayContaining(['wrong token', 'base64(accessKey:secret)']));
      expect(found('copy-of-wal')).toEqual(expect.arrayContaining(['wrong token', 'base64(accessKey:secret)']));
      expect(found('key.bin')).toEqual(['another PANDORA_GONG_SECRET_KEY']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // An error is read whole: message, stack, JSON, and util.inspect down the cause chain.
    const nested = new GongError('nothing to see', { cause: Object.assign(new Error('inner'), { request: { headers: { authorization: `Bearer ${ACCESS_TOKEN}` } } }) });
    expect(scanner.scanError('nested', nested).map((h) => h.secret)).toEqual(expect.arrayContaining(['GONG_ACCESS_TOKEN', 'Authorization: Bearer']));
    class Hidden extends Error {
      constructor() {
        super('hidden');
        Object.defineProperty(this, 'config', { value: { password: ACCESS_SECRET }, enumerable: false });
      }
    }
    expect(scanner.scanError('non-enumerable', new Hidden()).map((h) => h.secret)).toContain('GONG access key secret');
    // (That the CLI's output is really captured is shown by `simulate`, which prints its own demo credentials.)
  });

  it('sync succeeds with every form of credentials and prints none of them; the SQLite files are 0600', async () => {
    writeFileSync(join(envdir, '.env'), [`GONG_API_KEY="${ACCESS_KEY}:${ACCESS_SECRET}"`, `GONG_BASE_URL=${sim.url}`, 'PANDORA_GONG_RATE=off', ...Object.entries(otherSecretsEnv()).map(([k, v]) => `${k}=${v}`)].join('\n'));
    const { GONG_API_KEY: _unused, ...withoutApiKey } = env;
    const runs = await pooled([
      () => cli('sync (GONG_API_KEY)', ['sync', '--since', SINCE, '--db', file('main.db')], { env: { ...env, PANDORA_GONG_DEBUG: '1' } }),
      () => cli('sync --json (GONG_ACCESS_KEY + GONG_ACCESS_KEY_SECRET)', ['sync', '--json', '--since', SINCE, '--db', file('pair.db')], {
        env: { ...withoutApiKey, GONG_ACCESS_KEY: ACCESS_KEY, GONG_ACCESS_KEY_SECRET: ACCESS_SECRET },
      }),
      () => cli('sync, PANDORA_GONG_JSON=1 (Bearer GONG_ACCESS_TOKEN)', ['sync', '--since', SINCE, '--db', file('bearer.db')], { env: { ...withoutApiKey, GONG_ACCESS_TOKEN: ACCESS_TOKEN, PANDORA_GONG_JSON: '1' } }),
      () => cli('sync (credentials in .env)', ['sync', '--since', SINCE, '--db', file('dotenv.db')], { cwd: envdir }),
      () => cli('sync against a faulty Gong', ['sync', '--since', SINCE, '--db', file('faulty.db')], { env: { ...env, GONG_BASE_URL: faultySim.url } }),
    ]);
    for (const ran of runs) expectCode(ran, 0);
    expect(runs[1]!.stdout.trim()).toMatch(/^\{.*"status":"completed"/);
    expect(runs[2]!.stderr.split('\n').filter(Boolean).every((l) => JSON.parse(l).event)).toBe(true);
    expect(faultySim.log.entries.filter((e) => e.fault).length).toBeGreaterThan(0);
    expectNoSecrets(runs.flatMap((r) => outputHits(r)));
    for (const name of ['main.db', 'pair.db', 'bearer.db', 'dotenv.db', 'faulty.db']) {
      expect(mode(file(name)), name).toBe(0o600);
      for (const side of ['-wal', '-shm', '.sync-lock']) if (existsSync(file(name + side))) expect(mode(file(name + side)), name + side).toBe(0o600);
    }
  });

  it('while a sync runs, the database and its -wal and -shm are 0600 (and their bytes are kept for the final scan)', async () => {
    const db = file('slow.db');
    const child = startCli(['sync', '--since', SINCE, '--db', db], { env: { ...env, GONG_BASE_URL: slowSim.url }, timeoutMs: 60_000 });
    const deadline = Date.now() + 30_000;
    while (!(child.stderrText().includes('"stream":"calls"') && child.stderrText().includes('"event":"page"') && existsSync(`${db}-wal`) && existsSync(`${db}-shm`))) {
      if (child.exitCode !== null || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(existsSync(`${db}-wal`), 'the -wal file while syncing').toBe(true);
    expect(existsSync(`${db}-shm`), 'the -shm file while syncing').toBe(true);
    expect(mode(db)).toBe(0o600);
    expect(mode(`${db}-wal`)).toBe(0o600);
    expect(mode(`${db}-shm`)).toBe(0o600);
    mkdirSync(file('snapshots'), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(`${db}${suffix}`, file(`snapshots/slow.db${suffix}`));
    const ran = { label: 'sync (slow)', ...(await child.result) };
    expectCode(ran, 0);
    expectNoSecrets(outputHits(ran));
    expect(statSync(file('snapshots/slow.db-wal')).size).toBeGreaterThan(0);
  });

  it('sync refuses wrong, malformed and unusable credentials, and Gong failures, without printing a secret', async () => {
    const { GONG_API_KEY: _unused, ...bare } = env;
    const apiKey = (value: string) => ({ ...bare, GONG_API_KEY: value });
    const cases: [string, Record<string, string>, number, string[]?][] = [
      ['wrong secret', apiKey(`${ACCESS_KEY}:${WRONG_SECRET}`), 3],
      ['wrong secret, PANDORA_GONG_DEBUG=1 --json', { ...apiKey(`${ACCESS_KEY}:${WRONG_SECRET}`), PANDORA_GONG_DEBUG: '1' }, 3, ['--json']],
      ['wrong secret as a pair', { ...bare, GONG_ACCESS_KEY: ACCESS_KEY, GONG_ACCESS_KEY_SECRET: WRONG_SECRET }, 3],
      ['wrong key, right secret', apiKey(`AKeyNotThisOne:${ACCESS_SECRET}`), 3],
      ['malformed: no colon', apiKey(`${ACCESS_KEY}${ACCESS_SECRET}`), 2],
      ['malformed: secret alone', apiKey(ACCESS_SECRET), 2],
      ['malformed: two colons', apiKey(`${ACCESS_KEY}:${ACCESS_SECRET}:x`), 2],
      ['malformed: empty key', apiKey(`:${ACCESS_SECRET}`), 2],
      ['malformed: whitespace', apiKey(`${ACCESS_KEY}: ${ACCESS_SECRET}`), 2],
      ['malformed: trailing newline', apiKey(`${ACCESS_KEY}:${ACCESS_SECRET}\n`), 2],
      ['malformed: Basic header pasted', apiKey(`Basic ${BASIC}`), 2],
      ['pair: secret with a space', { ...bare, GONG_ACCESS_KEY: ACCESS_KEY, GONG_ACCESS_KEY_SECRET: `${ACCESS_SECRET} ` }, 2],
      ['pair: secret without key', { ...bare, GONG_ACCESS_KEY_SECRET: ACCESS_SECRET }, 2],
      ['pair: key holding key:secret', { ...bare, GONG_ACCESS_KEY: `${ACCESS_KEY}:${ACCESS_SECRET}`, GONG_ACCESS_KEY_SECRET: ACCESS_SECRET }, 2],
      ['two forms at once: GONG_API_KEY and GONG_ACCESS_TOKEN', { ...env, GONG_ACCESS_TOKEN: ACCESS_TOKEN }, 2],
      ['token with "Bearer " pasted', { ...bare, GONG_ACCESS_TOKEN: `Bearer ${ACCESS_TOKEN}` }, 2],
      ['wrong Bearer token (401)', { ...bare, GONG_ACCESS_TOKEN: WRONG_TOKEN }, 3],
      // Named in --streams, a stream the token has no scope for is refused (exit 3 naming the
      // scope); left to the default it would be skipped with a warning (product contract).
      ['Bearer token without the transcript scope', { ...bare, GONG_ACCESS_TOKEN: NARROW_TOKEN }, 3, ['--streams', 'users,calls,transcripts']],
      ['credentials in the base URL', { ...env, GONG_BASE_URL: `http://${ACCESS_KEY}:${encodeURIComponent(ACCESS_SECRET)}@127.0.0.1:${closedPort}` }, 2],
      ['wrong secret in .env', {}, 3],
      ['Gong answering 500 and echoing the Authorization header', { ...env, GONG_BASE_URL: gateway.url('500') }, 1],
      ['Gong answering 401 and echoing the Authorization header', { ...env, GONG_BASE_URL: gateway.url('401') }, 3],
      ['Gong answering 403 and echoing the Bearer header', { ...bare, GONG_ACCESS_TOKEN: ACCESS_TOKEN, GONG_BASE_URL: gateway.url('403') }, 3],
      ['Gong answering 429 with a day-long Retry-After, echoing the header', { ...env, GONG_BASE_URL: gateway.url('429') }, 4],
      ['a proxy answering 502 HTML that quotes the header', { ...env, GONG_BASE_URL: gateway.url('html') }, 1],
      ['a proxy answering 200 with a page that quotes the header', { ...env, GONG_BASE_URL: gateway.url('200') }, 1],
      ['connections reset', { ...env, GONG_BASE_URL: gateway.url('reset') }, 1],
      ['nothing listening', { ...env, GONG_BASE_URL: `http://127.0.0.1:${closedPort}` }, 1],
    ];
    // Failures Gong may get over (5xx, resets, nothing listening) are retried for --retry-for
    // (10 minutes by default): 2 s here, then they end with exit 1.
    const RETRY_FOR = '2s';
    writeFileSync(join(envdir, '.env'), [`GONG_API_KEY=${ACCESS_KEY}:${WRONG_SECRET}`, `GONG_BASE_URL=${sim.url}`, 'PANDORA_GONG_RATE=off', `PANDORA_GONG_RETRY_FOR=${RETRY_FOR}`].join('\n'));
    const runs = await pooled(
      cases.map(([label, caseEnv, , extra], i) => () =>
        cli(`sync: ${label}`, ['sync', '--since', SINCE, '--db', file(`fail-${i}.db`), ...(extra ?? [])], label.includes('.env') ? { cwd: envdir } : { env: { ...caseEnv, PANDORA_GONG_RETRY_FOR: RETRY_FOR } }),
      ),
      6,
    );
    for (const [i, ran] of runs.entries()) {
      expectCode(ran, cases[i]![2]);
      // At most one line besides the JSON progress: no stack, no echo of a server's page.
      expect(ran.stderr.trim().split('\n').filter((l) => l && !l.startsWith('{')).length, ran.label).toBeLessThanOrEqual(1);
    }
    expect(runs.find((r) => r.label.includes('transcript scope'))!.stderr).toMatch(/api:calls:read:transcript/);
    expect(runs.find((r) => r.label.includes('500 and echoing'))!.stderr).toMatch(/Gong failed \(500\)/);
    expect(gateway.requests()).toBeGreaterThan(6);
    expectNoSecrets(runs.flatMap((r) => outputHits(r)));
  });

  it('simulate prints only its own demo credentials; a sync using them (against --faults) prints neither them nor ours', async () => {
    const crmDir = file('crm-export');
    const simulate = startCli(['simulate', '--json', '--seed', String(SEED), '--calls', String(CALLS), '--now', NOW_ISO, '--rate-limit', 'off', '--faults', '5xx=0.1,reset=0.05', '--fault-seed', '7', '--export-crm', crmDir], {
      env,
      timeoutMs: 60_000,
    });
    const text = startCli(['simulate', '--seed', '1', '--calls', '50'], { env, timeoutMs: 60_000 });
    const started = Date.now();
    while (!(simulate.stdoutText().includes('\n') && text.stdoutText().includes('Stop with Ctrl-C')) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
    const info = JSON.parse(simulate.stdoutText().split('\n')[0]!) as { url: string; accessKey: string; accessKeySecret: string; crmFiles: string[] };
    expect(info.accessKeySecret).toBe(DEMO_CREDENTIALS.accessKeySecret);
    expect(info.crmFiles.length).toBeGreaterThan(0);
    const { GONG_API_KEY: _unused, ...ours } = env;
    const sync = await cli('sync against `simulate --faults` with its credentials', ['sync', '--since', SINCE, '--db', file('simulated.db')], {
      env: { ...ours, GONG_API_KEY: `${info.accessKey}:${info.accessKeySecret}`, GONG_BASE_URL: info.url },
    });
    const wrong = await cli('sync against `simulate` with a wrong secret', ['sync', '--db', file('simulated-wrong.db')], {
      env: { ...ours, GONG_API_KEY: `${info.accessKey}:${WRONG_SECRET}`, GONG_BASE_URL: info.url },
    });
    simulate.kill('SIGTERM');
    text.kill('SIGTERM');
    const sims = [
      { label: 'simulate --json', ...(await simulate.result) },
      { label: 'simulate', ...(await text.result) },
    ];
    expectCode(sync, 0);
    expectCode(wrong, 3);
    for (const ran of sims) {
      expectCode(ran, 0);
      // Positive control: the scan does see the demo credentials simulate prints on purpose…
      expect(outputHits(ran, scanner).map((h) => h.secret), ran.label).toContain('simulator demo secret');
      // …and nothing else.
      expectNoSecrets(outputHits(ran, scannerForSimulate));
    }
    expectNoSecrets([...outputHits(sync), ...outputHits(wrong)]);
  });

  it('crm import, link, export, status, transcript, search and calls print no secret', async () => {
    const crmFiles = readdirSync(file('crm-export')).map((f) => file(`crm-export/${f}`));
    const db = file('main.db');
    const imported = await cli('crm import', ['crm', 'import', ...crmFiles, '--db', db], { env });
    expectCode(imported, 0);
    const importedJson = await cli('crm import --json --replace', ['crm', 'import', ...crmFiles, '--replace', '--json', '--db', db], { env });
    expectCode(importedJson, 0);
    const linked = await cli('link', ['link', '--db', db], { env });
    expectCode(linked, 0);
    const linkedJson = await cli('link --json', ['link', '--json', '--db', db], { env: { ...env, PANDORA_GONG_JSON: '1' } });
    expectCode(linkedJson, 0);
    const streams = ['users', 'calls', 'call_parties', 'transcripts', 'call_links', 'crm_accounts', 'crm_contacts', 'crm_deals'];
    const exports = await pooled(streams.flatMap((stream) => ['jsonl', 'csv'].map((format) => () => cli(`export ${stream} --format ${format}`, ['export', stream, '--format', format, '--db', db], { env }))));
    for (const ran of exports) expectCode(ran, 0);
    const rows = (stream: string) => exports.find((r) => r.label === `export ${stream} --format jsonl`)!.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const callId = String(rows('transcripts')[0]!.call_id);
    const links = rows('call_links');
    const account = links.find((l) => l.crm_object_type === 'account');
    const deal = links.find((l) => l.crm_object_type === 'deal');
    expect(account, 'a call linked to an account').toBeDefined();
    expect(deal, 'a call linked to a deal').toBeDefined();
    const accountName = String(rows('crm_accounts').find((a) => a.id === account!.crm_object_id)!.name);
    const queries = await pooled([
      () => cli('status', ['status', '--db', db], { env }),
      () => cli('status --json', ['status', '--json', '--db', db], { env }),
      () => cli('transcript', ['transcript', callId, '--db', db], { env }),
      () => cli('transcript --format markdown', ['transcript', callId, '--format', 'markdown', '--db', db], { env }),
      () => cli('transcript --format json', ['transcript', callId, '--format', 'json', '--db', db], { env }),
      () => cli('search', ['search', 'pricing OR security OR discount', '--db', db], { env }),
      () => cli('search --json', ['search', 'pricing', '--json', '--db', db], { env }),
      () => cli('calls --account NAME', ['calls', '--account', accountName, '--db', db], { env }),
      () => cli('calls --account ID --json', ['calls', '--account', String(account!.crm_object_id), '--json', '--db', db], { env }),
      () => cli('calls --deal', ['calls', '--deal', String(deal!.crm_object_id), '--db', db], { env }),
      () => cli('transcript of a missing call', ['transcript', '123', '--db', db], { env: { ...env, PANDORA_GONG_DEBUG: '1' } }),
    ]);
    for (const ran of queries.slice(0, -1)) expectCode(ran, 0);
    expectCode(queries.at(-1)!, 1);
    expect(JSON.parse(queries[1]!.stdout).counts.gong_calls).toBeGreaterThan(0);
    expect(queries[2]!.stdout).toMatch(/^\[\d{2}:\d{2}\] /);
    expect(JSON.parse(queries[6]!.stdout).length).toBeGreaterThan(0);
    expect(queries[7]!.stdout.length).toBeGreaterThan(0);
    expectNoSecrets([imported, importedJson, linked, linkedJson, ...exports, ...queries].flatMap((r) => outputHits(r)));
  });

  it('demo, with every secret in its environment, prints none of them (nor the simulator secret it uses)', async () => {
    const ran = await cli('demo', ['demo', '--db', file('demo.db'), '--calls', '150', '--seed', '2', '--json'], { env: { ...env, PANDORA_GONG_DEBUG: '1' } });
    expectCode(ran, 0);
    expect(ran.stdout).toMatch(/Sync complete/);
    expectNoSecrets(outputHits(ran));
    expect(mode(file('demo.db'))).toBe(0o600);
  });

  it('library errors (wrong credentials, Gong failures, bad keys, OAuth refusals) hold no secret in message, stack, JSON or inspect', async () => {
    const quick = { rateLimit: false as const, budget: false as const, retry: { maxAttempts: 2, baseDelayMs: 5 }, timeoutMs: 2_000 };
    const failures: [string, () => Promise<unknown>, new (...args: never[]) => Error][] = [
      ['wrong secret (401)', () => new GongClient({ ...quick, baseUrl: sim.url, accessKey: ACCESS_KEY, accessKeySecret: WRONG_SECRET }).users().toArray(), GongAuthError],
      ['wrong apiKey (401), callsExtensive', () => new GongClient({ ...quick, baseUrl: sim.url, apiKey: `${ACCESS_KEY}:${WRONG_SECRET}` }).callsExtensive({ from: SINCE, to: NOW_ISO }).toArray(), GongAuthError],
      ['wrong token (401)', () => new GongClient({ ...quick, baseUrl: sim.url, accessToken: WRONG_TOKEN }).users().toArray(), GongAuthError],
      ['token provider giving a wrong token', () => new GongClient({ ...quick, baseUrl: sim.url, tokenProvider: async () => WRONG_TOKEN }).users().toArray(), GongAuthError],
      ['token lacking a scope', () => new GongClient({ ...quick, baseUrl: sim.url, accessToken: NARROW_TOKEN }).transcripts({ from: SINCE, to: NOW_ISO }).toArray(), GongScopeError],
      ['token provider giving "Bearer …"', () => new GongClient({ ...quick, baseUrl: sim.url, tokenProvider: async () => `Bearer ${ACCESS_TOKEN}` }).users().toArray(), ConfigError],
      ['500 echoing the header', () => new GongClient({ ...quick, baseUrl: gateway.url('500'), apiKey: `${ACCESS_KEY}:${ACCESS_SECRET}` }).users().toArray(), GongServerError],
      ['401 echoing the header', () => new GongClient({ ...quick, baseUrl: gateway.url('401'), accessToken: ACCESS_TOKEN }).users().toArray(), GongAuthError],
      ['429 echoing the header', () => new GongClient({ ...quick, baseUrl: gateway.url('429'), apiKey: `${ACCESS_KEY}:${ACCESS_SECRET}` }).users().toArray(), GongQuotaExhaustedError],
      ['connection reset', () => new GongClient({ ...quick, baseUrl: gateway.url('reset'), apiKey: `${ACCESS_KEY}:${ACCESS_SECRET}` }).users().toArray(), GongConnectionError],
      ['connection refused', () => new GongClient({ ...quick, baseUrl: `http://127.0.0.1:${closedPort}`, apiKey: `${ACCESS_KEY}:${ACCESS_SECRET}` }).users().toArray(), GongConnectionError],
      ['timeout', () => new GongClient({ ...quick, timeoutMs: 300, baseUrl: gateway.url('hang'), apiKey: `${ACCESS_KEY}:${ACCESS_SECRET}` }).users().toArray(), GongTimeoutError],
      ['malformed apiKey', async () => new GongClient({ apiKey: `${ACCESS_KEY}:${ACCESS_SECRET}:x` }), ConfigError],
      ['apiKey with whitespace', async () => parseApiKey(`${ACCESS_KEY}:${ACCESS_SECRET} `), ConfigError],
      ['accessToken with whitespace', async () => new GongClient({ accessToken: `${ACCESS_TOKEN} x` }), ConfigError],
      ['base URL with credentials', async () => new GongClient({ baseUrl: `https://${ACCESS_KEY}:${encodeURIComponent(ACCESS_SECRET)}@api.gong.io`, apiKey: `${ACCESS_KEY}:${ACCESS_SECRET}` }), ConfigError],
      ['secret key one character short', async () => parseSecretKey(SECRET_KEY.slice(1)), ConfigError],
      ['secret key with a stray character', async () => parseSecretKey(`${SECRET_KEY}x`), ConfigError],
      ['secret key as hex, truncated', async () => secretKeyFromEnv({ PANDORA_GONG_SECRET_KEY: Buffer.from(SECRET_KEY, 'base64').toString('hex').slice(2) }), ConfigError],
      ['OAuth: wrong client secret', () => refreshOAuthToken({ tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: ENV_CLIENT_SECRET, refreshToken: oauth.initialRefreshToken }), GongAuthError],
      ['OAuth: unknown refresh token', () => refreshOAuthToken({ tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: ENV_REFRESH_TOKEN }), GongAuthError],
      ['OAuth: token endpoint down', () => refreshOAuthToken({ tokenUrl: `http://127.0.0.1:${closedPort}/oauth2/token`, clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: oauth.initialRefreshToken }), GongConnectionError],
      ['OAuth: token endpoint answering 500 with the header', () => refreshOAuthToken({ tokenUrl: gateway.url('500'), clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: oauth.initialRefreshToken }), GongServerError],
    ];
    // The OAuth app's secrets too: the client secret and the refresh token were sent above.
    const all = addOAuthSecrets(buildScanner(true));
    const hits: SecretHit[] = [];
    for (const [label, fail, kind] of failures) {
      const error = await fail().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `${label}: should have thrown`).toBeInstanceOf(kind);
      hits.push(...all.scanError(label, error));
    }
    // The objects that hold credentials show none either.
    const holders: [string, unknown][] = [
      ['GongClient (apiKey)', new GongClient({ baseUrl: sim.url, apiKey: `${ACCESS_KEY}:${ACCESS_SECRET}` })],
      ['GongClient (accessToken)', new GongClient({ baseUrl: sim.url, accessToken: ACCESS_TOKEN })],
      ['BasicCredentials', new BasicCredentials(ACCESS_KEY, ACCESS_SECRET)],
      ['SecretKey', parseSecretKey(SECRET_KEY)],
    ];
    for (const [label, holder] of holders) {
      hits.push(...all.scan(`${label}: inspect`, inspect(holder, { showHidden: true, depth: 12, getters: true })));
      hits.push(...all.scan(`${label}: JSON`, JSON.stringify(holder) ?? ''), ...all.scan(`${label}: String`, String(holder)), ...all.scan(`${label}: template`, `${holder as string}`));
    }
    // Every refresh was refused: the server handed out no access token.
    expect(oauth.refreshes()).toBe(0);
    expectNoSecrets(hits);
  });

  it('no file written by any command (databases, -wal/-shm, locks, CRM exports) holds a secret; every database file is 0600', () => {
    const { hits, files } = scanner.scanTree(workdir);
    // Soft: a missing file or a wrong mode is reported together with any leak, not instead of it.
    expect.soft(files).toEqual(expect.arrayContaining(['main.db', 'demo.db', 'snapshots/slow.db-wal', 'snapshots/slow.db-shm', 'simulated.db']));
    expect.soft(files.some((f) => f.startsWith('crm-export/'))).toBe(true);
    expect.soft(files.some((f) => f.startsWith('demo.db-crm/'))).toBe(true);
    const databases = files.filter((f) => !f.startsWith('snapshots/') && /\.db(-wal|-shm|\.sync-lock)?$/.test(f));
    expect.soft(databases.length).toBeGreaterThan(10);
    for (const f of databases) expect.soft(mode(file(f)), f).toBe(0o600);
    expectNoSecrets(hits);
  });
});
