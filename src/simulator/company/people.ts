/**
 * The people outside the company who join its calls: CRM contacts of its accounts, colleagues
 * of theirs the CRM never heard of, people on free mail, and prospects at companies that are not
 * in the CRM at all. Each person carries flags naming the linking trap they represent.
 */
import type { UniqueIds } from '../ids.js';
import type { Prng } from '../prng.js';
import { freshCompanyName } from './crm.js';
import { BUYER_TITLES, FIRST_NAMES, FREE_MAIL_DOMAINS, LAST_NAMES, slugify } from './names.js';
import type { ContactFlag, CrmAccount, CrmContact, ExternalPerson, PersonFlag, UnknownCompany } from './types.js';

export interface PeopleInput {
  rng: Prng;
  ids: UniqueIds;
  accounts: CrmAccount[];
  usedNames: Set<string>;
}

export interface People {
  people: ExternalPerson[];
  contacts: CrmContact[];
  unknownCompanies: UnknownCompany[];
  /** Indexes into `people`, per CRM account id. */
  byAccount: Map<string, number[]>;
  /** Indexes into `people`, per unknown company name. */
  byUnknownCompany: Map<string, number[]>;
}

/**
 * Generates everyone, then makes sure each trap exists at least once, so tests on a small
 * company still find every kind.
 *
 * @example const { people, contacts } = generatePeople({ rng, ids, accounts, usedNames });
 */
export function generatePeople(input: PeopleInput): People {
  const { rng, ids, accounts, usedNames } = input;
  const people: ExternalPerson[] = [];
  const usedEmails = new Set<string>();
  const byAccount = new Map<string, number[]>();
  const byUnknownCompany = new Map<string, number[]>();

  const emailFor = (first: string, last: string, domain: string): string => {
    const f = first.toLowerCase(), l = last.toLowerCase();
    const styles = [`${f}.${l}`, f, `${f[0]}${l}`, `${f}${l[0]}`, `${f}_${l}`];
    let local = rng.pick(styles);
    for (let n = 2; usedEmails.has(`${local}@${domain}`); n++) local = `${rng.pick(styles)}${n}`;
    usedEmails.add(`${local}@${domain}`);
    return `${local}@${domain}`;
  };

  const add = (companyName: string, domain: string, accountId: string | null, flags: PersonFlag[]): ExternalPerson => {
    const first = rng.pick(FIRST_NAMES), last = rng.pick(LAST_NAMES);
    const person: ExternalPerson = {
      index: people.length,
      firstName: first,
      lastName: last,
      email: emailFor(first, last, domain),
      title: rng.chance(0.7) ? rng.pick(BUYER_TITLES) : null,
      phone: rng.chance(0.4) ? phoneNumber(rng) : null,
      accountId,
      contactId: null,
      companyName,
      flags,
    };
    people.push(person);
    return person;
  };

  for (const account of accounts) {
    const indexes: number[] = [];
    const emailDomain = (flags: PersonFlag[]): string => {
      if (account.subdomains.length > 0 && rng.chance(0.5)) {
        flags.push('subdomain-email');
        return `${rng.pick(account.subdomains)}.${account.domain}`;
      }
      return account.domain;
    };
    const contacts = rng.int(2, 6);
    for (let k = 0; k < contacts; k++) {
      const flags: PersonFlag[] = ['crm-contact'];
      const r = rng.next();
      let domain: string;
      if (r < 0.05) {
        flags.push('free-mail');
        domain = rng.pick(FREE_MAIL_DOMAINS);
      } else if (r < 0.1) {
        flags.push('email-domain-differs');
        domain = otherCorporateDomain(rng, account);
      } else domain = emailDomain(flags);
      indexes.push(add(account.name, domain, account.id, flags).index);
    }
    const strangers = Math.max(account.subdomains.length > 0 ? 1 : 0, rng.weighted([[0, 30], [1, 40], [2, 20], [3, 10]] as const));
    for (let k = 0; k < strangers; k++) {
      const flags: PersonFlag[] = ['not-a-contact'];
      const domain = rng.chance(0.08) ? (flags.push('free-mail'), rng.pick(FREE_MAIL_DOMAINS)) : emailDomain(flags);
      indexes.push(add(account.name, domain, account.id, flags).index);
    }
    byAccount.set(account.id, indexes);
  }

  ensureTraps(rng, people, accounts, usedEmails);

  const contacts: CrmContact[] = [];
  for (const person of people) {
    if (!person.flags.includes('crm-contact')) continue;
    person.contactId = ids.salesforce(rng, '003');
    contacts.push({
      id: person.contactId,
      accountId: person.accountId!,
      firstName: person.firstName,
      lastName: person.lastName,
      name: `${person.firstName} ${person.lastName}`,
      email: person.email,
      title: person.title,
      phone: person.phone,
      flags: person.flags.filter((f): f is ContactFlag => f === 'email-domain-differs' || f === 'free-mail' || f === 'subdomain-email'),
    });
  }

  const unknownCompanies: UnknownCompany[] = [];
  const unknownCount = Math.max(5, Math.round(accounts.length / 5));
  for (let k = 0; k < unknownCount; k++) {
    const name = freshCompanyName(rng, usedNames);
    const company = { name, domain: `${slugify(name)}.test` };
    unknownCompanies.push(company);
    const indexes: number[] = [];
    for (let n = rng.int(1, 3); n > 0; n--) indexes.push(add(name, company.domain, null, ['unknown-domain']).index);
    byUnknownCompany.set(name, indexes);
  }
  return { people, contacts, unknownCompanies, byAccount, byUnknownCompany };
}

/** A corporate domain that is not the account's: a group domain or a legacy brand. */
function otherCorporateDomain(rng: Prng, account: CrmAccount): string {
  const base = account.domain.split('.')[0]!;
  return rng.chance(0.5) ? `${base}-group.example` : `${base}-legacy.test`;
}

/** E.164 (`+15555550103`) or national (`5555550103`) form, both seen in R2. */
function phoneNumber(rng: Prng): string {
  const digits = `555555${String(rng.int(0, 9999)).padStart(4, '0')}`;
  return rng.chance(0.6) ? `+1${digits}` : digits;
}

/**
 * Small companies might roll no contact on free mail or on another domain, and no stranger on a
 * subdomain; convert a few people so every trap is present.
 */
function ensureTraps(rng: Prng, people: ExternalPerson[], accounts: CrmAccount[], usedEmails: Set<string>): void {
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const rewrite = (person: ExternalPerson, domain: string, flag: PersonFlag) => {
    const local = person.email.slice(0, person.email.indexOf('@'));
    let email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);
    person.email = email;
    person.flags = [...person.flags.filter((f) => f !== 'subdomain-email'), flag];
  };
  const plain = (kind: PersonFlag) =>
    people.filter((p) => p.flags.length === 1 && p.flags[0] === kind && !accountById.get(p.accountId!)!.flags.includes('shared-domain'));
  if (!people.some((p) => p.flags.includes('crm-contact') && p.flags.includes('free-mail'))) {
    rewrite(rng.pick(plain('crm-contact')), rng.pick(FREE_MAIL_DOMAINS), 'free-mail');
  }
  if (!people.some((p) => p.flags.includes('email-domain-differs'))) {
    const person = rng.pick(plain('crm-contact'));
    rewrite(person, otherCorporateDomain(rng, accountById.get(person.accountId!)!), 'email-domain-differs');
  }
  const subdomainAccounts = accounts.filter((a) => a.subdomains.length > 0);
  if (!people.some((p) => p.flags.includes('not-a-contact') && p.flags.includes('subdomain-email'))) {
    const candidates = people.filter((p) => p.flags.includes('not-a-contact') && subdomainAccounts.some((a) => a.id === p.accountId));
    const person = rng.pick(candidates);
    rewrite(person, `${accountById.get(person.accountId!)!.subdomains[0]}.${accountById.get(person.accountId!)!.domain}`, 'subdomain-email');
  }
  if (!people.some((p) => p.flags.includes('crm-contact') && p.flags.includes('subdomain-email'))) {
    const candidates = people.filter((p) => p.flags.includes('crm-contact') && subdomainAccounts.some((a) => a.id === p.accountId));
    const person = rng.pick(candidates);
    rewrite(person, `${accountById.get(person.accountId!)!.subdomains[0]}.${accountById.get(person.accountId!)!.domain}`, 'subdomain-email');
  }
}
