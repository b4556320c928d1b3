import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCall, sampleParty } from '../../support/sample-records.js';
import { sql } from 'kysely';
import { generateSecretKey } from '../../../src/connections/secret-key.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import type { CallRecord } from '../../../src/store/records.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { startOAuthTokenServer, type OAuthTokenServer } from '../../support/oauth-token-server.js';
import { runCli } from '../../support/run-cli.js';
import { startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';

const KEY = generateSecretKey();
const SECRETS = {
  envSecret: 'env-secret-Zq8vW2nR5tY7uI9o',
  stdinSecret: 'stdin-secret-Hk3mN6bV1cX4zL0p',
  token: 'bearer-token-Qa7sD2fG5hJ8kL1z',
};

let pg: TestPostgres;
let store: GongStore;
let oauth: OAuthTokenServer;
let env: Record<string, string>;

beforeAll(async () => {
  await ensureBuilt();
  pg = await startTestPostgres();
  store = await openStore(pg.url);
  oauth = await startOAuthTokenServer({ apiBaseUrl: 'https://company-17.api.gong.example', expiresInSeconds: 3600 });
  env = { PANDORA_GONG_SECRET_KEY: KEY, PANDORA_GONG_DB: pg.url };
});
afterAll(async () => {
  await store?.close();
  await oauth?.close();
  await pg?.stop();
});

/** Every row of every table (ours and pg-boss's) as text, to look for secrets in. */
async function everythingStored(): Promise<string> {
  const { rows: tables } = await sql<{ s: string; t: string }>`
    SELECT table_schema AS s, table_name AS t FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`.execute(store.allTenants);
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const { rows } = await sql<{ r: string }>`SELECT x::text AS r FROM ${sql.table(`${s}.${t}`)} x`.execute(store.allTenants);
    parts.push(...rows.map((r) => r.r));
  }
  return parts.join('\n');
}

function call(id: string): CallRecord {
  return sampleCall(id, '2026-11-01T09:00:00.000Z', {
    scheduled_at: null,
    duration_seconds: 60,
    primary_user_id: '1',
    url: null,
    raw: { id },
    parties: [sampleParty('p1', { speaker_id: 's1', user_id: '1', email: 'a@b.example', name: 'A', affiliation: 'Internal' })],
  });
}

describe('pandora-gong connections (built CLI, real PostgreSQL)', () => {
  it('adds connections from the environment and from stdin, never from arguments', async () => {
    const fromEnv = await runCli(['connections', 'add', 'acme', '--base-url', 'https://us-11211.api.gong.io', '--since', '2026-01-01', '--every', '1h', '--daily-budget', '5000'], {
      env: { ...env, GONG_ACCESS_KEY: 'AK-acme', GONG_ACCESS_KEY_SECRET: SECRETS.envSecret },
    });
    expect(fromEnv.stderr).toBe('');
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toContain('added connection acme: basic auth, https://us-11211.api.gong.io');

    const fromStdin = await runCli(['connections', 'add', 'globex', '--credentials-stdin', '--rate', '2/s', '--limit-group', 'globex-co'], { env, input: `AK-globex:${SECRETS.stdinSecret}\n` });
    expect(fromStdin.code).toBe(0);
    const token = await runCli(['connections', 'add', 'initech', '--credentials-stdin', '--limit-group', 'globex-co'], { env, input: JSON.stringify({ accessToken: SECRETS.token }) });
    expect(token.code).toBe(0);
    const withOauth = await runCli(['connections', 'add', 'umbrella', '--oauth', '--token-url', oauth.tokenUrl, '--credentials-stdin'], {
      env: { ...env, GONG_OAUTH_CLIENT_ID: oauth.clientId, GONG_OAUTH_CLIENT_SECRET: oauth.clientSecret },
      input: `${oauth.initialRefreshToken}\n`,
    });
    expect(withOauth.stderr).toBe('');
    expect(withOauth.code).toBe(0);
    expect(withOauth.stdout).toContain('oauth auth, https://company-17.api.gong.example');

    const again = await runCli(['connections', 'add', 'acme'], { env: { ...env, GONG_API_KEY: 'x:y' } });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already');
    const onArgv = await runCli(['connections', 'add', 'hooli', '--api-key', 'AK:secret'], { env });
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toContain("unknown option '--api-key'");
  });

  it('lists connections without any secret, as text and JSON, and keeps none in the database in clear', async () => {
    const text = await runCli(['connections', 'list'], { env });
    const json = await runCli(['connections', 'list', '--json'], { env });
    expect(text.code).toBe(0);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as { name: string; authKind: string; limitKey: string; everySeconds: number | null; dailyBudget: number | null; since: string | null }[];
    expect(list.map((c) => [c.name, c.authKind, c.limitKey])).toEqual([
      ['acme', 'basic', 'acme'],
      ['globex', 'basic', 'globex-co'],
      ['initech', 'bearer', 'globex-co'],
      ['umbrella', 'oauth', 'umbrella'],
    ]);
    expect(list[0]).toMatchObject({ everySeconds: 3600, dailyBudget: 5000, since: '2026-01-01T00:00:00.000Z' });
    const secrets = [...Object.values(SECRETS), oauth.clientSecret, ...oauth.issuedRefreshTokens(), oauth.accessTokens[0]!, KEY];
    const stored = await everythingStored();
    for (const secret of secrets) {
      expect(text.stdout + text.stderr).not.toContain(secret);
      expect(json.stdout + json.stderr).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    expect(stored).toContain('https://us-11211.api.gong.io');
  });

  it('refuses without the key, with a malformed key, and on SQLite (exit 2)', async () => {
    const noKey = await runCli(['connections', 'add', 'hooli'], { env: { PANDORA_GONG_DB: pg.url, GONG_API_KEY: 'a:b' } });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('PANDORA_GONG_SECRET_KEY is not set');
    const badKey = await runCli(['connections', 'add', 'hooli'], { env: { ...env, PANDORA_GONG_SECRET_KEY: 'too-short', GONG_API_KEY: 'a:b' } });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('32 random bytes');
    const sqlite = await runCli(['connections', 'list', '--db', '/tmp/pandora-gong-never.db'], { env });
    expect(sqlite.code).toBe(2);
    expect(sqlite.stderr).toContain('needs PostgreSQL');
    const worker = await runCli(['worker', '--db', '/tmp/pandora-gong-never.db'], { env });
    expect(worker.code).toBe(2);
  });

  it('with a wrong PANDORA_GONG_SECRET_KEY: add and worker fail clearly, and nothing is corrupted', async () => {
    const before = await store.allTenants.selectFrom('connections').selectAll().orderBy('id').execute();
    const wrong = { ...env, PANDORA_GONG_SECRET_KEY: generateSecretKey() };
    const add = await runCli(['connections', 'add', 'hooli'], { env: { ...wrong, GONG_API_KEY: 'a:b' } });
    expect(add.code).toBe(2);
    expect(add.stderr).toContain('PANDORA_GONG_SECRET_KEY does not match the key');
    const worker = await runCli(['worker'], { env: wrong, timeoutMs: 30_000 });
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('PANDORA_GONG_SECRET_KEY does not match the key');
    expect(worker.stderr.trim().split('\n')).toHaveLength(1);
    expect(await store.allTenants.selectFrom('connections').selectAll().orderBy('id').execute()).toEqual(before);
    // The right key still opens everything.
    const list = await runCli(['connections', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toHaveLength(4);
  });

  it('queues on-demand syncs through the one-job gate and shows them in status', async () => {
    const first = await runCli(['connections', 'sync', 'acme', 'globex'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('acme: queued\nglobex: queued\n');
    const second = await runCli(['connections', 'sync', '--all'], { env });
    expect(second.stdout).toBe('acme: already queued\nglobex: already queued\ninitech: queued\numbrella: queued\n');
    expect((await runCli(['connections', 'sync', 'nope'], { env })).code).toBe(2);
    const status = await runCli(['status', '--json'], { env });
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { connections: { name: string; next: { state: string } | null; lastSync: unknown }[] };
    expect(report.connections.map((c) => [c.name, c.next?.state, c.lastSync])).toEqual([
      ['acme', 'queued', null],
      ['globex', 'queued', null],
      ['initech', 'queued', null],
      ['umbrella', 'queued', null],
    ]);
    const human = await runCli(['status'], { env });
    expect(human.stdout).toContain('Connections  4');
    expect(human.stdout).toMatch(/acme {2}never synced; next: queued at /);
  });

  it('removes a connection with every row it owns, and nothing of any other', async () => {
    for (const name of ['acme', 'globex']) {
      const s = store.forConnection(name);
      await s.write(async (w) => {
        await w.upsertCalls([call('1'), call('2')], '2026-11-20T00:00:00.000Z');
        await w.upsertTranscripts([{ call_id: '1', segments: [], text: 'hi', fetched_at: '2026-11-20T00:00:00.000Z' }]);
        await w.setStreamState('calls', { watermark: '2026-11-20T00:00:00.000Z' }, '2026-11-20T00:00:00.000Z');
      });
      await s.budgetStore().add(name === 'acme' ? 'acme' : 'globex-co', '2026-11-20', 7);
      await s.setMeta(`gong-clock-offset-ms:${name}`, '12');
    }
    const counts = async (name: string) => {
      const { rows } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.columns WHERE column_name = 'connection_id' AND table_schema = 'public'`.execute(store.allTenants);
      const out: Record<string, number> = {};
      for (const { table_name } of rows) {
        const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table_name)} WHERE connection_id = ${name}`.execute(store.allTenants);
        out[table_name] = Number(r.rows[0]!.n);
      }
      return out;
    };
    const globexBefore = await counts('globex');
    expect(globexBefore.gong_calls).toBe(2);

    const refused = await runCli(['connections', 'remove', 'acme'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    expect((await counts('acme')).gong_calls).toBe(2);

    const lock = await store.forConnection('acme').tryLockSync();
    const locked = await runCli(['connections', 'remove', 'acme', '--yes'], { env });
    await lock!.release();
    expect(locked.code).toBe(5);

    const removed = await runCli(['connections', 'remove', 'acme', '--yes'], { env });
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(Object.values(await counts('acme')).every((n) => n === 0)).toBe(true);
    expect(await counts('globex')).toEqual(globexBefore);
    expect(await store.budgetStore().load('acme', '2026-11-20')).toBe(0);
    expect(await store.budgetStore().load('globex-co', '2026-11-20')).toBe(7);
    expect(await store.getMeta('gong-clock-offset-ms:acme')).toBeUndefined();
    expect(await store.getMeta('gong-clock-offset-ms:globex')).toBe('12');
    const jobs = await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job WHERE singleton_key = 'acme' AND state < 'completed'`.execute(store.allTenants);
    expect(Number(jobs.rows[0]!.n)).toBe(0);
    expect((await runCli(['connections', 'remove', 'acme', '--yes'], { env })).code).toBe(2);

    // Removing one of two connections sharing a limit group keeps the group's counts.
    expect((await runCli(['connections', 'remove', 'initech', '--yes'], { env })).code).toBe(0);
    expect(await store.budgetStore().load('globex-co', '2026-11-20')).toBe(7);
    const left = JSON.parse((await runCli(['connections', 'list', '--json'], { env })).stdout) as { name: string }[];
    expect(left.map((c) => c.name)).toEqual(['globex', 'umbrella']);
  });
});
