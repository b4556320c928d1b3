/**
 * One column of a table, described once: its value kind, whether it may be null, and whether it
 * is part of the product contract or internal bookkeeping. The store's Kysely types, the row
 * encoding for both engines, `export`, `status` and the JSON Schemas of the protocol outputs are
 * all derived from these descriptions, so they cannot drift apart.
 */

/** How a value is stored: the few types that differ between the engines are named here. */
export type ColumnKind = 'text' | 'time' | 'json' | 'bool' | 'int' | 'real';

/** A stored boolean: `0`/`1` in SQLite, `true`/`false` in PostgreSQL. Read it with `Boolean(x)`. */
export type DbBool = number | boolean;
/** UTC ISO-8601 text ending in `Z` (SQLite), `timestamptz` (PostgreSQL, read back as the same text). */
export type DbTime = string;
/** JSON text (SQLite `TEXT`, PostgreSQL `jsonb`, read back as text). */
export type DbJson = string;

/** The value a column holds in the database, as Kysely reads and writes it. */
export interface StoredValue {
  text: string;
  time: DbTime;
  json: DbJson;
  bool: DbBool;
  int: number;
  real: number;
}

/** The value a column holds in JavaScript, before the engine encodes it (booleans, objects). */
export interface PlainValue {
  text: string;
  time: string;
  json: unknown;
  bool: boolean;
  int: number;
  real: number;
}

/**
 * A column. `T` narrows a text column to literal values (`'account' | 'deal'`); `N` says whether
 * it may be null; `I` whether it is internal (left out of exports and schemas).
 */
export class Column<K extends ColumnKind = ColumnKind, T = PlainValue[K], N extends boolean = boolean, I extends boolean = boolean> {
  /** Type-level only: carries `T` so that it can be inferred from a column. */
  declare readonly valueType?: T;

  constructor(
    readonly kind: K,
    readonly isNullable: N,
    readonly isInternal: I,
    readonly description: string | undefined,
    /** A JSON Schema for the value of a `json` column, when more is known than "any JSON". */
    readonly valueSchema: Record<string, unknown> | undefined,
  ) {}

  /** The same column, allowed to be null. */
  nullable(): Column<K, T, true, I> {
    return new Column(this.kind, true, this.isInternal, this.description, this.valueSchema);
  }

  /** The same column, marked as the store's own bookkeeping (not exported, not in schemas). */
  internal(): Column<K, T, N, true> {
    return new Column(this.kind, this.isNullable, true, this.description, this.valueSchema);
  }

  /** The same column with a description (it reaches the JSON Schemas). */
  describe(description: string): Column<K, T, N, I> {
    return new Column(this.kind, this.isNullable, this.isInternal, description, this.valueSchema);
  }

  /** The same `json` column with a schema for its value. */
  shaped(schema: Record<string, unknown>): Column<K, T, N, I> {
    return new Column(this.kind, this.isNullable, this.isInternal, this.description, schema);
  }
}

const column = <K extends ColumnKind, T = PlainValue[K]>(kind: K) => new Column<K, T, false, false>(kind, false, false, undefined, undefined);

export const text = () => column<'text', string>('text');
/** Text that holds one of a few values: `textOf<'account' | 'deal'>()`. */
export const textOf = <T extends string>() => column<'text', T>('text');
/** A UTC instant. */
export const time = () => column('time');
/** A JSON value (objects, arrays), stored as text in SQLite and `jsonb` in PostgreSQL. */
export const json = () => column('json');
export const bool = () => column('bool');
export const int = () => column('int');
export const real = () => column('real');

/** The stored value type of a column. */
export type StoredOf<C> = C extends Column<infer K, infer T, infer N, boolean>
  ? (K extends 'text' ? T : StoredValue[K]) | (N extends true ? null : never)
  : never;

/** The plain JavaScript value type of a column. */
export type PlainOf<C> = C extends Column<infer K, infer T, infer N, boolean>
  ? (K extends 'text' ? T : PlainValue[K]) | (N extends true ? null : never)
  : never;
