import { sql } from 'kysely';
import { closestAccountNames } from '../crm/query/closest-account-names.js';
import { resolveAccount, UnknownCrmObjectError } from '../crm/query/resolve-crm-object.js';
import type { GongStore } from '../store/gong-store.js';
import { searchDialectOf } from './search-dialect.js';

/**
 * What `search --account TEXT` filters on, checked like `calls --account`: accounts whose name
 * contains TEXT (any case), as the filter has always matched; else the one account TEXT names by
 * id or domain (as `calls` resolves it). No such account is an `UnknownCrmObjectError` (exit 1)
 * in one line with the closest account names, rather than a silent "No matches.".
 *
 * @example { ...await searchAccountFilter(store, 'acme') } // { account: 'acme' } or { accountId: '001…' }
 * @throws UnknownCrmObjectError (no such account, or no accounts at all); GongError (TEXT names several accounts)
 */
export async function searchAccountFilter(store: GongStore, text: string): Promise<{ account: string } | { accountId: string }> {
  const needle = text.replace(/\s+/gu, ' ').trim().toLowerCase();
  // An empty name is the search options' to refuse (exit 2).
  if (needle === '') return { account: text };
  const { rows } = await sql<{ one: number }>`
    SELECT 1 AS one FROM crm_accounts
    WHERE connection_id = ${store.connectionId} AND name IS NOT NULL AND ${searchDialectOf(store).contains(sql`name`, needle)}
    LIMIT 1`.execute(store.scoped);
  if (rows.length > 0) return { account: text };
  try {
    return { accountId: (await resolveAccount(store, text)).id };
  } catch (error) {
    if (!(error instanceof UnknownCrmObjectError)) throw error;
    const closest = await closestAccountNames(store, text);
    if (closest.length === 0) throw error;
    throw new UnknownCrmObjectError(
      `no CRM account's name contains "${text.trim()}" (nor is it an account id or domain); the closest account names are ${closest.map((n) => `"${n}"`).join(', ')}`,
    );
  }
}
