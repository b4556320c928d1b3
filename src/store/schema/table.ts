/**
 * A table, described once (see `column.ts`): its name, its key, its columns, and how its rows hang
 * off another table's. Everything else the store knows about a table is derived from this.
 */
import type { Column, PlainOf, StoredOf } from './column.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any column kind, value, nullability and visibility
export type AnyColumn = Column<any, any, any, any>;
export type Columns = Record<string, AnyColumn>;

/**
 * Any table definition, whatever its columns (`keyof` makes the column type invariant, so a
 * specific table is not a `TableDefinition<string, Columns>`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnyTable = TableDefinition<string, any, boolean>;

export interface TableDefinition<Name extends string = string, C extends Columns = Columns, Tenant extends boolean = boolean> {
  name: Name;
  /** What the table holds, in one sentence (it reaches `export --help` and the JSON Schemas). */
  description: string;
  /** The key within one connection, in order (product.md names them). */
  key: readonly (keyof C & string)[];
  /**
   * Tenant tables carry `connection_id` first in their key: one PostgreSQL database holds many
   * companies apart, and every read and write is scoped to one of them.
   */
  tenant: Tenant;
  columns: C;
  /**
   * Rows that belong to a row of another table (`column` holds that row's `id`): they are removed
   * with it, and replaced when the stream that writes both re-reads it.
   */
  parent?: { table: string; column: keyof C & string };
  /** The name `pandora-gong export` and the protocol outputs know it by; internal tables have none. */
  exportName?: string;
}

/**
 * @example
 * export const gongWorkspaces = defineTable({
 *   name: 'gong_workspaces', description: 'Workspaces.', key: ['id'], tenant: true, exportName: 'workspaces',
 *   columns: { id: text(), name: text().nullable() },
 * });
 */
export function defineTable<const Name extends string, const C extends Columns, const Tenant extends boolean>(
  definition: TableDefinition<Name, C, Tenant>,
): TableDefinition<Name, C, Tenant> {
  for (const key of definition.key) {
    if (!(key in definition.columns)) throw new TypeError(`table ${definition.name}: key column ${key} is not a column`);
  }
  if (definition.parent && !(definition.parent.column in definition.columns)) {
    throw new TypeError(`table ${definition.name}: parent column ${definition.parent.column} is not a column`);
  }
  return Object.freeze(definition);
}

type Simplify<T> = { -readonly [K in keyof T]: T[K] } & {};

type TenantColumn<D> = D extends { tenant: true } ? { connection_id: string } : unknown;

/** A row as Kysely reads and writes it (the store's table types). */
export type TableRow<D> = D extends TableDefinition<string, infer C, boolean>
  ? Simplify<TenantColumn<D> & { [K in keyof C]: StoredOf<C[K]> }>
  : never;

type ProductKeys<C extends Columns> = { [K in keyof C]: C[K]['isInternal'] extends true ? never : K }[keyof C];

/** A row's product columns as plain JavaScript values: what the sync hands the store. */
export type PlainRow<D> = D extends TableDefinition<string, infer C, boolean> ? Simplify<{ [K in ProductKeys<C>]: PlainOf<C[K]> }> : never;

/** Names of a table's product columns, in order (internal bookkeeping left out). */
export function productColumns(table: AnyTable): string[] {
  return Object.entries(table.columns)
    .filter(([, column]) => !(column as AnyColumn).isInternal)
    .map(([name]) => name);
}

/** The full key of a table's rows in the database: `connection_id` first for tenant tables. */
export function storedKey(table: AnyTable): string[] {
  return table.tenant ? ['connection_id', ...table.key] : [...table.key];
}
