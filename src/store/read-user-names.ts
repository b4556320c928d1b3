import type { Kysely } from 'kysely';
import type { Database } from './schema/index.js';
import { chunk } from './upsert-rows.js';

/** A Gong user's name fields, as transcript rendering falls back to them. */
export interface StoredUserName {
  id: string;
  firstName: string | null;
  lastName: string | null;
  emailAddress: string | null;
}

/**
 * Names of one connection's Gong users, read through `db` (the store's Kysely, or a write
 * transaction's, so a page being stored sees the users it just wrote).
 */
export async function readUserNames(db: Kysely<Database>, connectionId: string, userIds: readonly string[]): Promise<Map<string, StoredUserName>> {
  const out = new Map<string, StoredUserName>();
  for (const ids of chunk([...new Set(userIds)], 500)) {
    const rows = await db
      .selectFrom('gong_users')
      .select(['id', 'first_name', 'last_name', 'email'])
      .where('connection_id', '=', connectionId)
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.id, { id: r.id, firstName: r.first_name, lastName: r.last_name, emailAddress: r.email });
  }
  return out;
}
