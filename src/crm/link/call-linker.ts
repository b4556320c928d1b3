import type { GongStore } from '../../store/gong-store.js';
import type { StoreWriter } from '../../store/store-writer.js';
import { loadCrmIndex, type CrmIndex } from './crm-index.js';
import { countMatch, emptyLinkReport, linkCalls, type LinkReport } from './link-calls.js';
import type { CallMatch } from './match-call.js';

/** Relinks calls as a sync commits them, with the CRM loaded once for the whole sync. */
export interface CallLinker {
  /**
   * Loads the CRM index, outside any transaction (the sync calls it before each stream that
   * links). Until the store holds CRM records each call looks again, so a `crm import` that lands
   * during a sync is used from the next stream on.
   */
  prepare(): Promise<void>;
  /** Relinks these calls in transactions of its own (ids of calls no longer stored lose their links). */
  link(callIds: readonly string[]): Promise<LinkReport>;
  /** Relinks these calls inside the caller's transaction; `prepare()` must have run. */
  linkWithin(writer: StoreWriter, callIds: readonly string[]): Promise<LinkReport>;
  /**
   * Everything linked so far: each call counted once, as last matched (a call relinked when a
   * rep's association arrives counts with its final links), and every write made.
   */
  readonly totals: LinkReport;
  /** Whether the store held CRM records at a `prepare()`: before that, linking writes nothing. */
  readonly active: boolean;
}

/**
 * A linker for `syncGong`'s `callsPageHook`: sync re-links new and changed calls by itself when
 * CRM data is present (docs/crm-linking.md). The CRM index is loaded just before the calls
 * stream, after the users stream has stored the Gong users the company's own domains are learned
 * from; each page's calls are then linked in the transaction that stores them. A sync that
 * starts before the CRM is imported links from the first stream that runs after it.
 *
 * @example
 * const linker = createCallLinker(store);
 * await syncGong({ client, store, callsPageHook: { prepare: () => linker.prepare(), withinPage: (w, ids) => linker.linkWithin(w, ids) } });
 * if (linker.active) console.log(linker.totals);
 */
export function createCallLinker(store: GongStore): CallLinker {
  let prepared = false;
  let loaded: CrmIndex | undefined;
  const writes = emptyLinkReport();
  const latest = new Map<string, CallMatch>();
  const onMatch = (callId: string, match: CallMatch) => latest.set(callId, match);
  const prepare = async () => {
    prepared = true;
    // Without CRM records nothing would link, and a link run's links must not be wiped.
    if (!loaded && (await hasCrmData(store))) loaded = await loadCrmIndex(store);
  };
  const count = (report: LinkReport) => {
    writes.added += report.added;
    writes.changed += report.changed;
    writes.removed += report.removed;
    writes.elapsedMs += report.elapsedMs;
    return report;
  };
  return {
    prepare,
    async link(callIds) {
      await prepare();
      if (!loaded) return emptyLinkReport();
      return count(await linkCalls(store, { callIds, index: loaded, onMatch }));
    },
    async linkWithin(writer, callIds) {
      if (!prepared) throw new TypeError('CallLinker.prepare() must run before linkWithin()');
      if (!loaded) return emptyLinkReport();
      // Counted once the page commits: a page that rolls back (and is fetched again) linked nothing.
      const matches = new Map<string, CallMatch>();
      const report = await linkCalls(store, { callIds, index: loaded, writer, onMatch: (id, match) => matches.set(id, match) });
      writer.afterCommit(() => {
        for (const [id, match] of matches) latest.set(id, match);
        count(report);
      });
      return report;
    },
    get active() {
      return loaded !== undefined;
    },
    get totals() {
      const totals = emptyLinkReport();
      for (const match of latest.values()) countMatch(totals, match);
      return { ...totals, added: writes.added, changed: writes.changed, removed: writes.removed, elapsedMs: writes.elapsedMs };
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
