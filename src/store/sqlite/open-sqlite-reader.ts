import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StoreError } from '../../errors.js';
import type { Database } from '../schema/index.js';
import type { StoreEngine } from '../engine.js';
import { sqliteDialect } from './sqlite-dialect.js';

/**
 * A SQLite database opened read-only (`SQLITE_OPEN_READONLY`): SQLite itself refuses every
 * write on this connection, so a reader (the MCP server) cannot change the file whatever SQL
 * reaches it. The file must exist; it is never created, and its schema is never migrated here.
 */
export function openSqliteReader(path: string): StoreEngine {
  const file = resolve(path);
  if (!existsSync(file)) {
    throw new StoreError(`no database at ${file}: run \`npx pandora-gong sync\` first, or point --db / PANDORA_GONG_DB at an existing one`, undefined, { kind: 'configuration' });
  }
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    // A reader waits for a writer's checkpoint rather than failing with SQLITE_BUSY.
    raw.pragma('busy_timeout = 5000');
    raw.pragma('query_only = ON');
  } catch (error) {
    throw new StoreError(`cannot open database ${file}: ${(error as Error).message}`, error, { kind: 'configuration' });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    kind: 'sqlite',
    db,
    dialect: sqliteDialect,
    location: file,
    maxParameters: 30_000,
    write: () => Promise.reject(readOnly(file)),
    migrate: () => Promise.reject(readOnly(file)),
    tryLockSync: () => Promise.reject(readOnly(file)),
    bool: (value) => (value ? 1 : 0),
    close: () => db.destroy(),
  };
}

function readOnly(file: string): StoreError {
  return new StoreError(`the database ${file} is open read-only here`);
}
