import type { GongStore } from '../../store/gong-store.js';
import { loadCrmIndex } from '../link/crm-index.js';
import { matchCall } from '../link/match-call.js';
import { readCallBatch } from '../link/read-calls-for-linking.js';

/** What `status` shows about links (docs/crm-linking.md, "Commands"). */
export interface CallLinkSummary {
  calls: number;
  /** Calls with at least one stored account link. */
  linkedCalls: number;
  /** Calls with outside participants (or none recorded) and no account link. */
  unlinkedCalls: number;
  /** Calls among only the company's own people: never linked, so not "unlinked". */
  internalOnlyCalls: number;
  accountLinks: number;
  dealLinks: number;
  /**
   * Registrable domains of outside participants on unlinked calls that match no CRM account or
   * contact, with how many unlinked calls each is on, most first: the accounts to add to the
   * CRM. Free-mail and the company's own domains are never listed.
   */
  topUnmatchedDomains: { domain: string; calls: number }[];
}

/**
 * Counts linked, unlinked and internal-only calls and finds the top unmatched domains. Linked
 * means linked in `gong_call_links` now; whether an unlinked call is internal-only, and which of
 * its domains the CRM lacks, is judged against the CRM as it is now (the same rules as `link`).
 *
 * @example const { linkedCalls, unlinkedCalls, topUnmatchedDomains } = await summarizeCallLinks(store);
 */
export async function summarizeCallLinks(store: GongStore, options: { top?: number } = {}): Promise<CallLinkSummary> {
  const links = await store.scoped
    .selectFrom('gong_call_links')
    .select(['call_id', 'crm_object_type'])
    .execute();
  const linked = new Set<string>();
  let accountLinks = 0;
  let dealLinks = 0;
  for (const link of links) {
    if (link.crm_object_type === 'account') {
      accountLinks++;
      linked.add(link.call_id);
    } else dealLinks++;
  }
  const index = await loadCrmIndex(store);
  const domains = new Map<string, number>();
  const summary: CallLinkSummary = { calls: 0, linkedCalls: 0, unlinkedCalls: 0, internalOnlyCalls: 0, accountLinks, dealLinks, topUnmatchedDomains: [] };
  let after: string | undefined;
  const batch = 2000;
  for (;;) {
    const read = await readCallBatch(store, after, batch, false);
    const calls = read?.calls ?? [];
    for (const call of calls) {
      summary.calls++;
      if (linked.has(call.id)) {
        summary.linkedCalls++;
        continue;
      }
      const match = matchCall(call, index);
      if (match.audience === 'internal-only') {
        summary.internalOnlyCalls++;
        continue;
      }
      summary.unlinkedCalls++;
      for (const domain of match.unmatchedDomains) domains.set(domain, (domains.get(domain) ?? 0) + 1);
    }
    if (!read || calls.length < batch) break;
    after = read.last;
  }
  summary.topUnmatchedDomains = [...domains]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.top ?? 10)
    .map(([domain, calls]) => ({ domain, calls }));
  return summary;
}
