import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format, inspect } from 'node:util';
import { openStore } from '../../../src/store/open-store.js';
import { openReadOnlyStore } from '../../../src/store/open-read-only-store.js';
import { openJobQueue } from '../../../src/workers/job-queue.js';
import { startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';

/** Every way an object ends up in a log: inspect (deep, hidden fields too), console.log's formats, JSON, String. */
function renderings(value: object): string[] {
  return [
    inspect(value),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    format('%o %O %j', value, value, value),
    JSON.stringify(value) ?? '',
    JSON.stringify({ nested: { value } }),
  ];
}

describe('a PostgreSQL store never shows its URL\'s password', () => {
  let server: TestPostgres;
  let url: string;
  let password: string;
  beforeAll(async () => {
    server = await startTestPostgres();
    url = server.url;
    password = decodeURIComponent(new URL(url).password);
  }, 120_000);
  afterAll(async () => server?.stop());

  it('inspect, console.log and JSON of an opened store, its engine and a read-only store show the location without the password', async () => {
    expect(password.length).toBeGreaterThan(3);
    const store = await openStore(url);
    const reader = await openReadOnlyStore(url);
    try {
      for (const value of [store, store.engine, store.forConnection('acme'), reader, reader.engine]) {
        for (const text of renderings(value)) {
          expect(text).not.toContain(password);
          expect(text).not.toContain(encodeURIComponent(password));
        }
      }
      expect(inspect(store)).toBe(`GongStore(postgres ${store.engine.location}, connection default)`);
      expect(store.engine.location).toContain('***');
      expect(JSON.parse(JSON.stringify(store))).toEqual({ kind: 'postgres', location: store.engine.location, connectionId: 'default' });
      expect(format('%s', store.engine)).not.toContain(password);
    } finally {
      await reader.close();
      await store.close();
    }
  });

  it('nor does the job queue, whose pg-boss keeps the URL', async () => {
    const store = await openStore(url);
    const queue = await openJobQueue(store, url, { role: 'client', poolSize: 1 });
    try {
      for (const text of renderings(queue)) expect(text).not.toContain(password);
      expect(inspect(queue)).toMatch(/^JobQueue\(pgboss on postgres:\/\/postgres:\*\*\*@/);
    } finally {
      await queue.close();
      await store.close();
    }
  }, 60_000);
});

describe('a SQLite store inspects as its path', () => {
  it('shows the engine and the file, not the connection internals', async () => {
    const store = await openStore(':memory:');
    try {
      expect(inspect(store)).toBe('GongStore(sqlite :memory:, connection default)');
      expect(JSON.stringify(store.engine)).toBe('{"kind":"sqlite","location":":memory:"}');
    } finally {
      await store.close();
    }
  });
});
