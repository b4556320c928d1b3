import { sql } from 'kysely';
import type { GongStore } from './gong-store.js';
import { TABLES } from './schema/index.js';
import { productColumns, type AnyColumn, type AnyTable } from './schema/table.js';
import type { UntypedKysely } from './untyped-kysely.js';

/** How `export` streams one table: its product columns in order, booleans and JSON decoded. */
export interface ExportSpec {
  table: string;
  key: readonly string[];
  columns: readonly string[];
  booleans: readonly string[];
  json: readonly string[];
}

function exportSpecOf(table: AnyTable): ExportSpec {
  const kinds = Object.entries(table.columns as Record<string, AnyColumn>);
  return {
    table: table.name,
    key: table.key,
    columns: productColumns(table),
    booleans: kinds.filter(([, c]) => c.kind === 'bool').map(([name]) => name),
    json: kinds.filter(([, c]) => c.kind === 'json').map(([name]) => name),
  };
}

/** What `pandora-gong export` can stream, by name: every table of the schema that has one. */
export const EXPORT_STREAMS: Readonly<Record<string, ExportSpec>> = Object.freeze(
  Object.fromEntries(TABLES.flatMap((t: AnyTable) => (t.exportName ? [[t.exportName, exportSpecOf(t)]] : []))),
);

export type ExportStream = string;

const PAGE = 1000;

/**
 * A table's rows in key order, read a page at a time by keyset (never all in memory, never a
 * growing OFFSET), with booleans as booleans and JSON columns as values, identically from both
 * engines.
 */
export async function* exportRows(store: GongStore, stream: ExportStream): AsyncGenerator<Record<string, unknown>> {
  const spec = EXPORT_STREAMS[stream];
  if (!spec) throw new TypeError(`no export stream named ${stream}`);
  const db = store.scoped as UntypedKysely;
  const keyList = sql.join(spec.key.map((k) => sql.ref(k)));
  let after: unknown[] | undefined;
  for (;;) {
    let query = db
      .selectFrom(spec.table)
      .select([...new Set([...spec.columns, ...spec.key])]);
    if (after) {
      const values = sql.join(after.map((v) => sql`${v}`));
      query = query.where(sql<boolean>`(${keyList}) > (${values})`);
    }
    for (const key of spec.key) query = query.orderBy(key);
    const rows = await query.limit(PAGE).execute();
    for (const row of rows) yield shape(row, spec);
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = spec.key.map((k) => last[k]);
  }
}

function shape(row: Record<string, unknown>, spec: ExportSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of spec.columns) {
    const value = row[column];
    if (spec.booleans.includes(column)) out[column] = value === null ? null : Boolean(value);
    else if (spec.json.includes(column)) out[column] = typeof value === 'string' ? JSON.parse(value) : value;
    else out[column] = value;
  }
  return out;
}
