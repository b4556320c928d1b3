import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { chmodSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { StoreError } from '../../errors.js';
import type { Database } from '../schema/index.js';
import type { StoreEngine, SyncLock } from '../engine.js';
import { applyMigrations, isSchemaCurrent } from '../migrations/apply-migrations.js';
import { trySqliteFileLock } from './sqlite-file-lock.js';
import { KeyedMutex } from '../../util/async-mutex.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { describedAs } from '../../util/redacted-inspect.js';

/**
 * Writers to one file within this process take turns here. better-sqlite3 is synchronous: a
 * second connection waiting on SQLite's busy handler would block the whole thread, including
 * the first writer it waits for. Other processes are handled by SQLite's own locking.
 */
const fileWriters = new KeyedMutex();
/** Sync locks held by this process, per file and connection. */
const heldSyncLocks = new Set<string>();

/** The `--db` path cannot hold a database (missing directory, a directory, not a database): the user's to fix, exit 2. */
const UNUSABLE_PATH = { kind: 'configuration' } as const;

/** SQLite's default bound-parameter ceiling since 3.32 is 32766; keep a margin. */
const MAX_PARAMETERS = 30_000;
/** How long a writer waits for another process's write (a `crm import` during a sync) before failing. */
const BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens (creating if needed) a SQLite database for the store: WAL so readers never block the
 * one writer, a busy timeout so concurrent CLI commands wait instead of failing, and a new file
 * created with mode 0600 because it holds customer conversations (an existing one that group or
 * others can read is tightened to 0600, with a warning on stderr).
 */
export function openSqliteEngine(path: string): StoreEngine {
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);
  if (!memory) createPrivateFile(file);
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = OFF');
  } catch (error) {
    throw new StoreError(`cannot open database ${file}: ${(error as Error).message}`, error, UNUSABLE_PATH);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  // An in-memory database is private to its connection, so it gets an identity of its own.
  const identity = memory ? `memory:${randomUUID()}` : file;
  const writers = fileWriters.for(identity);

  const engine: StoreEngine = {
    kind: 'sqlite',
    dialect: sqliteDialect,
    db,
    location: file,
    maxParameters: MAX_PARAMETERS,
    write: (fn) =>
      // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and
      // then writes can fail at once with SQLITE_BUSY instead of waiting for the other writer.
      writers.run(() => db.connection().execute(async (conn) => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`COMMIT`.execute(conn);
          return result;
        } catch (error) {
          if (raw.inTransaction) await sql`ROLLBACK`.execute(conn);
          throw error;
        }
      })),
    // A read first: `search` or `status` opening a current database must not queue for the write lock.
    migrate: async () => ((await isSchemaCurrent(db)) ? [] : engine.write((tx) => applyMigrations(tx, 'sqlite'))),
    async tryLockSync(connectionId): Promise<SyncLock | null> {
      // One process: a set. Across processes: an OS file lock that dies with its process, so a
      // sync killed with -9 never leaves a stale lock behind.
      const key = `${identity}\u0000${connectionId}`;
      if (heldSyncLocks.has(key)) return null;
      const fileLock = memory ? { release: async () => {} } : trySqliteFileLock(syncLockPath(file, connectionId));
      if (!fileLock) return null;
      heldSyncLocks.add(key);
      return {
        release: async () => {
          heldSyncLocks.delete(key);
          await fileLock.release();
        },
      };
    },
    bool: (value) => (value ? 1 : 0),
    close: async () => {
      await db.destroy();
    },
  };
  return describedAs(engine, () => `StoreEngine(sqlite ${engine.location})`, () => ({ kind: engine.kind, location: engine.location }));
}

/** `pandora-gong.db.sync-lock` for the single-tenant default; one side file per other connection. */
function syncLockPath(file: string, connectionId: string): string {
  if (connectionId === 'default') return `${file}.sync-lock`;
  return `${file}.sync-lock-${createHash('sha256').update(connectionId).digest('hex').slice(0, 16)}`;
}

function createPrivateFile(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) throw new StoreError(`cannot open database ${file}: directory ${dir} does not exist`, undefined, UNUSABLE_PATH);
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new StoreError(`cannot open database ${file}: it is a directory`, undefined, UNUSABLE_PATH);
    // Before SQLite opens it (its -wal and -shm files then take the database file's mode), but
    // only if it is one: a path naming another file (`--db package.json`) keeps its mode and is
    // refused by the open.
    if (isSqliteFile(file)) tightenExisting(file);
    return;
  }
  try {
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  } catch (error) {
    throw new StoreError(`cannot create database ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, error, UNUSABLE_PATH);
  }
}

/** An empty file (SQLite makes it a database) or one that starts with SQLite's header. */
function isSqliteFile(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const read = readSync(fd, header, 0, header.length, 0);
    return read === 0 || (read === header.length && header.equals(SQLITE_HEADER));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * An existing database (and its WAL and shared-memory side files) that group or others can read
 * is made 0600, with one warning line on stderr: it holds customer conversations. A file we may
 * not chmod (another user's) is left as it is, with the warning saying so.
 */
function tightenExisting(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    let mode: number;
    try {
      mode = statSync(path).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) === 0) continue;
    const was = mode.toString(8).padStart(4, '0');
    try {
      chmodSync(path, 0o600);
      process.stderr.write(`pandora-gong: warning: ${path} was readable by other users (mode ${was}); changed to 0600\n`);
    } catch (error) {
      process.stderr.write(`pandora-gong: warning: ${path} is readable by other users (mode ${was}) and could not be changed to 0600 (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`);
    }
  }
}
