import type { GongStore } from '../../store/gong-store.js';
import { crmDb } from '../crm-db.js';
import { loadCrmIndex, type CrmIndex } from './crm-index.js';
import { addLinkReport, emptyLinkReport, linkCalls, type LinkReport } from './link-calls.js';

/** Relinks calls as a sync commits them, with the CRM loaded once for the whole sync. */
export interface CallLinker {
  /** Relinks these calls (ids of calls no longer stored lose their links). */
  link(callIds: readonly string[]): Promise<LinkReport>;
  /** Everything linked so far, added up. */
  readonly totals: LinkReport;
}

/**
 * A linker for `syncGong`'s `afterCallsCommitted` hook (issue 4: "sync re-links new and changed
 * calls automatically when CRM data is present"). The CRM index is loaded on the first page,
 * after the users stream has stored the Gong users the company's own domains are learned from.
 *
 * @example
 * const linker = (await hasCrmData(store)) ? createCallLinker(store) : undefined;
 * await syncGong({ client, store, afterCallsCommitted: linker && ((_, ids) => linker.link(ids).then(() => {})) });
 */
export function createCallLinker(store: GongStore): CallLinker {
  let index: Promise<CrmIndex> | undefined;
  const totals = emptyLinkReport();
  return {
    async link(callIds) {
      index ??= loadCrmIndex(store);
      const report = await linkCalls(store, { callIds, index: await index });
      addLinkReport(totals, report);
      return report;
    },
    get totals() {
      return totals;
    },
  };
}

/**
 * Whether the store holds any CRM records for its connection (accounts, contacts or deals).
 *
 * @example if (await hasCrmData(store)) await linkCalls(store);
 */
export async function hasCrmData(store: GongStore): Promise<boolean> {
  const db = crmDb(store);
  for (const table of ['crm_accounts', 'crm_contacts', 'crm_deals'] as const) {
    const row = await db.selectFrom(table).select('id').where('connection_id', '=', store.connectionId).limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}
