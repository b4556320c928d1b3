/**
 * `GET /v2/calls/manual-crm-associations` truth: calls a rep or manager associated by hand with a
 * CRM account and deal (ids from the simulator's CRM, so a linker can match them). Some calls are
 * re-associated later with another deal of the same account; Gong lists both events (S1), and
 * the newest one is the call's association. Right after the company's `now` one more
 * re-association happens, so an incremental sync sees one.
 */
import type { Company } from '../company/company.js';
import type { CrmDeal } from '../company/types.js';
import { hashSeed, Prng } from '../prng.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface ManualAssociation {
  callId: string;
  /** Who made it. */
  userId: string;
  createdMs: number;
  accountCrmId: string;
  /** Null when only the account was associated. */
  dealCrmId: string | null;
}

/**
 * Every association event, ascending by `createdMs` (ties by call id).
 *
 * @example latestManualAssociations(buildManualAssociations(company)).get(callId)?.dealCrmId
 */
export function buildManualAssociations(company: Company): ManualAssociation[] {
  const dealsByAccount = new Map<string, CrmDeal[]>();
  for (const deal of company.crm.deals) dealsByAccount.set(deal.accountId, [...(dealsByAccount.get(deal.accountId) ?? []), deal]);
  const out: ManualAssociation[] = [];
  for (const call of company.calls) {
    if (call.kind !== 'external' || call.accountId === null) continue;
    const rng = new Prng(hashSeed(call.seed, 'manual-association'));
    if (!rng.chance(0.08)) continue;
    const manager = company.userById(call.primaryUserId)?.managerId ?? null;
    const userId = manager && rng.chance(0.2) ? manager : call.primaryUserId;
    const deals = dealsByAccount.get(call.accountId) ?? [];
    // A call in the gap between deals is filed under the deal that followed it, when one did.
    const dealId = call.dealId ?? deals.find((d) => d.createdMs > call.startedMs)?.id ?? null;
    const createdMs = second(call.visibleAt + rng.logNormal(DAY, 1, 10 * MINUTE, 20 * DAY));
    out.push({ callId: call.id, userId, createdMs, accountCrmId: call.accountId, dealCrmId: dealId });
    const other = deals.filter((d) => d.id !== dealId);
    if (other.length > 0 && rng.chance(0.25)) {
      out.push({ callId: call.id, userId: call.primaryUserId, createdMs: second(createdMs + rng.logNormal(5 * DAY, 0.8, HOUR, 40 * DAY)), accountCrmId: call.accountId, dealCrmId: rng.pick(other).id });
    }
  }
  scheduleReassociationAfterNow(company, out, dealsByAccount);
  return out.sort((a, b) => a.createdMs - b.createdMs || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0));
}

function scheduleReassociationAfterNow(company: Company, events: ManualAssociation[], dealsByAccount: Map<string, CrmDeal[]>): void {
  const now = company.now;
  if (events.some((e) => e.createdMs > now && e.createdMs <= now + 2 * DAY && events.some((o) => o.callId === e.callId && o.createdMs < e.createdMs))) return;
  const latest = latestManualAssociations(events.filter((e) => e.createdMs <= now));
  for (const association of [...latest.values()].reverse()) {
    const other = (dealsByAccount.get(association.accountCrmId) ?? []).filter((d) => d.id !== association.dealCrmId);
    if (other.length === 0) continue;
    const rng = new Prng(hashSeed(company.seed, 'manual-reassociation'));
    events.push({ ...association, createdMs: second(now + DAY + rng.int(0, 6 * HOUR)), dealCrmId: rng.pick(other).id });
    return;
  }
}

/**
 * The newest association of each call among `events` (which must be in time order).
 *
 * @example latestManualAssociations(company.coaching.manualAssociationsAt(now)).size
 */
export function latestManualAssociations(events: readonly ManualAssociation[]): Map<string, ManualAssociation> {
  const latest = new Map<string, ManualAssociation>();
  for (const e of events) {
    const seen = latest.get(e.callId);
    if (!seen || seen.createdMs <= e.createdMs) latest.set(e.callId, e);
  }
  return latest;
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;
