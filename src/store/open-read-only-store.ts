import { sql } from 'kysely';
import { StoreError } from '../errors.js';
import type { StoreEngine } from './engine.js';
import { DEFAULT_CONNECTION, GongStore } from './gong-store.js';
import { isSchemaCurrent } from './migrations/apply-migrations.js';
import { isPostgresUrl } from './open-store.js';
import { openSqliteReader } from './sqlite/open-sqlite-reader.js';

export interface OpenReadOnlyStoreOptions {
  /** Whose rows to read (multi-tenant mode); `default` for a single company. */
  connectionId?: string;
}

/**
 * Opens the store for reading only: SQLite with `SQLITE_OPEN_READONLY`, PostgreSQL with every
 * session in `default_transaction_read_only`. The database must already exist with the schema
 * of this build (a reader never migrates: run `pandora-gong sync` or `status` once after an
 * upgrade). A named connection must exist (multi-tenant mode), so that a typo never answers
 * from an empty tenant as if nothing had been synced.
 *
 * @example
 * const store = await openReadOnlyStore('postgres://reader@db/pandora', { connectionId: 'acme' });
 */
export async function openReadOnlyStore(location: string, options: OpenReadOnlyStoreOptions = {}): Promise<GongStore> {
  const connectionId = options.connectionId ?? DEFAULT_CONNECTION;
  const engine = await openReaderEngine(location);
  try {
    if (!(await isSchemaCurrent(engine.db))) {
      throw new StoreError(
        `the database at ${engine.location} has no schema or an older one: run \`pandora-gong status --db …\` once with this version to bring it up to date`,
        undefined,
        { kind: 'configuration' },
      );
    }
    if (connectionId !== DEFAULT_CONNECTION) await requireConnection(engine, connectionId);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return new GongStore(engine, connectionId);
}

async function openReaderEngine(location: string): Promise<StoreEngine> {
  if (location.trim() === '') throw new StoreError('the database location is empty: give --db a file path or a postgres:// URL', undefined, { kind: 'configuration' });
  if (isPostgresUrl(location)) {
    const { openPostgresEngine } = await import('./postgres/open-postgres-engine.js');
    // Enough connections for one answer's parallel questions and a few clients at once.
    return openPostgresEngine(location, 8, { readOnly: true });
  }
  return openSqliteReader(location);
}

async function requireConnection(engine: StoreEngine, connectionId: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM connections ORDER BY id`.execute(engine.db);
  if (rows.some((r) => r.id === connectionId)) return;
  const names = rows.map((r) => r.id);
  throw new StoreError(
    `no connection named "${connectionId}" in ${engine.location}: ${names.length === 0 ? 'it has none (add one with `pandora-gong connections add`)' : `it has ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`}`,
    undefined,
    { kind: 'configuration' },
  );
}
