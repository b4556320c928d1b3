import type { Kysely } from 'kysely';
import { TABLES, type Database } from '../schema/index.js';
import { TenantScopePlugin } from './tenant-scope-plugin.js';

/** The tables whose rows belong to one connection: those defined with `tenant: true`. */
export const TENANT_TABLES: ReadonlySet<string> = new Set(TABLES.filter((t) => t.tenant).map((t) => t.name));

/**
 * `db` (or a transaction) seen as one connection: see `tenant-scope-plugin.ts`.
 *
 * @example const calls = await scopeToConnection(db, 'acme').selectFrom('gong_calls').selectAll().execute();
 */
export function scopeToConnection<D extends Kysely<Database>>(db: D, connectionId: string): D {
  return db.withPlugin(new TenantScopePlugin(connectionId, TENANT_TABLES)) as D;
}
