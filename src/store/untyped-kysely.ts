import type { Kysely } from 'kysely';

/**
 * A Kysely instance whose tables are not typed. Kysely checks every table and column name
 * against the schema type it is given, which is what we want almost everywhere; a few queries
 * name their table at run time and cannot be checked that way: one upsert for every table, a
 * count over a list of tables, the migrations' own bookkeeping, pg-boss's tables, the export of
 * any table. They use this type, which is why it is the one `any` of `src/` (`eslint.config.js`
 * allows `no-explicit-any` in this file alone).
 *
 * @example const rows = await (store.allTenants as UntypedKysely).selectFrom(table).selectAll().execute();
 */
export type UntypedKysely = Kysely<any>;
