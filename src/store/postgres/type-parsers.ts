import pg from 'pg';

const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const JSON_OID = 114;
const JSONB = 3802;

/**
 * Type parsers for this package's pool only (never the global `pg.types`, which other code in
 * the process may rely on): timestamps come back as the same UTC ISO text SQLite stores, and
 * JSON as text, so the store reads identical values from both engines.
 */
export const postgresTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ || oid === TIMESTAMP) return (value: string) => pgTimeToIso(value);
    if (oid === JSON_OID || oid === JSONB) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;

/** `2026-09-01 12:00:00.123+00` (the session runs in UTC) → `2026-09-01T12:00:00.123Z`. */
export function pgTimeToIso(value: string): string {
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
