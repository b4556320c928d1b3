import type { UntypedKysely } from '../untyped-kysely.js';

/**
 * The few column types that differ between the engines. Migrations are plain SQL written once
 * with these placeholders, so both engines get the same tables and columns.
 */
export type Engine = 'sqlite' | 'postgres';

export interface ColumnTypes {
  text: string;
  /** A UTC instant: ISO text ending in `Z` in SQLite, `timestamptz` in PostgreSQL. */
  time: string;
  /** JSON: text in SQLite, `jsonb` in PostgreSQL. */
  json: string;
  bool: string;
  int: string;
  real: string;
}

export const COLUMN_TYPES: Record<Engine, ColumnTypes> = {
  sqlite: { text: 'TEXT', time: 'TEXT', json: 'TEXT', bool: 'INTEGER', int: 'INTEGER', real: 'REAL' },
  postgres: { text: 'text', time: 'timestamptz', json: 'jsonb', bool: 'boolean', int: 'integer', real: 'double precision' },
};

/** One migration: an ordered list of statements per engine, applied in one transaction. */
export interface Migration {
  /** Sortable, never reused: `001-initial`. */
  id: string;
  statements(engine: Engine, t: ColumnTypes): string[];
  /**
   * Data the new tables can be filled with from what is already stored (call content from the
   * calls' `raw`), run after the statements in the same transaction.
   */
  backfill?(tx: UntypedKysely, engine: Engine): Promise<void>;
}
