import type { GongStore } from '../store/gong-store.js';
import { CrmRecordLoader } from './crm-record-loader.js';
import type { CrmImportResult, CrmRecordRejection, CrmRecords } from './crm-records.js';

export interface ImportCrmOptions {
  /** Written to each row's `source` column: `salesforce`, `hubspot`, your connector's name. Default `api`. */
  source?: string;
  /**
   * Replace instead of merge: every kind this import brings (non-empty array) is emptied for the
   * store's connection first, in the same transaction, so records gone from the CRM go from the
   * store too. Kinds not brought are left alone.
   */
  replace?: boolean;
  /** Stamp for `imported_at` (default: now). */
  now?: string;
}

/**
 * Loads CRM records into `crm_accounts`, `crm_contacts`, `crm_deals` and `crm_deal_contacts` in
 * one transaction: an upsert by id (a record seen again replaces the stored one; within one call
 * the last record with an id wins). The records are one batch of `CrmRecordLoader`, the loader
 * `importCrmFiles` feeds a batch at a time. Records that cannot be used (no id, an email that is not an
 * address, an unreadable date, an account name that matches no account) are returned in
 * `rejected`; the rest still load. Calls are not relinked: run `linkCalls` afterwards.
 *
 * @example
 * const result = await importCrmRecords(store, {
 *   accounts: [{ id: '0018W00000Acme1QAB', name: 'Acme', website: 'https://www.acme.com/' }],
 *   contacts: [{ id: '003…', email: 'jane@acme.com', accountId: '0018W00000Acme1QAB' }],
 *   deals: [{ id: '006…', accountId: '0018W00000Acme1QAB', stage: 'Discovery', createdAt: '2026-01-05T10:00:00Z', closeDate: '2026-04-30' }],
 * }, { source: 'salesforce' });
 * await linkCalls(store);
 */
export async function importCrmRecords(store: GongStore, records: CrmRecords, options: ImportCrmOptions = {}): Promise<CrmImportResult> {
  const loaderOptions = { source: options.source ?? 'api', now: options.now ?? new Date().toISOString(), replace: options.replace === true };
  return store.write(async (writer) => {
    const loader = new CrmRecordLoader(store, writer, loaderOptions);
    const rejected: CrmRecordRejection[] = [
      ...(await loader.accounts(records.accounts ?? [])),
      ...(await loader.contacts(records.contacts ?? [])),
      ...(await loader.deals(records.deals ?? [])),
      ...(await loader.dealContacts(records.dealContacts ?? [])),
    ];
    return { ...loader.counts, rejected };
  });
}

export { nameKey } from './crm-record-rows.js';
