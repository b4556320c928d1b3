import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPostgres, type TestPostgres } from './test-postgres.js';

/**
 * The engines a storage test runs against: the same suite, unchanged, on SQLite and on a real
 * PostgreSQL, with no mocks. Each `location()` call gives a fresh, empty database.
 */
export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  location(): Promise<string>;
  teardown(): Promise<void>;
}

export function sqliteTarget(): StoreTarget {
  let dir = '';
  let n = 0;
  return {
    name: 'sqlite',
    setup: async () => {
      dir = mkdtempSync(join(tmpdir(), 'pandora-gong-sqlite-'));
    },
    location: async () => join(dir, `store-${n++}.db`),
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresTarget(): StoreTarget {
  let server: TestPostgres | undefined;
  let first = true;
  return {
    name: 'postgres',
    setup: async () => {
      server = await startTestPostgres();
    },
    location: async () => {
      if (first) {
        first = false;
        return server!.url;
      }
      return server!.createDatabase();
    },
    teardown: async () => server?.stop(),
  };
}

export const STORE_TARGETS: (() => StoreTarget)[] = [sqliteTarget, postgresTarget];
