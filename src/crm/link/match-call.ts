/**
 * Which CRM accounts and deals one call belongs to (docs/crm-linking.md, "Matching rules"), as a
 * pure function of the call, its participants and the `CrmIndex`. Evidence, strongest first:
 * 0. `gong_manual`: the accounts and deals a rep associated with the call by hand in Gong. A
 *    deal named so is the deal of its account: it wins over the one the linker would choose.
 *    It holds even on a call with only internal participants (a rep said so).
 * 1. `gong_context`: the Account/Opportunity objects Gong attached to the call, when they are in
 *    the imported CRM (an Opportunity also links its account).
 * 2. `contact_email`: an external participant's address is a contact's (`emailMatchKey`).
 * 3. `email_domain`: an external participant's domain, or a parent of it, is an account's domain.
 *    Free-mail domains and the company's own never link. A domain several accounts share links
 *    each at a lower confidence, unless rule 1 or 2 already linked one of them on this call:
 *    then that evidence has told them apart, and the others are left out.
 * Each account then gets at most one deal (`selectDeal`), unless Gong named an Opportunity of it.
 * A call with participants who are all internal gets no links at all.
 */
import { crmIdKey } from '../crm-id-key.js';
import { addressFacts, type AddressFacts, type CrmIndex, type IndexedDeal } from './crm-index.js';
import { LINK_CONFIDENCE, METHOD_RANK, roundConfidence, type LinkMethod } from './link-confidence.js';
import { selectDeal } from './select-deal.js';

export interface CallParticipant {
  email: string | null;
  affiliation: string | null;
  userId: string | null;
}

/** A CRM object Gong attached to the call (`context[].objects[]`). */
export interface ContextObject {
  objectType: string;
  objectId: string;
}

export interface CallToMatch {
  id: string;
  startedMs: number;
  /** Gong's `scope` (`Internal`/`External`/`Unknown`): decides calls with no participants. */
  scope: string | null;
  context: readonly ContextObject[];
  parties: readonly CallParticipant[];
  /** The newest manual CRM association of the call (`gong_manual_crm_associations`), if any. */
  manual?: readonly ManualObject[];
}

/** An account or deal a rep associated with the call by hand. */
export interface ManualObject {
  objectType: 'account' | 'deal';
  objectId: string;
}

export interface PlannedLink {
  objectType: 'account' | 'deal';
  objectId: string;
  method: LinkMethod;
  confidence: number;
}

/**
 * - `internal-only`: every participant is the company's own (or no participants and Gong's scope is Internal).
 * - `external`: at least one participant is not.
 * - `no-participants`: Gong sent no parties (imported calls) and did not call it internal.
 */
export type CallAudience = 'internal-only' | 'external' | 'no-participants';

export interface CallMatch {
  audience: CallAudience;
  links: PlannedLink[];
  /** Registrable domains of external participants that matched no account and no contact. */
  unmatchedDomains: string[];
}

const ACCOUNT_TYPES = new Set(['account', 'company']);
const DEAL_TYPES = new Set(['opportunity', 'deal']);

/**
 * Matches one call against the CRM.
 *
 * @example
 * matchCall({ id: '1', startedMs, scope: 'External', context: [], parties: [{ email: 'jane@acme.com', affiliation: 'External', userId: null }] }, index)
 * // { audience: 'external', links: [{ objectType: 'account', objectId: '001A', method: 'email_domain', confidence: 0.8 }, …], unmatchedDomains: [] }
 */
export function matchCall(call: CallToMatch, index: CrmIndex): CallMatch {
  const external = call.parties.filter((p) => !isInternalParty(p, index));
  const audience: CallAudience =
    call.parties.length > 0 ? (external.length === 0 ? 'internal-only' : 'external') : call.scope?.toLowerCase() === 'internal' ? 'internal-only' : 'no-participants';
  const accounts = new Map<string, { method: LinkMethod; confidence: number }>();
  const offer = (accountId: string, method: LinkMethod, confidence: number) => {
    const current = accounts.get(accountId);
    if (!current || confidence > current.confidence || (confidence === current.confidence && METHOD_RANK[method] > METHOD_RANK[current.method])) {
      accounts.set(accountId, { method, confidence });
    }
  };

  // 0. What a rep associated by hand.
  const manualDeals = new Map<string, IndexedDeal>();
  const accountsWithChosenDeal = new Set<string>();
  for (const object of call.manual ?? []) {
    if (object.objectType === 'account') {
      const account = index.accounts.get(crmIdKey(object.objectId));
      if (account) offer(account.id, 'gong_manual', LINK_CONFIDENCE.gongManual);
      continue;
    }
    const deal = index.deals.get(crmIdKey(object.objectId));
    if (!deal) continue;
    manualDeals.set(deal.id, deal);
    if (deal.accountId === null) continue;
    accountsWithChosenDeal.add(deal.accountId);
    offer(deal.accountId, 'gong_manual', LINK_CONFIDENCE.gongManual);
  }
  if (audience === 'internal-only') return { audience, links: manualLinks(accounts, manualDeals), unmatchedDomains: [] };

  // 1. Gong's own CRM context.
  const contextDeals = new Map<string, IndexedDeal>();
  for (const object of call.context) {
    const type = object.objectType.toLowerCase();
    if (ACCOUNT_TYPES.has(type)) {
      const account = index.accounts.get(crmIdKey(object.objectId));
      if (account) offer(account.id, 'gong_context', LINK_CONFIDENCE.gongContext);
    } else if (DEAL_TYPES.has(type)) {
      const deal = index.deals.get(crmIdKey(object.objectId));
      if (!deal) continue;
      if (manualDeals.has(deal.id)) continue;
      contextDeals.set(deal.id, deal);
      if (deal.accountId === null) continue;
      accountsWithChosenDeal.add(deal.accountId);
      offer(deal.accountId, 'gong_context', LINK_CONFIDENCE.gongContext);
    }
  }

  // 2. Participants who are CRM contacts.
  const participantContacts = new Set<string>();
  const byDomain = new Map<string, AddressFacts>();
  for (const party of external) {
    const address = addressFacts(index, party.email);
    if (address === null) continue;
    const contacts = index.contactsByEmail.get(address.key) ?? [];
    const contactAccounts = new Set<string>();
    for (const contact of contacts) {
      participantContacts.add(crmIdKey(contact.id));
      if (contact.accountId !== null) contactAccounts.add(contact.accountId);
    }
    const confidence = contactAccounts.size > 1 ? LINK_CONFIDENCE.contactEmailSeveralAccounts : LINK_CONFIDENCE.contactEmail;
    for (const accountId of contactAccounts) offer(accountId, 'contact_email', confidence);
    // Someone who is no contact (or a contact whose account is not in the CRM) may still work
    // at a company the CRM knows by its domain.
    if (contactAccounts.size === 0 && !address.freeMail && !address.internal) byDomain.set(address.domain, address);
  }

  // 3. Company domains.
  const linkedByStrongerEvidence = new Set(accounts.keys());
  const unmatched = new Set<string>();
  for (const address of byDomain.values()) {
    const hit = accountsForDomain(index, address.parents);
    if (!hit) {
      unmatched.add(address.parents.at(-1)!);
      continue;
    }
    if (hit.accountIds.length === 1) {
      offer(hit.accountIds[0]!, 'email_domain', hit.confidence);
      continue;
    }
    if (hit.accountIds.some((id) => linkedByStrongerEvidence.has(id))) continue;
    for (const id of hit.accountIds) offer(id, 'email_domain', Math.min(hit.confidence, LINK_CONFIDENCE.emailDomainShared));
  }

  // Deals: Gong's Opportunity, else the one open at the call's start.
  const links: PlannedLink[] = [];
  const dealsWithParticipant = (deals: readonly IndexedDeal[]) => {
    const out = new Set<string>();
    for (const deal of deals) {
      const contacts = index.dealContacts.get(deal.id);
      if (contacts && [...participantContacts].some((c) => contacts.has(c))) out.add(deal.id);
    }
    return out;
  };
  for (const [accountId, link] of accounts) {
    links.push({ objectType: 'account', objectId: accountId, method: link.method, confidence: roundConfidence(link.confidence) });
    if (accountsWithChosenDeal.has(accountId)) continue;
    const deals = index.dealsByAccount.get(accountId) ?? [];
    const choice = selectDeal(deals, call.startedMs, participantContacts.size > 0 ? dealsWithParticipant(deals) : new Set());
    if (!choice) continue;
    const factor = choice.choice === 'nearest-close' ? LINK_CONFIDENCE.dealByCloseDate : 1;
    links.push({ objectType: 'deal', objectId: choice.deal.id, method: link.method, confidence: roundConfidence(link.confidence * factor) });
  }
  for (const deal of contextDeals.values()) {
    links.push({ objectType: 'deal', objectId: deal.id, method: 'gong_context', confidence: LINK_CONFIDENCE.gongContext });
  }
  for (const deal of manualDeals.values()) {
    links.push({ objectType: 'deal', objectId: deal.id, method: 'gong_manual', confidence: LINK_CONFIDENCE.gongManual });
  }
  return { audience, links: sortLinks(links), unmatchedDomains: [...unmatched].sort() };
}

/** The links of a call whose only evidence is a rep's manual association. */
function manualLinks(accounts: Map<string, { method: LinkMethod; confidence: number }>, deals: Map<string, IndexedDeal>): PlannedLink[] {
  const links: PlannedLink[] = [...accounts].map(([objectId, link]) => ({ objectType: 'account' as const, objectId, method: link.method, confidence: link.confidence }));
  for (const deal of deals.values()) links.push({ objectType: 'deal', objectId: deal.id, method: 'gong_manual', confidence: LINK_CONFIDENCE.gongManual });
  return sortLinks(links);
}

function sortLinks(links: PlannedLink[]): PlannedLink[] {
  return links.sort((a, b) => (a.objectType < b.objectType ? -1 : a.objectType > b.objectType ? 1 : a.objectId < b.objectId ? -1 : a.objectId > b.objectId ? 1 : 0));
}

/**
 * The accounts a domain names: its own (0.8), else a parent's on the way up to the registrable
 * domain (0.7), else accounts that live on a subdomain of its registrable domain (0.7).
 */
function accountsForDomain(index: CrmIndex, chain: readonly string[]): { accountIds: string[]; confidence: number } | undefined {
  for (let level = 0; level < chain.length; level++) {
    const ids = index.accountsByDomain.get(chain[level]!);
    if (ids && ids.length > 0) return { accountIds: ids, confidence: level === 0 ? LINK_CONFIDENCE.emailDomain : LINK_CONFIDENCE.emailDomainParent };
  }
  const below = index.accountsBySubdomainParent.get(chain.at(-1)!);
  if (below && below.length > 0) return { accountIds: below, confidence: LINK_CONFIDENCE.emailDomainParent };
  return undefined;
}

/**
 * A participant is the company's own when Gong says so (`affiliation` Internal, or a Gong
 * `userId`), or when their address is on one of the company's domains.
 *
 * @example isInternalParty({ email: 'se@northwind.example', affiliation: 'External', userId: null }, index) // true
 */
export function isInternalParty(party: CallParticipant, index: Pick<CrmIndex, 'internalDomains' | 'addresses'>): boolean {
  if (party.userId !== null && party.userId !== '') return true;
  if (party.affiliation?.toLowerCase() === 'internal') return true;
  return addressFacts(index, party.email)?.internal === true;
}
