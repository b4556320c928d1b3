/**
 * Plain rows (JavaScript values: booleans, objects) → rows as the engine stores them, from the
 * table's column kinds: booleans as the engine writes them, JSON as text, everything else as is.
 */
import type { AnyColumn, AnyTable } from './schema/table.js';

export interface EncodeOptions {
  connectionId: string;
  bool(value: boolean): number | boolean;
  /** Values for internal columns the writer fills (`synced_at`, a seen marker). */
  extra?: Record<string, unknown>;
}

/**
 * @throws TypeError when a row lacks a column that others have: every row of one statement must
 * carry the same columns.
 */
export function encodeRows(table: AnyTable, rows: readonly Record<string, unknown>[], options: EncodeOptions): Record<string, unknown>[] {
  const columns = table.columns as Record<string, AnyColumn>;
  const extra = Object.entries(options.extra ?? {}).filter(([name]) => name in columns);
  return rows.map((row) => {
    const out: Record<string, unknown> = table.tenant ? { connection_id: options.connectionId } : {};
    for (const [name, value] of Object.entries(row)) {
      const column = columns[name];
      if (!column) throw new TypeError(`table ${table.name} has no column ${name}`);
      out[name] = encodeValue(column, value, options);
    }
    for (const [name, value] of extra) out[name] = value;
    return out;
  });
}

function encodeValue(column: AnyColumn, value: unknown, options: EncodeOptions): unknown {
  if (value === undefined || (value === null && column.kind !== 'json')) return null;
  if (value === null) return column.isNullable ? null : 'null';
  switch (column.kind) {
    case 'bool':
      return options.bool(Boolean(value));
    case 'json':
      return JSON.stringify(value);
    default:
      return value;
  }
}

/** Rows with the same key keep only the last: one statement cannot upsert a key twice. */
export function lastPerKey(rows: readonly Record<string, unknown>[], key: readonly string[]): Record<string, unknown>[] {
  if (rows.length < 2) return [...rows];
  const seen = new Map<string, Record<string, unknown>>();
  for (const row of rows) seen.set(key.map((k) => String(row[k])).join('\u0000'), row);
  return seen.size === rows.length ? [...rows] : [...seen.values()];
}
