import { ConfigError } from '../errors.js';
import { DEFAULT_CONNECTION, GongStore } from './gong-store.js';
import type { StoreEngine } from './engine.js';
import { openSqliteEngine } from './sqlite/open-sqlite-engine.js';

export interface OpenStoreOptions {
  /** Whose rows this store reads and writes (multi-tenant mode); `default` for a single company. */
  connectionId?: string;
}

/** The default database: a SQLite file in the working directory (README.md, "Configuration"). */
export const DEFAULT_DB = './pandora-gong.db';

/**
 * Opens the store at `location` and brings its schema up to date: a `postgres://` or
 * `postgresql://` URL selects PostgreSQL, anything else is a SQLite file path (`:memory:` too).
 *
 * @example
 * const store = await openStore('./pandora-gong.db');
 * const pg = await openStore('postgres://user@localhost/pandora');
 */
export async function openStore(location: string = DEFAULT_DB, options: OpenStoreOptions = {}): Promise<GongStore> {
  const engine = await openEngine(location);
  try {
    await engine.migrate();
  } catch (error) {
    await engine.close();
    throw error;
  }
  return new GongStore(engine, options.connectionId ?? DEFAULT_CONNECTION);
}

/** Whether a `--db` value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

async function openEngine(location: string): Promise<StoreEngine> {
  if (location.trim() === '') throw new ConfigError('the database location is empty: give --db a file path or a postgres:// URL');
  if (isPostgresUrl(location)) {
    const { openPostgresEngine } = await import('./postgres/open-postgres-engine.js');
    return openPostgresEngine(location);
  }
  return openSqliteEngine(location);
}
