import type { Kysely } from 'kysely';
import type { Database, DbBool } from './schema/index.js';
import type { Engine } from './migrations/index.js';
import type { StoreDialect } from './dialect.js';

/** Held while a sync runs on one connection; released by `release()` or by the process dying. */
export interface SyncLock {
  release(): Promise<void>;
}

/**
 * What differs between SQLite and PostgreSQL, behind one small interface (the storage contract
 * suite runs unchanged on both): how a write transaction starts, how migrations are serialised
 * across processes, how a sync lock is held, and how a boolean is written. Everything else is
 * shared Kysely code.
 */
export interface StoreEngine {
  readonly kind: Engine;
  readonly db: Kysely<Database>;
  /** The SQL that differs between the engines, for feature code (`dialect.ts`). */
  readonly dialect: StoreDialect;
  /** Where the data lives, safe to print (a path, or a URL without its password). */
  readonly location: string;
  /** Bound parameters one statement may carry: multi-row inserts are chunked to fit. */
  readonly maxParameters: number;
  /** Runs `fn` in one write transaction; every statement in it must go through `tx`. */
  write<T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Applies the migrations not yet applied, exactly once even with many processes starting. */
  migrate(): Promise<string[]>;
  /** Takes the per-connection sync lock, or returns null when another process holds it. */
  tryLockSync(connectionId: string): Promise<SyncLock | null>;
  bool(value: boolean): DbBool;
  close(): Promise<void>;
}
