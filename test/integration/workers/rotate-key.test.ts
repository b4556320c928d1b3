import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { runCli } from '../../../src/cli/program.js';
import type { CliRuntime } from '../../../src/cli/cli-runtime.js';
import { ConnectionRepository } from '../../../src/connections/connection-repository.js';
import { SecretKeyMismatchError } from '../../../src/connections/connection-errors.js';
import { generateSecretKey, parseSecretKey } from '../../../src/connections/secret-key.js';
import { sealCredentials } from '../../../src/connections/credential-box.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';

const OLD = generateSecretKey();
const NEW = generateSecretKey();
const SECRET = 'rotate-secret-Pq2wE4rT6yU8iO0a';

async function cli(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (d: Buffer) => (stdout += d.toString()));
  const err = new PassThrough().on('data', (d: Buffer) => (stderr += d.toString()));
  const runtime: CliRuntime = { stdout: out, stderr: err, cwd: tmpdir(), env: () => env, signal: new AbortController().signal };
  const code = await runCli(['node', 'pandora-gong', ...args], runtime);
  return { code, stdout, stderr };
}

describe('connections rotate-key on PostgreSQL', () => {
  let pg: TestPostgres;
  let store: GongStore;
  const settings = (name: string) => ({ name, baseUrl: 'https://api.gong.io', since: null, everySeconds: null, dailyBudget: null, rate: '3/s', limitKey: name, oauthTokenUrl: null });
  beforeAll(async () => {
    pg = await startTestPostgres();
    store = await openStore(pg.url);
    const repo = new ConnectionRepository(store);
    for (const name of ['acme', 'globex', 'initech']) await repo.add(settings(name), { kind: 'basic', accessKey: `key-${name}`, accessKeySecret: `${SECRET}-${name}` }, parseSecretKey(OLD));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await pg?.stop();
  });

  const snapshot = async () => (await store.allTenants.selectFrom('connections').select(['id', 'key_id', 'credentials']).orderBy('id').execute());

  it('refuses a wrong old key with a clear message and changes nothing', async () => {
    const before = await snapshot();
    const r = await cli(['connections', 'rotate-key', '--db', pg.url], { PANDORA_GONG_SECRET_KEY: generateSecretKey(), PANDORA_GONG_NEW_SECRET_KEY: NEW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PANDORA_GONG_SECRET_KEY does not match the key the credentials of connections "acme", "globex", "initech" were encrypted with/);
    expect(await snapshot()).toEqual(before);
    const same = await cli(['connections', 'rotate-key', '--db', pg.url], { PANDORA_GONG_SECRET_KEY: OLD, PANDORA_GONG_NEW_SECRET_KEY: OLD });
    expect(same.code).toBe(2);
    const bad = await cli(['connections', 'rotate-key', '--db', pg.url], { PANDORA_GONG_SECRET_KEY: OLD, PANDORA_GONG_NEW_SECRET_KEY: 'not-a-key' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^pandora-gong: PANDORA_GONG_NEW_SECRET_KEY must be 32 random bytes/);
    expect(await snapshot()).toEqual(before);
  });

  it('re-encrypts every connection: the old key no longer opens them, the new one does, a rerun is a no-op; no key is printed', async () => {
    const r = await cli(['connections', 'rotate-key', '--db', pg.url], { PANDORA_GONG_SECRET_KEY: OLD, PANDORA_GONG_NEW_SECRET_KEY: NEW });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^re-encrypted 3 connection\(s\) from key [0-9a-f]{16} to key [0-9a-f]{16}; 0 already on the new key/);
    for (const text of [r.stdout, r.stderr]) for (const key of [OLD, NEW]) expect(text).not.toContain(key);
    const repo = new ConnectionRepository(store);
    for (const name of ['acme', 'globex', 'initech']) {
      await expect(repo.openSecrets(name, parseSecretKey(OLD))).rejects.toBeInstanceOf(SecretKeyMismatchError);
      expect((await repo.openSecrets(name, parseSecretKey(NEW))).secrets).toEqual({ kind: 'basic', accessKey: `key-${name}`, accessKeySecret: `${SECRET}-${name}` });
    }
    const after = await snapshot();
    expect(after.every((row) => row.key_id === parseSecretKey(NEW).id)).toBe(true);
    const again = await cli(['connections', 'rotate-key', '--json', '--db', pg.url], { PANDORA_GONG_SECRET_KEY: OLD, PANDORA_GONG_NEW_SECRET_KEY: NEW });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rotated: 0, alreadyRotated: 3 });
    expect(await snapshot()).toEqual(after);
  });

  it('completes a partial run: rows still on the old key are re-sealed, the rest skipped', async () => {
    // A run interrupted half-way (or a row an old-key process wrote back) leaves a mix of keys.
    const old = parseSecretKey(OLD);
    await store.allTenants
      .updateTable('connections')
      .set({ credentials: sealCredentials(old, 'globex', { kind: 'basic', accessKey: 'key-globex', accessKeySecret: `${SECRET}-globex` }), key_id: old.id })
      .where('id', '=', 'globex')
      .execute();
    const r = await cli(['connections', 'rotate-key', '--json', '--db', pg.url], { PANDORA_GONG_SECRET_KEY: OLD, PANDORA_GONG_NEW_SECRET_KEY: NEW });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rotated: 1, alreadyRotated: 2 });
    expect((await new ConnectionRepository(store).openSecrets('globex', parseSecretKey(NEW))).secrets).toMatchObject({ accessKey: 'key-globex' });
  });
});
