import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importCrmRecords } from '../../../src/crm/import-crm-records.js';
import { createCallLinker, hasCrmData } from '../../../src/crm/link/call-linker.js';
import { linkCalls } from '../../../src/crm/link/link-calls.js';
import { gongCallContent } from '../../../src/store/schema/index.js';
import { listCallsForCrmObject } from '../../../src/crm/query/list-calls-for-crm-object.js';
import { resolveAccount, resolveDeal } from '../../../src/crm/query/resolve-crm-object.js';
import { summarizeCallLinks } from '../../../src/crm/query/summarize-call-links.js';
import { GongError } from '../../../src/errors.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import type { CallRecord, PartyRecord } from '../../../src/store/records.js';
import { sampleCall, sampleParty } from '../../support/sample-records.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

const NOW = '2026-11-20T10:00:00.000Z';
const ACME = '0018W00000Acme1QAB';
const ACME_15 = '0018W00000Acme1';

function party(id: string, email: string | null, affiliation: string, userId: string | null = null, name: string | null = null): PartyRecord {
  return sampleParty(id, { email, affiliation, user_id: userId, name });
}

function call(id: string, startedAt: string, externals: PartyRecord[], context: unknown[] = []): CallRecord {
  return sampleCall(id, startedAt, {
    raw: { metaData: { id, started: startedAt }, context, parties: [] },
    parties: [party('rep', 'rep@northwind-sales.example', 'Internal', '100', 'Rita Rep'), ...externals],
  });
}

async function seed(store: GongStore): Promise<void> {
  await store.write(async (w) => {
    await w.upsertUsers([{ id: '100', email: 'rep@northwind-sales.example', first_name: 'Rita', last_name: 'Rep', title: null, manager_id: null, active: true, created_at: null, raw: { emailAliases: ['rep@northwind.example'] } }], 'run', NOW);
    await w.upsertCalls(
      [
        call('c-domain', '2026-03-15T15:00:00.000Z', [party('p', 'someone@eu.acme.com', 'External', null, 'Sam Someone')]),
        call('c-contact', '2026-05-15T15:00:00.000Z', [party('p', 'Jane+gong@acme.com', 'External')]),
        call('c-context', '2026-02-10T15:00:00.000Z', [party('p', 'x@gmail.com', 'Unknown')], [{ system: 'Salesforce', objects: [{ objectType: 'Account', objectId: ACME_15 }, { objectType: 'Opportunity', objectId: '006OLD' }] }]),
        call('c-internal', '2026-05-16T15:00:00.000Z', [party('p', 'se@northwind.example', 'Internal')]),
        call('c-unknown', '2026-05-17T15:00:00.000Z', [party('p', 'ceo@prospect.io', 'External'), party('q', 'cto@prospect.io', 'External')]),
        call('c-unknown2', '2026-05-18T15:00:00.000Z', [party('p', 'ceo@prospect.io', 'External'), party('q', 'y@other.io', 'External')]),
      ],
      NOW,
    );
  });
}

const CRM = {
  accounts: [
    { id: ACME, name: 'Acme, Inc.', website: 'https://www.acme.com/about' },
    { id: '001GLOBEX', name: 'Globex', domain: 'GLOBEX.co.uk.' },
  ],
  contacts: [
    { id: '003JANE', email: ' Jane@Acme.com ', accountName: 'ACME inc' },
    { id: '003BAD', email: 'not-an-email' },
    { id: '003NOPE', email: 'x@y.com', accountName: 'Nobody Ltd' },
    { id: '', email: 'x@y.com' },
  ],
  deals: [
    { id: '006OLD', accountId: ACME_15, name: 'Acme - pilot', stage: 'Closed Lost', amount: 5000, createdAt: '2026-01-01T00:00:00Z', closeDate: '2026-02-28' },
    { id: '006NEW', accountName: 'Acme, Inc.', name: 'Acme - 40 seats', stage: 'Discovery', amount: 20000, createdAt: new Date('2026-03-01T00:00:00Z'), closeDate: '2026-09-30', contactIds: ['003JANE'] },
    { id: '006BADDATE', accountId: ACME, createdAt: 'yesterday' },
  ],
};

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`CRM import and linking in the store: ${target.name}`, () => {
    let store: GongStore;
    let location: string;
    beforeAll(async () => {
      await target.setup();
    });
    beforeEach(async () => {
      await store?.close();
      location = await target.location();
      store = await openStore(location);
    });
    afterAll(async () => {
      await store?.close();
      await target.teardown();
    });

    it('imports records: normalised domains and emails, names resolved to ids, outcomes from stages, rejections with reasons', async () => {
      expect(await hasCrmData(store)).toBe(false);
      const result = await importCrmRecords(store, CRM, { source: 'test', now: NOW });
      expect(result).toMatchObject({ accounts: 2, contacts: 1, deals: 2, dealContacts: 1 });
      expect(result.rejected).toEqual([
        { kind: 'contacts', index: 1, id: '003BAD', reason: 'email "not-an-email" is not an email address' },
        { kind: 'contacts', index: 2, id: '003NOPE', reason: expect.stringContaining('account "Nobody Ltd" is not among the imported accounts') },
        { kind: 'contacts', index: 3, id: null, reason: 'no contact id' },
        { kind: 'deals', index: 2, id: '006BADDATE', reason: 'created date "yesterday" is not an ISO-8601 instant' },
      ]);
      expect(await hasCrmData(store)).toBe(true);
      const db = store.allTenants;
      const accounts = await db.selectFrom('crm_accounts').select(['id', 'name', 'domain', 'website', 'source']).orderBy('id').execute();
      expect(accounts).toEqual([
        { id: ACME, name: 'Acme, Inc.', domain: 'acme.com', website: 'https://www.acme.com/about', source: 'test' },
        { id: '001GLOBEX', name: 'Globex', domain: 'globex.co.uk', website: null, source: 'test' },
      ]);
      const contact = await db.selectFrom('crm_contacts').selectAll().executeTakeFirstOrThrow();
      expect(contact).toMatchObject({ id: '003JANE', email: 'jane@acme.com', account_id: ACME });
      const deals = await db.selectFrom('crm_deals').selectAll().orderBy('id').execute();
      expect(deals.map((d) => ({ id: d.id, account: d.account_id, created: d.created_at, close: d.close_date, closed: Boolean(d.is_closed), won: Boolean(d.is_won), amount: Number(d.amount) }))).toEqual([
        { id: '006NEW', account: ACME, created: '2026-03-01T00:00:00.000Z', close: '2026-09-30T00:00:00.000Z', closed: false, won: false, amount: 20000 },
        { id: '006OLD', account: ACME_15, created: '2026-01-01T00:00:00.000Z', close: '2026-02-28T00:00:00.000Z', closed: true, won: false, amount: 5000 },
      ]);
      expect(await db.selectFrom('crm_deal_contacts').select(['deal_id', 'contact_id']).execute()).toEqual([{ deal_id: '006NEW', contact_id: '003JANE' }]);
    });

    it('upserts on re-import, replaces a deal\'s contacts, and --replace drops what the CRM no longer has', async () => {
      await importCrmRecords(store, CRM, { now: NOW });
      await importCrmRecords(store, { accounts: [{ id: '001GLOBEX', name: 'Globex Corp', domain: 'globex.com' }], deals: [{ id: '006NEW', accountId: ACME, contactIds: [] }] }, { now: NOW });
      const db = store.allTenants;
      expect(await db.selectFrom('crm_accounts').select(['id', 'name', 'domain']).where('id', '=', '001GLOBEX').executeTakeFirst()).toEqual({ id: '001GLOBEX', name: 'Globex Corp', domain: 'globex.com' });
      expect(await db.selectFrom('crm_deal_contacts').selectAll().execute()).toEqual([]);
      expect((await db.selectFrom('crm_accounts').select('id').execute()).length).toBe(2);
      await importCrmRecords(store, { accounts: [{ id: ACME, name: 'Acme' }] }, { replace: true, now: NOW });
      expect((await db.selectFrom('crm_accounts').select('id').execute()).map((r) => r.id)).toEqual([ACME]);
      // Kinds not brought are left alone.
      expect((await db.selectFrom('crm_deals').select('id').execute()).length).toBe(2);
    });

    it('links calls by context, contact and domain; skips internal-only calls; is idempotent; follows CRM changes', async () => {
      await seed(store);
      await importCrmRecords(store, CRM, { now: NOW });
      const first = await linkCalls(store, { now: NOW, batchSize: 2 });
      expect(first).toMatchObject({ calls: 6, linkedCalls: 3, internalOnlyCalls: 1, unlinkedCalls: 2, removed: 0, changed: 0 });
      const rows = async () =>
        (await store.allTenants.selectFrom('gong_call_links').selectAll().orderBy('call_id').orderBy('crm_object_type').orderBy('crm_object_id').execute()).map((r) => ({
          ...r,
          confidence: Number(r.confidence),
        }));
      const linked = await rows();
      expect(linked.map((r) => [r.call_id, r.crm_object_type, r.crm_object_id, r.method, r.confidence])).toEqual([
        ['c-contact', 'account', ACME, 'contact_email', 0.95],
        ['c-contact', 'deal', '006NEW', 'contact_email', 0.95],
        ['c-context', 'account', ACME, 'gong_context', 1],
        ['c-context', 'deal', '006OLD', 'gong_context', 1],
        ['c-domain', 'account', ACME, 'email_domain', 0.7],
        ['c-domain', 'deal', '006NEW', 'email_domain', 0.7],
      ]);

      // Again: nothing written, the same rows down to linked_at.
      const second = await linkCalls(store, { now: '2026-12-01T00:00:00.000Z' });
      expect(second).toMatchObject({ added: 0, changed: 0, removed: 0, linkedCalls: 3 });
      expect(await rows()).toEqual(linked);

      // The contact leaves Acme for Globex: its call follows, the old links go.
      await importCrmRecords(store, { contacts: [{ id: '003JANE', email: 'jane@acme.com', accountId: '001GLOBEX' }], deals: [{ id: '006NEW', accountId: ACME, createdAt: '2026-03-01T00:00:00Z', closeDate: '2026-09-30', stage: 'Discovery' }] });
      const third = await linkCalls(store);
      expect(third.removed).toBeGreaterThan(0);
      const after = await rows();
      expect(after.filter((r) => r.call_id === 'c-contact').map((r) => [r.crm_object_type, r.crm_object_id, r.method])).toEqual([['account', '001GLOBEX', 'contact_email']]);

      // A deleted call takes its links with it.
      await store.write((w) => w.deleteCalls(['c-domain']));
      expect((await rows()).some((r) => r.call_id === 'c-domain')).toBe(false);
    });

    it('relinks only the calls it is given (the sync hook), loading the CRM once', async () => {
      await seed(store);
      await importCrmRecords(store, CRM, { now: NOW });
      const linker = createCallLinker(store);
      await linker.link(['c-domain', 'c-gone']);
      await linker.link(['c-contact']);
      expect(linker.totals).toMatchObject({ calls: 2, linkedCalls: 2, added: 4 });
      const ids = (await store.allTenants.selectFrom('gong_call_links').select('call_id').distinct().orderBy('call_id').execute()).map((r) => r.call_id);
      expect(ids).toEqual(['c-contact', 'c-domain']);
    });

    it('links inside the caller\'s transaction, so a rolled-back page leaves no links behind', async () => {
      await seed(store);
      await importCrmRecords(store, CRM, { now: NOW });
      const linker = createCallLinker(store);
      await expect(store.write((w) => linker.linkWithin(w, ['c-domain']))).rejects.toThrow(/prepare\(\) must run/);
      await linker.prepare();
      await expect(
        store.write(async (w) => {
          await linker.linkWithin(w, ['c-domain', 'c-contact']);
          throw new Error('the page failed');
        }),
      ).rejects.toThrow('the page failed');
      expect(await store.allTenants.selectFrom('gong_call_links').selectAll().execute()).toEqual([]);
      // The rolled-back page counts nowhere in the sync's totals either.
      expect(linker.totals).toMatchObject({ calls: 0, linkedCalls: 0, added: 0 });
      await store.write((w) => linker.linkWithin(w, ['c-domain', 'c-contact']));
      const ids = (await store.allTenants.selectFrom('gong_call_links').select('call_id').distinct().orderBy('call_id').execute()).map((r) => r.call_id);
      expect(ids).toEqual(['c-contact', 'c-domain']);
      const stored = (await store.allTenants.selectFrom('gong_call_links').select('call_id').execute()).length;
      expect(linker.totals).toMatchObject({ calls: 2, linkedCalls: 2, added: stored });
    });

    it('summarises links for status, and lists an account\'s or a deal\'s calls', async () => {
      await seed(store);
      await importCrmRecords(store, CRM, { now: NOW });
      await linkCalls(store);
      expect(await summarizeCallLinks(store)).toEqual({
        calls: 6,
        linkedCalls: 3,
        unlinkedCalls: 2,
        internalOnlyCalls: 1,
        accountLinks: 3,
        dealLinks: 3,
        topUnmatchedDomains: [
          { domain: 'prospect.io', calls: 2 },
          { domain: 'other.io', calls: 1 },
        ],
      });

      for (const query of ['acme', 'ACME, INC.', 'acme.com', ACME_15, ACME]) expect((await resolveAccount(store, query)).id).toBe(ACME);
      await expect(resolveAccount(store, 'Initech')).rejects.toThrow(GongError);
      await expect(resolveAccount(store, 'Initech')).rejects.toThrow('no account matches "Initech"');
      await store.write((w) => w.upsertPlain(gongCallContent, [{ call_id: 'c-domain', call_outcome: 'Demo scheduled', call_outcome_category: 'Positive' }]));
      const calls = await listCallsForCrmObject(store, await resolveAccount(store, 'Acme'));
      expect(calls.map((c) => c.outcome)).toEqual([null, 'Demo scheduled', null]);
      expect(calls.map((c) => [c.callId, c.method])).toEqual([
        ['c-contact', 'contact_email'],
        ['c-domain', 'email_domain'],
        ['c-context', 'gong_context'],
      ]);
      expect(calls[1]).toMatchObject({
        title: 'Call c-domain',
        startedAt: '2026-03-15T15:00:00.000Z',
        confidence: 0.7,
        links: [
          { type: 'account', id: ACME, name: 'Acme, Inc.' },
          { type: 'deal', id: '006NEW', name: 'Acme - 40 seats', method: 'email_domain', confidence: 0.7 },
        ],
        participants: [
          { name: 'Sam Someone', email: 'someone@eu.acme.com', affiliation: 'External' },
          { name: 'Rita Rep', email: 'rep@northwind-sales.example', affiliation: 'Internal' },
        ],
      });
      const limited = await listCallsForCrmObject(store, await resolveAccount(store, 'Acme'), { since: Date.parse('2026-03-01T00:00:00Z'), limit: 1 });
      expect(limited.map((c) => c.callId)).toEqual(['c-contact']);
      const deal = await resolveDeal(store, '006OLD');
      expect((await listCallsForCrmObject(store, deal)).map((c) => c.callId)).toEqual(['c-context']);
      await expect(resolveDeal(store, '006NOPE')).rejects.toThrow('no deal with id "006NOPE"');
    });

    it('keeps connections apart', async () => {
      await seed(store);
      await importCrmRecords(store, CRM, { now: NOW });
      await linkCalls(store);
      const other = store.forConnection('other-company');
      expect(await hasCrmData(other)).toBe(false);
      expect(await linkCalls(other)).toMatchObject({ calls: 0, removed: 0 });
      expect((await summarizeCallLinks(other)).calls).toBe(0);
      expect((await store.allTenants.selectFrom('gong_call_links').select('call_id').execute()).length).toBe(6);
    });

    // SQLite's single writer serialises linkers by itself; PostgreSQL needs the per-connection lock.
    it.runIf(target.name === 'postgres')('makes a linker wait while another holds its connection\'s links lock, never another connection\'s linker', async () => {
      await seed(store);
      await importCrmRecords(store, CRM, { now: NOW });
      const holder = await openStore(location);
      const other = store.forConnection('other');
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let held!: () => void;
      const isHeld = new Promise<void>((resolve) => (held = resolve));
      try {
        // A second process's link run, frozen inside its batch transaction.
        const holding = holder.write(async (w) => {
          await holder.dialect.lockLinks(w.scoped, holder.connectionId);
          held();
          await released;
        });
        await isHeld;
        // Another connection's linker is not held up.
        expect((await linkCalls(other)).calls).toBe(0);
        let linked = false;
        const linking = linkCalls(store).then((report) => ((linked = true), report));
        // Deterministic: wait until PostgreSQL shows a session waiting for an advisory lock.
        for (let i = 0; ; i++) {
          const { rows } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(store.allTenants);
          if (Number(rows[0]!.n) > 0) break;
          expect(i, 'the linker never waited for the links lock').toBeLessThan(500);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(linked).toBe(false);
        release();
        await holding;
        expect((await linking).calls).toBe(6);
      } finally {
        release();
        await holder.close();
      }
    });
  });
}
