/**
 * The CRM in memory, as lookup maps, loaded once per link run: domain → accounts, email →
 * contacts, account → deals, deal → contacts, plus the company's own domains. Linking a call is
 * then a handful of map lookups, never scans (docs/crm-linking.md, "Performance"); 10,000 accounts
 * and 50,000 contacts take a few tens of megabytes.
 */
import type { GongStore } from '../../store/gong-store.js';
import { crmIdKey } from '../crm-id-key.js';
import { isFreeMailDomain } from '../domains/free-mail-domains.js';
import { emailMatchKey, matchKeyOfNormalized } from '../domains/email-match-key.js';
import { emailDomain, normalizeDomain, normalizeEmail } from '../domains/normalize-domain.js';
import { domainAndParents, isPublicSuffix, registrableDomain } from '../domains/registrable-domain.js';
import type { DealForSelection } from './select-deal.js';

export interface IndexedAccount {
  id: string;
  name: string | null;
  domain: string | null;
}

export interface IndexedContact {
  id: string;
  /** The stored id of its account, when that account is in the CRM tables. */
  accountId: string | null;
}

export interface IndexedDeal extends DealForSelection {
  /** The stored id of its account, when that account is in the CRM tables. */
  accountId: string | null;
}

export interface CrmIndex {
  /** By `crmIdKey`, so 15- and 18-character Salesforce ids find the same account. */
  accounts: Map<string, IndexedAccount>;
  /** Exact domain → ids of the accounts with that domain. */
  accountsByDomain: Map<string, string[]>;
  /** Registrable domain → accounts whose own domain is a subdomain of it (`shop.acme.com` under `acme.com`). */
  accountsBySubdomainParent: Map<string, string[]>;
  /** `emailMatchKey` → contacts with that address. */
  contactsByEmail: Map<string, IndexedContact[]>;
  /** By `crmIdKey`. */
  deals: Map<string, IndexedDeal>;
  /** Account id → its deals. */
  dealsByAccount: Map<string, IndexedDeal[]>;
  /** Deal id → `crmIdKey`s of its contacts. */
  dealContacts: Map<string, Set<string>>;
  /** The company's own domains, from its Gong users' addresses: never linked. */
  internalDomains: Set<string>;
  /** Facts about participant addresses already seen in this run (see `addressFacts`). */
  addresses: Map<string, AddressFacts | null>;
  counts: { accounts: number; contacts: number; deals: number; dealContacts: number };
}

/**
 * Loads the CRM tables and the Gong users of the store's connection into a `CrmIndex`.
 *
 * @example const index = await loadCrmIndex(store); index.accountsByDomain.get('acme.com')
 */
export async function loadCrmIndex(store: GongStore): Promise<CrmIndex> {
  // One snapshot for the five reads: a `crm import` committing between two of them would
  // otherwise give this run deals whose accounts it never saw.
  const [accountRows, contactRows, dealRows, dealContactRows, users] = await store.scoped.transaction().setIsolationLevel('repeatable read').execute((db) => Promise.all([
    db.selectFrom('crm_accounts').select(['id', 'name', 'domain']).execute(),
    db.selectFrom('crm_contacts').select(['id', 'email', 'account_id']).where('email', 'is not', null).execute(),
    db.selectFrom('crm_deals').select(['id', 'account_id', 'created_at', 'close_date', 'is_closed']).execute(),
    db.selectFrom('crm_deal_contacts').select(['deal_id', 'contact_id']).execute(),
    db.selectFrom('gong_users').select(['email', 'raw']).execute(),
  ]));
  return buildCrmIndex({
    accounts: accountRows,
    contacts: contactRows,
    deals: dealRows.map((d) => ({ ...d, is_closed: d.is_closed === null ? null : Boolean(d.is_closed) })),
    dealContacts: dealContactRows,
    internalDomains: internalDomainsOf(users),
  });
}

/** The rows `buildCrmIndex` needs: the CRM tables' columns, decoded. */
export interface CrmIndexSource {
  accounts: readonly { id: string; name: string | null; domain: string | null }[];
  contacts: readonly { id: string; email: string | null; account_id: string | null }[];
  deals: readonly { id: string; account_id: string | null; created_at: string | null; close_date: string | null; is_closed: boolean | null }[];
  dealContacts: readonly { deal_id: string; contact_id: string }[];
  internalDomains: Iterable<string>;
}

/**
 * Builds the index from rows (the benchmark and unit tests build one without a database).
 *
 * @example buildCrmIndex({ accounts: [{ id: '001A', name: 'Acme', domain: 'acme.com' }], contacts: [], deals: [], dealContacts: [], internalDomains: ['northwind.example'] })
 */
export function buildCrmIndex(source: CrmIndexSource): CrmIndex {
  const accounts = new Map<string, IndexedAccount>();
  const accountsByDomain = new Map<string, string[]>();
  const accountsBySubdomainParent = new Map<string, string[]>();
  for (const row of source.accounts) {
    const domain = normalizeDomain(row.domain);
    accounts.set(crmIdKey(row.id), { id: row.id, name: row.name, domain });
    if (domain === null || isPublicSuffix(domain)) continue;
    push(accountsByDomain, domain, row.id);
    const parent = registrableDomain(domain);
    if (parent !== domain) push(accountsBySubdomainParent, parent, row.id);
  }
  const accountIdOf = (id: string | null) => (id === null ? null : (accounts.get(crmIdKey(id))?.id ?? null));

  const contactsByEmail = new Map<string, IndexedContact[]>();
  for (const row of source.contacts) {
    const key = emailMatchKey(row.email);
    if (key !== null) push(contactsByEmail, key, { id: row.id, accountId: accountIdOf(row.account_id) });
  }

  const deals = new Map<string, IndexedDeal>();
  const dealsByAccount = new Map<string, IndexedDeal[]>();
  for (const row of source.deals) {
    const deal: IndexedDeal = {
      id: row.id,
      accountId: accountIdOf(row.account_id),
      createdMs: row.created_at === null ? null : Date.parse(row.created_at),
      closeDateMs: row.close_date === null ? null : Date.parse(`${row.close_date.slice(0, 10)}T00:00:00Z`),
      isClosed: row.is_closed,
    };
    deals.set(crmIdKey(row.id), deal);
    if (deal.accountId !== null) push(dealsByAccount, deal.accountId, deal);
  }

  const dealContacts = new Map<string, Set<string>>();
  for (const row of source.dealContacts) {
    const deal = deals.get(crmIdKey(row.deal_id));
    if (!deal) continue;
    const set = dealContacts.get(deal.id) ?? new Set<string>();
    set.add(crmIdKey(row.contact_id));
    dealContacts.set(deal.id, set);
  }

  return {
    accounts,
    accountsByDomain,
    accountsBySubdomainParent,
    contactsByEmail,
    deals,
    dealsByAccount,
    dealContacts,
    internalDomains: new Set(source.internalDomains),
    addresses: new Map(),
    counts: { accounts: accounts.size, contacts: source.contacts.length, deals: deals.size, dealContacts: source.dealContacts.length },
  };
}

/**
 * The company's own domains: those of its Gong users' addresses and aliases (Gong's
 * `emailAddress`, `emailAliases`, `trustedEmailAddress`). A free-mail domain is never one,
 * even if a user signed up to Gong with a Gmail address: otherwise every Gmail participant would
 * count as a colleague.
 *
 * @example internalDomainsOf([{ email: 'ada@northwind-sales.example', raw: '{"emailAliases":["ada@northwind.example"]}' }]) // Set { 'northwind-sales.example', 'northwind.example' }
 */
export function internalDomainsOf(users: readonly { email: string | null; raw: string | null }[]): Set<string> {
  const out = new Set<string>();
  const add = (address: unknown) => {
    if (typeof address !== 'string') return;
    const domain = emailDomain(address);
    if (domain !== null && !isFreeMailDomain(domain)) out.add(domain);
  };
  for (const user of users) {
    add(user.email);
    if (!user.raw) continue;
    try {
      const raw = JSON.parse(user.raw) as { emailAddress?: unknown; emailAliases?: unknown; trustedEmailAddress?: unknown };
      add(raw.emailAddress);
      add(raw.trustedEmailAddress);
      if (Array.isArray(raw.emailAliases)) raw.emailAliases.forEach(add);
    } catch {
      // A raw record that is not JSON still gave its `email` column above.
    }
  }
  return out;
}

/** What the linker needs to know about one participant address. */
export interface AddressFacts {
  /** `emailMatchKey`: how it is compared with contacts' addresses. */
  key: string;
  /** Its normalised domain. */
  domain: string;
  /** The domain and its parents up to the registrable domain (`domainAndParents`). */
  parents: string[];
  /** On one of the company's own domains. */
  internal: boolean;
  /** On a free-mail or ISP domain. */
  freeMail: boolean;
}

/** Beyond this many distinct addresses the memo starts over, so a huge run's memory stays bounded. */
const ADDRESS_MEMO_LIMIT = 500_000;

/**
 * Facts about a participant's address, or null when it is not one. The same people join many
 * calls, so the parsing is done once per address and remembered in the index.
 *
 * @example addressFacts(index, 'Jane+gong@EU.acme.com') // { key: 'jane@eu.acme.com', domain: 'eu.acme.com', parents: ['eu.acme.com', 'acme.com'], internal: false, freeMail: false }
 */
export function addressFacts(index: Pick<CrmIndex, 'addresses' | 'internalDomains'>, email: string | null): AddressFacts | null {
  if (email === null || email === '') return null;
  const known = index.addresses.get(email);
  if (known !== undefined) return known;
  const normalized = normalizeEmail(email);
  const key = normalized === null ? null : matchKeyOfNormalized(normalized);
  let facts: AddressFacts | null = null;
  if (normalized !== null && key !== null) {
    const domain = normalized.slice(normalized.lastIndexOf('@') + 1);
    const parents = domainAndParents(domain);
    facts = { key, domain, parents, internal: parents.some((d) => index.internalDomains.has(d)), freeMail: isFreeMailDomain(domain) };
  }
  if (index.addresses.size >= ADDRESS_MEMO_LIMIT) index.addresses.clear();
  index.addresses.set(email, facts);
  return facts;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
