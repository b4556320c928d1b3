import { sql } from 'kysely';
import type { GongStore } from '../../src/store/gong-store.js';

/** A table's columns as the database itself describes them: name → may it be null. */
export async function storedColumns(store: GongStore, table: string): Promise<Map<string, boolean>> {
  if (store.kind === 'sqlite') {
    const { rows } = await sql<{ name: string; notnull: number; pk: number }>`SELECT name, "notnull", pk FROM pragma_table_info(${table})`.execute(store.allTenants);
    return new Map(rows.map((r) => [r.name, r.notnull === 0 && r.pk === 0]));
  }
  const { rows } = await sql<{ column_name: string; is_nullable: string }>`
    SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(store.allTenants);
  return new Map(rows.map((r) => [r.column_name, r.is_nullable === 'YES']));
}

/** A table's primary key columns, in order. */
export async function storedPrimaryKey(store: GongStore, table: string): Promise<string[]> {
  if (store.kind === 'sqlite') {
    const { rows } = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(store.allTenants);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ column_name: string }>`
    SELECT a.attname AS column_name
    FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${table}::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey, a.attnum)`.execute(store.allTenants);
  return rows.map((r) => r.column_name);
}
