/**
 * `generateCompany`: the one entry point that builds a whole simulated Gong account from a seed.
 * Pure and deterministic: the same options always give the same company, byte for byte.
 */
import { formatUtcOffset, parseUtcOffset } from '../company-time.js';
import { VENDOR } from '../conversation/vocabulary.js';
import { UniqueIds } from '../ids.js';
import { hashSeed, Prng } from '../prng.js';
import { generateCalls } from './calls.js';
import { Company } from './company.js';
import { generateAccounts, generateDeals } from './crm.js';
import { generatePeople } from './people.js';
import { generateTrackers } from './trackers.js';
import type { Workspace } from './types.js';
import { generateUsers } from './users.js';

export interface CompanyOptions {
  /** Default 1. */
  seed?: number;
  /** Number of calls, default 2000. */
  calls?: number;
  /** The simulated present: six months of calls end here, a week of meetings follows. Default: the real now. */
  now?: number | Date;
  /** The company's fixed UTC offset, `-04:00` by default. */
  utcOffset?: string | number;
  /** Default: 40–120, growing with the number of calls. */
  users?: number;
  /** Default: a few hundred, growing with the number of calls. */
  accounts?: number;
  /** 1 or 2 workspaces, default 2. */
  workspaces?: 1 | 2;
}

export const PRIMARY_DOMAIN = 'northwind-sales.example';
export const ALIAS_DOMAIN = 'northwind.example';

/**
 * Builds the company. 50,000 calls take well under a few seconds; transcripts are not built here.
 *
 * @example
 * const company = generateCompany({ seed: 7, calls: 500, now: Date.parse('2026-06-01T12:00:00Z') });
 * company.calls.length // 500
 */
export function generateCompany(options: CompanyOptions = {}): Company {
  const seed = options.seed ?? 1;
  const callCount = Math.max(0, Math.floor(options.calls ?? 2000));
  const now = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError('generateCompany: `now` is not a valid instant');
  const offsetMinutes = parseUtcOffset(options.utcOffset ?? '-04:00');
  const root = new Prng(hashSeed(seed, 'company'));
  const ids = new UniqueIds();

  const wsRng = root.derive('workspaces');
  const workspaces: Workspace[] = [{ id: ids.gong(wsRng), name: `${VENDOR} Sales`, description: 'The built-in workspace' }];
  if ((options.workspaces ?? 2) === 2) workspaces.push({ id: ids.gong(wsRng), name: 'Customer Success', description: 'Renewals and expansion' });

  const users = generateUsers({
    rng: root.derive('users'),
    ids,
    now,
    offsetMinutes,
    count: options.users ?? clamp(Math.round(25 * Math.log10(Math.max(callCount, 10)) - 10), 40, 120),
    primaryDomain: PRIMARY_DOMAIN,
    aliasDomain: ALIAS_DOMAIN,
    workspaces,
  });
  const usedNames = new Set<string>();
  const accounts = generateAccounts({
    rng: root.derive('accounts'),
    ids,
    now,
    count: options.accounts ?? clamp(Math.round(callCount / 8 + 50), 60, 800),
    owners: users.filter((u) => u.role === 'AE'),
    usedNames,
  });
  const people = generatePeople({ rng: root.derive('people'), ids, accounts, usedNames });
  const contactIdsByAccount = new Map<string, string[]>();
  for (const c of people.contacts) contactIdsByAccount.set(c.accountId, [...(contactIdsByAccount.get(c.accountId) ?? []), c.id]);
  const deals = generateDeals({ rng: root.derive('deals'), ids, now, offsetMinutes, accounts, contactIdsByAccount });
  const trackers = generateTrackers(root.derive('trackers'), ids);
  const calls = generateCalls({
    seed,
    rng: root.derive('calls'),
    ids,
    now,
    offsetMinutes,
    count: callCount,
    vendorName: VENDOR,
    users,
    accounts,
    deals,
    people,
  });

  return new Company({
    seed,
    now,
    utcOffset: formatUtcOffset(offsetMinutes),
    offsetMinutes,
    name: VENDOR,
    domains: { primary: PRIMARY_DOMAIN, alias: ALIAS_DOMAIN },
    workspaces,
    users,
    crm: { accounts, contacts: people.contacts, deals },
    people: people.people,
    unknownCompanies: people.unknownCompanies,
    trackers,
    calls,
  });
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
