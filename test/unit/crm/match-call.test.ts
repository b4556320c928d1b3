import { describe, expect, it } from 'vitest';
import { buildCrmIndex, internalDomainsOf } from '../../../src/crm/link/crm-index.js';
import { matchCall, type CallParticipant, type CallToMatch } from '../../../src/crm/link/match-call.js';

// A small CRM with one of each trap. Ids are Salesforce-like; `ACME` uses its 15-character form.
const ACME = '0018W00000Acme1';
const ACME_18 = '0018W00000Acme1QAB';
const PARENT = '001PARENT';
const SUBSIDIARY = '001SUBSIDIARY';
const SHOP = '001SHOP';
const GLOBEX = '001GLOBEX';
const index = buildCrmIndex({
  accounts: [
    { id: ACME, name: 'Acme', domain: 'acme.com' },
    { id: PARENT, name: 'Initech Holdings', domain: 'initech.com' },
    { id: SUBSIDIARY, name: 'Initech Labs', domain: 'initech.com' },
    { id: SHOP, name: 'Umbrella Shop', domain: 'shop.umbrella.com' },
    { id: GLOBEX, name: 'Globex', domain: 'globex.co.uk' },
  ],
  contacts: [
    { id: '003JANE', email: 'jane@acme.com', account_id: ACME_18 },
    { id: '003GMAIL', email: 'Bob.Smith@gmail.com', account_id: GLOBEX },
    { id: '003GROUP', email: 'cfo@acme-group.com', account_id: ACME },
    { id: '003LABS', email: 'lab@initech.com', account_id: SUBSIDIARY },
    { id: '003TWICE1', email: 'consultant@freelance.io', account_id: ACME },
    { id: '003TWICE2', email: 'consultant@freelance.io', account_id: GLOBEX },
    { id: '003NOACCT', email: 'orphan@globex.co.uk', account_id: null },
  ],
  deals: [
    { id: '006ACMEOLD', account_id: ACME, created_at: '2026-01-01T00:00:00.000Z', close_date: '2026-02-28', is_closed: true },
    { id: '006ACME', account_id: ACME, created_at: '2026-03-10T00:00:00.000Z', close_date: '2026-09-30', is_closed: false },
    { id: '006ACMEUP', account_id: ACME, created_at: '2026-04-01T00:00:00.000Z', close_date: '2026-12-31', is_closed: false },
    { id: '006LABS', account_id: SUBSIDIARY, created_at: '2026-01-01T00:00:00.000Z', close_date: '2026-12-31', is_closed: false },
  ],
  dealContacts: [{ deal_id: '006ACMEUP', contact_id: '003JANE' }],
  internalDomains: internalDomainsOf([
    { email: 'rep@northwind-sales.example', raw: JSON.stringify({ emailAliases: ['rep@northwind.example'] }) },
    { email: 'someone@gmail.com', raw: null },
  ]),
});

const REP: CallParticipant = { email: 'rep@northwind-sales.example', affiliation: 'Internal', userId: '42' };
const ext = (email: string | null, affiliation = 'External'): CallParticipant => ({ email, affiliation, userId: null });
const call = (parties: CallParticipant[], extra: Partial<CallToMatch> = {}): CallToMatch => ({
  id: 'c1',
  startedMs: Date.parse('2026-05-15T15:00:00Z'),
  scope: 'External',
  context: [],
  parties: [REP, ...parties],
  ...extra,
});
const accountLinks = (c: CallToMatch) => matchCall(c, index).links.filter((l) => l.objectType === 'account').map((l) => [l.objectId, l.method, l.confidence]);
const dealLinks = (c: CallToMatch) => matchCall(c, index).links.filter((l) => l.objectType === 'deal').map((l) => [l.objectId, l.method, l.confidence]);

describe('matchCall: accounts', () => {
  it.each([
    ['a participant on the account domain', [ext('someone@acme.com')], [[ACME, 'email_domain', 0.8]]],
    ['a participant on a subdomain: the parent domain, lower', [ext('someone@eu.acme.com')], [[ACME, 'email_domain', 0.7]]],
    ['an account on a subdomain, a participant on the company domain', [ext('someone@umbrella.com')], [[SHOP, 'email_domain', 0.7]]],
    ['a multi-part public suffix', [ext('someone@mail.globex.co.uk')], [[GLOBEX, 'email_domain', 0.7]]],
    ['a shared domain links every account sharing it, lower', [ext('someone@initech.com')], [[PARENT, 'email_domain', 0.5], [SUBSIDIARY, 'email_domain', 0.5]]],
    ['a contact on a shared domain tells the accounts apart', [ext('lab@initech.com'), ext('someone@initech.com')], [[SUBSIDIARY, 'contact_email', 0.95]]],
    ['a contact, matched exactly (18- and 15-character account ids alike)', [ext('Jane@ACME.com')], [[ACME, 'contact_email', 0.95]]],
    ['a contact under a +tag alias', [ext('jane+gong@acme.com')], [[ACME, 'contact_email', 0.95]]],
    ['a contact whose email domain differs from the account', [ext('cfo@acme-group.com')], [[ACME, 'contact_email', 0.95]]],
    ['a free-mail contact, Gmail dots folded', [ext('bobsmith@gmail.com', 'Unknown')], [[GLOBEX, 'contact_email', 0.95]]],
    ['a free-mail stranger links nothing', [ext('random.person@gmail.com')], []],
    ['an address that is a contact at two accounts links both, lower', [ext('consultant@freelance.io')], [[ACME, 'contact_email', 0.6], [GLOBEX, 'contact_email', 0.6]]],
    ['a contact without an account falls back to the domain', [ext('orphan@globex.co.uk')], [[GLOBEX, 'email_domain', 0.8]]],
    ['two companies on one call: both', [ext('jane@acme.com'), ext('x@globex.co.uk')], [[ACME, 'contact_email', 0.95], [GLOBEX, 'email_domain', 0.8]]],
    ['a company the CRM does not know links nothing', [ext('ceo@unknown-prospect.io')], []],
  ])('%s', (_name, parties, expected) => {
    expect(accountLinks(call(parties))).toEqual(expected);
  });

  it('reports the domains the CRM lacks, registrable and without free mail', () => {
    const match = matchCall(call([ext('ceo@eu.unknown-prospect.io'), ext('x@gmail.com'), ext('jane@acme.com')]), index);
    expect(match.unmatchedDomains).toEqual(['unknown-prospect.io']);
  });
});

describe('matchCall: Gong context', () => {
  it('links the Account and Opportunity Gong attached, by either id spelling', () => {
    const c = call([ext('someone@acme.com')], {
      context: [{ objectType: 'Account', objectId: ACME_18 }, { objectType: 'Opportunity', objectId: '006ACMEOLD' }],
    });
    expect(accountLinks(c)).toEqual([[ACME, 'gong_context', 1]]);
    // Gong's Opportunity wins over the deal open at the call (006ACME).
    expect(dealLinks(c)).toEqual([['006ACMEOLD', 'gong_context', 1]]);
  });

  it('links the account of an Opportunity on its own, and ignores objects the CRM does not have', () => {
    const c = call([ext(null, 'Unknown')], { context: [{ objectType: 'Opportunity', objectId: '006LABS' }, { objectType: 'Account', objectId: '001NOTIMPORTED' }] });
    expect(accountLinks(c)).toEqual([[SUBSIDIARY, 'gong_context', 1]]);
    expect(dealLinks(c)).toEqual([['006LABS', 'gong_context', 1]]);
  });

  it('links a call with no participants (imported) by its context', () => {
    expect(matchCall(call([], { parties: [], context: [{ objectType: 'Account', objectId: GLOBEX }] }), index)).toMatchObject({
      audience: 'no-participants',
      links: [{ objectType: 'account', objectId: GLOBEX, method: 'gong_context' }],
    });
  });
});

describe('matchCall: internal calls', () => {
  it('links nothing when every participant is the company\'s own, context or not', () => {
    const internal = call([{ email: 'se@northwind.example', affiliation: 'External', userId: null }, { email: 'x@eu.northwind-sales.example', affiliation: null, userId: null }], {
      context: [{ objectType: 'Account', objectId: ACME }],
    });
    expect(matchCall(internal, index)).toEqual({ audience: 'internal-only', links: [], unmatchedDomains: [] });
    expect(matchCall(call([], { parties: [], scope: 'Internal' }), index).audience).toBe('internal-only');
  });

  it('never links the company\'s own domains, and never learns a free-mail domain as one', () => {
    expect(index.internalDomains).toEqual(new Set(['northwind-sales.example', 'northwind.example']));
    // A guest with no address makes the call external, but gives nothing to match.
    expect(matchCall(call([ext(null, 'Unknown')]), index)).toEqual({ audience: 'external', links: [], unmatchedDomains: [] });
  });
});

describe('matchCall: deals', () => {
  it.each([
    ['the deal open at the call', '2026-03-15T15:00:00Z', 'someone@acme.com', [['006ACME', 'email_domain', 0.8]]],
    ['several open, no participant on them: nearest close date, lower', '2026-05-15T15:00:00Z', 'someone@acme.com', [['006ACME', 'email_domain', 0.72]]],
    ['several open, a participant is a contact on one: that one', '2026-05-15T15:00:00Z', 'jane@acme.com', [['006ACMEUP', 'contact_email', 0.95]]],
    ['a call during a closed deal\'s life links it', '2026-02-10T15:00:00Z', 'someone@acme.com', [['006ACMEOLD', 'email_domain', 0.8]]],
    ['a call on the closed deal\'s close date links it', '2026-02-28T22:00:00Z', 'someone@acme.com', [['006ACMEOLD', 'email_domain', 0.8]]],
    ['between the closed deal and the next: account only', '2026-03-05T15:00:00Z', 'someone@acme.com', []],
    ['a shared-domain call: each account\'s deal, at the account\'s confidence', '2026-05-15T15:00:00Z', 'someone@initech.com', [['006LABS', 'email_domain', 0.5]]],
  ])('%s', (_name, at, email, expected) => {
    const c = call([ext(email)], { startedMs: Date.parse(at) });
    expect(dealLinks(c)).toEqual(expected);
    expect(accountLinks(c).length).toBeGreaterThan(0);
  });
});

describe('matchCall: manual associations made in Gong', () => {
  it('a deal a rep chose wins over the deal the linker would pick, and names its account gong_manual', () => {
    // 006ACMEUP would win by participant; the rep said 006ACMEOLD.
    const c = call([ext('jane@acme.com')], { manual: [{ objectType: 'deal', objectId: '006ACMEOLD' }] });
    expect(accountLinks(c)).toEqual([[ACME, 'gong_manual', 1]]);
    expect(dealLinks(c)).toEqual([['006ACMEOLD', 'gong_manual', 1]]);
  });

  it('outranks Gong context at equal confidence, and a context deal of the same account stays beside it', () => {
    const c = call([ext('someone@acme.com')], {
      context: [{ objectType: 'Opportunity', objectId: '006ACME' }],
      manual: [{ objectType: 'account', objectId: ACME_18 }, { objectType: 'deal', objectId: '006ACMEUP' }],
    });
    expect(accountLinks(c)).toEqual([[ACME, 'gong_manual', 1]]);
    expect(dealLinks(c)).toEqual([
      ['006ACME', 'gong_context', 1],
      ['006ACMEUP', 'gong_manual', 1],
    ]);
  });

  it('an account alone still gets the deal the linker selects for it', () => {
    const c = call([ext('ceo@unknown-prospect.io')], { manual: [{ objectType: 'account', objectId: ACME }] });
    expect(accountLinks(c)).toEqual([[ACME, 'gong_manual', 1]]);
    expect(dealLinks(c).map(([id]) => id)).toEqual(['006ACME']);
  });

  it('links an internal-only call a rep associated, and ignores objects the CRM does not have', () => {
    const internalOnly = call([], { manual: [{ objectType: 'deal', objectId: '006LABS' }, { objectType: 'account', objectId: '001MISSING' }] });
    expect(matchCall(internalOnly, index)).toMatchObject({ audience: 'internal-only' });
    expect(accountLinks(internalOnly)).toEqual([[SUBSIDIARY, 'gong_manual', 1]]);
    expect(dealLinks(internalOnly)).toEqual([['006LABS', 'gong_manual', 1]]);
  });
});
