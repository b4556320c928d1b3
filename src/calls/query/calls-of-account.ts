import { sql, type RawBuilder } from 'kysely';

/**
 * The ids of the calls linked to an account, directly or through one of its deals, as a
 * subquery (every value bound).
 */
export function callsOfAccount(connectionId: string, accountId: string): RawBuilder<unknown> {
  return sql`SELECT l.call_id FROM gong_call_links AS l
      WHERE l.connection_id = ${connectionId} AND l.crm_object_type = 'account' AND l.crm_object_id = ${accountId}
      UNION
      SELECT l.call_id FROM gong_call_links AS l
      JOIN crm_deals AS d ON d.connection_id = l.connection_id AND d.id = l.crm_object_id
      WHERE l.connection_id = ${connectionId} AND l.crm_object_type = 'deal' AND d.account_id = ${accountId}`;
}
