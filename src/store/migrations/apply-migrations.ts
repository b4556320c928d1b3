import { sql } from 'kysely';
import { COLUMN_TYPES, MIGRATIONS, type Engine } from './index.js';
import type { UntypedKysely } from '../untyped-kysely.js';

/**
 * Applies pending migrations inside the caller's write transaction (the caller holds the
 * engine's lock: SQLite's `BEGIN IMMEDIATE`, PostgreSQL's advisory lock), so a process killed
 * mid-migration leaves the schema exactly as it was, and concurrent openers migrate once.
 */
export async function applyMigrations(tx: UntypedKysely, engine: Engine): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (id ${sql.raw(COLUMN_TYPES[engine].text)} PRIMARY KEY, applied_at ${sql.raw(COLUMN_TYPES[engine].time)} NOT NULL)`.execute(tx);
  const done = new Set((await sql<{ id: string }>`SELECT id FROM schema_migrations`.execute(tx)).rows.map((r) => r.id));
  const applied: string[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.id)) continue;
    for (const statement of migration.statements(engine, COLUMN_TYPES[engine])) {
      await sql.raw(statement).execute(tx);
    }
    await migration.backfill?.(tx, engine);
    await sql`INSERT INTO schema_migrations (id, applied_at) VALUES (${migration.id}, ${new Date().toISOString()})`.execute(tx);
    applied.push(migration.id);
  }
  return applied;
}

/**
 * Whether every migration this build knows is already applied, read without any lock: opening an
 * up-to-date database (every command does) then never waits behind, or blocks, another writer.
 * Any failure (no table yet, not a database) means "not known to be current": the locked path decides.
 */
export async function isSchemaCurrent(db: UntypedKysely): Promise<boolean> {
  try {
    const done = new Set((await sql<{ id: string }>`SELECT id FROM schema_migrations`.execute(db)).rows.map((r) => r.id));
    return MIGRATIONS.every((m) => done.has(m.id));
  } catch {
    return false;
  }
}
