import type { GongStore } from '../../store/gong-store.js';
import type { StoreWriter } from '../../store/store-writer.js';
import { loadCrmIndex, type CrmIndex } from './crm-index.js';
import { addLinkReport, emptyLinkReport, linkCalls, type LinkReport } from './link-calls.js';

/** Relinks calls as a sync commits them, with the CRM loaded once for the whole sync. */
export interface CallLinker {
  /** Loads the CRM index, outside any transaction (the sync calls it before its calls stream). */
  prepare(): Promise<void>;
  /** Relinks these calls in transactions of its own (ids of calls no longer stored lose their links). */
  link(callIds: readonly string[]): Promise<LinkReport>;
  /** Relinks these calls inside the caller's transaction; `prepare()` must have run. */
  linkWithin(writer: StoreWriter, callIds: readonly string[]): Promise<LinkReport>;
  /** Everything linked so far, added up. */
  readonly totals: LinkReport;
}

/**
 * A linker for `syncGong`'s `callsPageHook`: sync re-links new and changed calls by itself when
 * CRM data is present (docs/crm-linking.md). The CRM index is loaded just before the calls
 * stream, after the users stream has stored the Gong users the company's own domains are learned
 * from; each page's calls are then linked in the transaction that stores them.
 *
 * @example
 * const linker = (await hasCrmData(store)) ? createCallLinker(store) : undefined;
 * await syncGong({ client, store, callsPageHook: linker && { prepare: () => linker.prepare(), withinPage: (w, ids) => linker.linkWithin(w, ids) } });
 */
export function createCallLinker(store: GongStore): CallLinker {
  let index: Promise<CrmIndex> | undefined;
  let loaded: CrmIndex | undefined;
  const totals = emptyLinkReport();
  const prepare = async () => {
    index ??= loadCrmIndex(store);
    loaded = await index;
  };
  const count = (report: LinkReport) => {
    addLinkReport(totals, report);
    return report;
  };
  return {
    prepare,
    async link(callIds) {
      await prepare();
      return count(await linkCalls(store, { callIds, index: loaded }));
    },
    async linkWithin(writer, callIds) {
      if (!loaded) throw new TypeError('CallLinker.prepare() must run before linkWithin()');
      return count(await linkCalls(store, { callIds, index: loaded, writer }));
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
  const db = store.scoped;
  for (const table of ['crm_accounts', 'crm_contacts', 'crm_deals'] as const) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}
