import { sql } from 'kysely';
import type { GongStore } from '../../store/gong-store.js';

/** How many calls are linked, in one grouped query. */
export interface CallLinkCounts {
  calls: number;
  /** Calls with at least one account link. */
  linkedCalls: number;
  accountLinks: number;
  dealLinks: number;
}

/**
 * The link counts of `status` without judging the unlinked calls against the CRM
 * (`summarizeCallLinks` reads every call for that; this answers in milliseconds at any size).
 *
 * @example const { linkedCalls, calls } = await countCallLinks(store);
 */
export async function countCallLinks(store: GongStore): Promise<CallLinkCounts> {
  const id = store.connectionId;
  const { rows } = await sql<{ calls: number | string; linked: number | string; accounts: number | string; deals: number | string }>`
    SELECT (SELECT count(*) FROM gong_calls WHERE connection_id = ${id}) AS calls,
      (SELECT count(DISTINCT call_id) FROM gong_call_links WHERE connection_id = ${id} AND crm_object_type = 'account') AS linked,
      (SELECT count(*) FROM gong_call_links WHERE connection_id = ${id} AND crm_object_type = 'account') AS accounts,
      (SELECT count(*) FROM gong_call_links WHERE connection_id = ${id} AND crm_object_type = 'deal') AS deals`.execute(store.scoped);
  const row = rows[0]!;
  return { calls: Number(row.calls), linkedCalls: Number(row.linked), accountLinks: Number(row.accounts), dealLinks: Number(row.deals) };
}
