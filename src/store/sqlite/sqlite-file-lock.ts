import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

/**
 * A cross-process lock that the operating system releases when its holder dies: an exclusive
 * transaction held open on a small side file. `kill -9` drops it with the process, so there is
 * no stale-lock detection to get wrong (no pid files, no heartbeats).
 *
 * @returns the lock, or null if another process (or connection) holds it.
 */
export function trySqliteFileLock(path: string): { release(): Promise<void> } | null {
  if (!existsSync(path)) {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const db = new BetterSqlite3(path, { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return null;
    throw error;
  }
  return {
    release: async () => {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}
