/**
 * CRM ground truth: customer accounts and their deals, with the traps the call-to-CRM linker
 * must survive built in and flagged (see `AccountFlag`): websites written every which way, a
 * parent and a subsidiary on one domain, people on subdomains, and accounts whose closed-lost
 * deal was followed, after a gap, by a new one.
 */
import { formatLocalDate } from '../company-time.js';
import type { UniqueIds } from '../ids.js';
import type { Prng } from '../prng.js';
import { DAY, HOUR, toUtcIso } from '../../util/time.js';
import { COMPANY_STEMS, COMPANY_SUFFIXES, INDUSTRIES, SUBDOMAINS, slugify } from './names.js';
import type { AccountFlag, CompanyUser, CrmAccount, CrmDeal, DealStage } from './types.js';

export interface AccountsInput {
  rng: Prng;
  ids: UniqueIds;
  now: number;
  count: number;
  owners: CompanyUser[];
  /** Company names already taken (by other generators). */
  usedNames: Set<string>;
}

/** Splits a generated name into its stem and suffix halves. */
function nameParts(name: string): { stem: string; suffix: string } {
  const space = name.indexOf(' ');
  return { stem: name.slice(0, space), suffix: name.slice(space + 1) };
}

/**
 * A company name not used yet.
 *
 * @example freshCompanyName(rng, new Set()) // e.g. 'Brightwave Logistics'
 */
export function freshCompanyName(rng: Prng, used: Set<string>): string {
  for (;;) {
    const name = `${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_SUFFIXES)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** Writes a domain into a website field the way people type them, and says which trap that is. */
function websiteFor(rng: Prng, domain: string): { website: string; flags: AccountFlag[] } {
  const style = rng.weighted([
    ['https-www', 35],
    ['bare', 20],
    ['http-path', 15],
    ['www', 15],
    ['https', 15],
  ] as const);
  switch (style) {
    case 'https-www':
      return { website: `https://www.${domain}/`, flags: ['website-www'] };
    case 'bare':
      return { website: domain, flags: ['website-bare'] };
    case 'http-path':
      return { website: `http://${domain}/${rng.pick(['about', 'en-us/home', 'company'])}`, flags: ['website-path'] };
    case 'www':
      return { website: `www.${domain}`, flags: ['website-www', 'website-bare'] };
    case 'https':
      return { website: `https://${domain}`, flags: [] };
  }
}

/**
 * Generates `count` accounts (at least 10). About 3% come as parent/subsidiary pairs sharing a
 * domain, about 8% have people on subdomains; both kinds always exist.
 *
 * @example generateAccounts({ rng, ids, now, count: 300, owners: aes, usedNames: new Set() })
 */
export function generateAccounts(input: AccountsInput): CrmAccount[] {
  const { rng, ids, now, owners, usedNames } = input;
  const count = Math.max(10, input.count);
  const usedDomains = new Set<string>();
  const pairs = Math.max(2, Math.round(count * 0.015));
  const accounts: CrmAccount[] = [];

  const domainFor = (name: string): string => {
    const { stem, suffix } = nameParts(name);
    const candidates = [`${slugify(stem)}.example`, `${slugify(name)}.example`, `${slugify(stem)}${slugify(suffix)}.test`];
    for (const d of candidates) if (!usedDomains.has(d)) return d;
    for (let n = 2; ; n++) if (!usedDomains.has(`${slugify(name)}${n}.example`)) return `${slugify(name)}${n}.example`;
  };

  while (accounts.length < count - pairs) {
    const name = freshCompanyName(rng, usedNames);
    const domain = domainFor(name);
    usedDomains.add(domain);
    const site = websiteFor(rng, domain);
    const account: CrmAccount = {
      id: ids.salesforce(rng, '001'),
      name,
      website: site.website,
      domain,
      industry: rng.pick(INDUSTRIES),
      ownerUserId: rng.pick(owners).id,
      parentAccountId: null,
      subdomains: [],
      createdAt: toUtcIso(now - rng.int(200, 1500) * DAY - rng.int(0, DAY)),
      flags: site.flags,
    };
    // Regional offices mailing from eu.acme.example and the like (at least two accounts do).
    if (accounts.length < 2 || rng.chance(0.08)) {
      account.subdomains = rng.sample(SUBDOMAINS, rng.int(1, 2));
      account.flags.push('subdomain-emails');
    }
    accounts.push(account);
  }

  // Subsidiaries on the parent's domain: a domain alone cannot tell the two apart.
  const parents = rng.sample(accounts.slice(2), pairs);
  for (const parent of parents) {
    const { stem } = nameParts(parent.name);
    let name: string;
    do name = `${stem} ${rng.pick(COMPANY_SUFFIXES)}`;
    while (usedNames.has(name));
    usedNames.add(name);
    parent.flags.push('shared-domain');
    accounts.push({
      id: ids.salesforce(rng, '001'),
      name,
      website: `https://www.${parent.domain}/${slugify(nameParts(name).suffix)}`,
      domain: parent.domain,
      industry: parent.industry,
      ownerUserId: rng.pick(owners).id,
      parentAccountId: parent.id,
      subdomains: [],
      createdAt: toUtcIso(Date.parse(parent.createdAt) + rng.int(30, 400) * DAY),
      flags: ['website-www', 'website-path', 'shared-domain'],
    });
  }
  return accounts;
}

export const OPEN_STAGES: readonly DealStage[] = ['Prospecting', 'Discovery', 'Proposal', 'Negotiation'];

export interface DealsInput {
  rng: Prng;
  ids: UniqueIds;
  now: number;
  offsetMinutes: number;
  accounts: CrmAccount[];
  /** CRM contact ids per account, for `contactIds`. */
  contactIdsByAccount: Map<string, string[]>;
}

interface DealPlan {
  createdMs: number;
  /** Planned close: in the past for closed deals. */
  closeMs: number;
  outcome: 'open' | 'won' | 'lost';
  type: CrmDeal['type'];
}

const LEAD_SOURCES = ['Inbound - Website', 'Outbound - SDR', 'Partner Referral', 'Inbound - Sponsored Webinar', 'Event'];

/**
 * Deals per account: most have one, some none, and about 15% (at least two) have a closed-lost
 * deal followed after a gap of weeks by a new one, flagged `sequential-deals`.
 *
 * @example generateDeals({ rng, ids, now, offsetMinutes: -240, accounts, contactIdsByAccount })
 */
export function generateDeals(input: DealsInput): CrmDeal[] {
  const { rng, ids, now, offsetMinutes, accounts, contactIdsByAccount } = input;
  const deals: CrmDeal[] = [];
  const at = (daysFromNow: number) => now + daysFromNow * DAY + rng.int(0, 8 * HOUR);
  accounts.forEach((account, i) => {
    const plans: DealPlan[] = [];
    const shape =
      i < 2 ? 'sequential' : rng.weighted([['single', 70], ['sequential', 15], ['none', 10], ['won-then-expansion', 5]] as const);
    if (shape === 'sequential') {
      // Lost between 170 and 80 days ago, then a new deal 20–50 days later: the gap sits inside
      // the six months of calls, so some calls fall between the two deals.
      const lostClose = at(-rng.int(80, 170));
      plans.push({ createdMs: lostClose - rng.int(40, 100) * DAY, closeMs: lostClose, outcome: 'lost', type: 'New Business' });
      const created = lostClose + rng.int(20, 50) * DAY;
      const wonClose = created + rng.int(30, 80) * DAY;
      plans.push(
        wonClose < now - DAY && rng.chance(0.4)
          ? { createdMs: created, closeMs: wonClose, outcome: 'won', type: 'New Business' }
          : { createdMs: created, closeMs: at(rng.int(10, 90)), outcome: 'open', type: 'New Business' },
      );
    } else if (shape === 'single' || shape === 'won-then-expansion') {
      const created = at(-rng.int(15, 240));
      const outcome = shape === 'won-then-expansion' ? 'won' : rng.weighted([['open', 55], ['won', 25], ['lost', 20]] as const);
      const close = outcome === 'open' ? at(rng.int(10, 120)) : Math.min(created + rng.int(30, 120) * DAY, at(-rng.int(2, 12)));
      plans.push({ createdMs: created, closeMs: Math.max(close, created + 7 * DAY), outcome, type: 'New Business' });
      if (shape === 'won-then-expansion') {
        const next = plans[0]!.closeMs + rng.int(15, 40) * DAY;
        if (next < now) plans.push({ createdMs: next, closeMs: at(rng.int(20, 100)), outcome: 'open', type: rng.pick(['Expansion', 'Renewal'] as const) });
      }
    }
    const contacts = contactIdsByAccount.get(account.id) ?? [];
    for (const plan of plans) {
      // Closed deals end at the close date's end in the company's time zone.
      const closeDate = formatLocalDate(plan.closeMs, offsetMinutes);
      const closeMs = Date.parse(`${closeDate}T00:00:00Z`) - offsetMinutes * 60_000 + DAY;
      const history = stageHistory(rng, plan, closeMs);
      const stage = history.filter((h) => h.fromMs <= now).at(-1)!.stage;
      deals.push({
        id: ids.salesforce(rng, '006'),
        name: `${account.name} - ${plan.type === 'New Business' ? `${rng.int(2, 50) * 10} seats` : plan.type}`,
        accountId: account.id,
        stage,
        amount: rng.int(24, 500) * 500,
        type: plan.type,
        leadSource: rng.pick(LEAD_SOURCES),
        createdAt: toUtcIso(plan.createdMs),
        closeDate,
        isClosed: plan.outcome !== 'open',
        isWon: plan.outcome === 'won',
        contactIds: rng.sample(contacts, rng.int(1, 3)),
        createdMs: plan.createdMs,
        closeMs,
        stageHistory: history,
      });
    }
    if (plans.length > 1 && plans[0]!.outcome === 'lost') account.flags.push('sequential-deals');
  });
  return deals;
}

/**
 * Open stages spread evenly over the deal's life; a closed deal reaches its final stage at 5 pm
 * on the close date. Lost deals may die at any open stage.
 */
function stageHistory(rng: Prng, plan: DealPlan, closeMs: number): CrmDeal['stageHistory'] {
  const lastOpen = plan.outcome === 'lost' ? rng.int(0, 3) : 3;
  const span = closeMs - plan.createdMs;
  const history: CrmDeal['stageHistory'] = [];
  for (let k = 0; k <= lastOpen; k++) {
    history.push({ stage: OPEN_STAGES[k]!, fromMs: plan.createdMs + Math.floor((k / (lastOpen + 1)) * span * 0.9) });
  }
  if (plan.outcome !== 'open') history.push({ stage: plan.outcome === 'won' ? 'Closed Won' : 'Closed Lost', fromMs: closeMs - 7 * HOUR });
  return history;
}

/**
 * The deal's stage at an instant, or undefined before it was created.
 *
 * @example stageAt(deal, Date.now()) // 'Negotiation'
 */
export function stageAt(deal: CrmDeal, atMs: number): DealStage | undefined {
  let stage: DealStage | undefined;
  for (const h of deal.stageHistory) if (h.fromMs <= atMs) stage = h.stage;
  return stage;
}
