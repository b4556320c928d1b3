/**
 * The table this feature adds (migration `002-crm`) and the database type that includes it.
 * `schema.ts` describes the tables of `001-initial`; the deal↔contact association is CRM-only,
 * so it is typed here and the CRM code works on `Kysely<CrmDatabase>`.
 */
import type { Database, DbTime } from '../store/schema/index.js';

/**
 * Which contacts take part in a deal: Salesforce `OpportunityContactRole`, HubSpot's
 * "Associated Contact IDs" of a deal. A call whose participant is a contact on a deal prefers
 * that deal over the account's other open deals.
 */
export interface CrmDealContactsTable {
  connection_id: string;
  deal_id: string;
  contact_id: string;
  /** The contact's role on the deal as the CRM names it (`Decision Maker`…), if given. */
  role: string | null;
  source: string | null;
  imported_at: DbTime;
}

/** The store's tables plus `crm_deal_contacts`. */
export interface CrmDatabase extends Database {
  crm_deal_contacts: CrmDealContactsTable;
}

/** The three CRM record kinds, plus the deal↔contact association. */
export type CrmKind = 'accounts' | 'contacts' | 'deals' | 'deal-contacts';

export const CRM_KINDS: readonly CrmKind[] = ['accounts', 'contacts', 'deals', 'deal-contacts'];
