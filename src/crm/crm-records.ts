/**
 * CRM records as library users hand them in (`importCrmRecords`) and as the file importer
 * produces them from CSV/JSON exports. Ids are the CRM's own; a Salesforce id may be given in
 * its 15- or 18-character form (see `crmIdKey`).
 */
import type { CrmKind } from './crm-kinds.js';

/** A company: Salesforce Account, HubSpot Company. */
export interface CrmAccountInput {
  id: string;
  name?: string | null;
  /** The company's domain; a URL is accepted too. Takes precedence over `website`. */
  domain?: string | null;
  /** The website as typed into the CRM: `https://www.acme.com/about`, `acme.com`… */
  website?: string | null;
  /** The record as the CRM sent it, kept in `raw`. */
  raw?: unknown;
  /** Overrides the import's `source` for this record (files of several CRMs in one import). */
  source?: string;
}

/** A person at a company: Salesforce Contact, HubSpot Contact. */
export interface CrmContactInput {
  id: string;
  email?: string | null;
  accountId?: string | null;
  /**
   * The account's name, when the export has no account id (a Salesforce report without
   * "Account ID", a HubSpot "Associated Company"): resolved against the accounts imported with
   * it or before it; a name that matches no account, or several, rejects the record.
   */
  accountName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  raw?: unknown;
  source?: string;
}

/** A deal: Salesforce Opportunity, HubSpot Deal. */
export interface CrmDealInput {
  id: string;
  name?: string | null;
  accountId?: string | null;
  /** As for contacts: resolved to an account id when `accountId` is absent. */
  accountName?: string | null;
  stage?: string | null;
  amount?: number | null;
  /** When the deal was created: an ISO-8601 instant (no offset = UTC) or a `Date`. */
  createdAt?: string | Date | null;
  /** The close date (expected, or actual once closed): `YYYY-MM-DD`, an ISO instant (its date as written), or a `Date` (its UTC date). */
  closeDate?: string | Date | null;
  /** Derived from `stage` when absent (`Closed Won`, `closedlost`…). */
  isClosed?: boolean | null;
  isWon?: boolean | null;
  /** Contacts on the deal; replaces the deal's earlier associations. */
  contactIds?: readonly string[] | null;
  raw?: unknown;
  source?: string;
}

/** One contact's part in one deal (Salesforce `OpportunityContactRole`). */
export interface CrmDealContactInput {
  dealId: string;
  contactId: string;
  role?: string | null;
  source?: string;
}

/** Everything one import brings; any part may be left out. */
export interface CrmRecords {
  accounts?: readonly CrmAccountInput[];
  contacts?: readonly CrmContactInput[];
  deals?: readonly CrmDealInput[];
  dealContacts?: readonly CrmDealContactInput[];
}

/** A record that was not loaded, and why. `index` is its position in the array it came in. */
export interface CrmRecordRejection {
  kind: CrmKind;
  index: number;
  id: string | null;
  reason: string;
}

/** What an import did: rows written per kind, and the records left out. */
export interface CrmImportResult {
  accounts: number;
  contacts: number;
  deals: number;
  dealContacts: number;
  rejected: CrmRecordRejection[];
}
