/**
 * Two connections in one database never see each other's rows, in any read path. Both hold a
 * call, a user and a CRM account with the same ids (ids are only unique within one Gong company
 * or CRM), different titles, names and words, so a missing `connection_id` filter anywhere shows
 * up as the other company's text. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/open-store.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { exportRows, EXPORT_STREAMS } from '../../../src/store/export-rows.js';
import { collectStatus } from '../../../src/cli/commands/status-command.js';
import { renderTranscript } from '../../../src/cli/commands/transcript-command.js';
import { searchTranscripts } from '../../../src/search/search-transcripts.js';
import { searchIndexStats } from '../../../src/search/search-index-stats.js';
import { rebuildSearchIndex } from '../../../src/search/rebuild-search-index.js';
import { importCrmRecords } from '../../../src/crm/import-crm-records.js';
import { linkCalls } from '../../../src/crm/link/link-calls.js';
import { hasCrmData } from '../../../src/crm/link/call-linker.js';
import { resolveAccount, resolveDeal } from '../../../src/crm/query/resolve-crm-object.js';
import { listCallsForCrmObject } from '../../../src/crm/query/list-calls-for-crm-object.js';
import { summarizeCallLinks } from '../../../src/crm/query/summarize-call-links.js';
import { callIntelligence } from '../../../src/calls/query/call-intelligence.js';
import { repCoaching } from '../../../src/insights/rep-coaching.js';
import { gongCallContent, gongCallTrackers } from '../../../src/store/schema/index.js';
import { sampleCall, sampleParty } from '../../support/sample-records.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

const NOW = '2026-11-20T10:00:00.000Z';
const STARTED = '2026-11-02T15:00:00.000Z';

/** What makes each company's rows recognisable. */
const COMPANIES = {
  acme: { word: 'pineapple', title: 'Acme renewal', rep: 'Ada', account: 'Acme Corp', domain: 'acme.example', brief: 'Acme wants pineapples.' },
  globex: { word: 'kiwi', title: 'Globex kickoff', rep: 'Grace', account: 'Globex Inc', domain: 'globex.example', brief: 'Globex wants kiwis.' },
} as const;
type Company = keyof typeof COMPANIES;

async function seed(store: GongStore, company: Company): Promise<void> {
  const c = COMPANIES[company];
  await store.write(async (w) => {
    await w.startRun(`run-${company}`, NOW);
    await w.upsertUsers(
      [{ id: '100', email: `rep@${company}-sales.example`, first_name: c.rep, last_name: 'Rep', title: null, manager_id: null, active: true, created_at: NOW, raw: { id: '100' } }],
      `run-${company}`,
      NOW,
    );
    await w.upsertCalls(
      [
        sampleCall('c1', STARTED, {
          title: c.title,
          parties: [
            sampleParty('p1', { speaker_id: 's1', user_id: '100', email: `rep@${company}-sales.example`, affiliation: 'Internal' }),
            sampleParty('p2', { speaker_id: 's2', email: `buyer@${c.domain}`, name: `${c.rep}'s buyer`, affiliation: 'External' }),
          ],
        }),
      ],
      NOW,
    );
    await w.upsertTranscripts([
      {
        call_id: 'c1',
        segments: [{ speakerId: 's2', topic: null, sentences: [{ start: 1000, end: 4000, text: `We need the ${c.word} plan.` }] }],
        text: `[00:01] buyer: We need the ${c.word} plan.`,
        fetched_at: NOW,
      },
    ]);
    await w.upsertPlain(gongCallContent, [
      { call_id: 'c1', brief: c.brief, key_points: [c.word], outline: null, highlights: null, call_outcome: `${c.word} outcome`, call_outcome_category: null, topics: null, action_items: null, questions_company: 1, questions_non_company: 2 },
    ]);
    await w.upsertPlain(gongCallTrackers, [{ call_id: 'c1', tracker_id: 't1', name: `${c.word} tracker`, type: 'KEYWORD', count: 2 }]);
    await w.finishRun(`run-${company}`, 'completed', { records: {}, requests: 1 } as never, null, NOW);
  });
  await importCrmRecords(store, {
    accounts: [{ id: '001A', name: c.account, domain: c.domain }],
    contacts: [{ id: '003A', email: `buyer@${c.domain}`, accountId: '001A' }],
    deals: [{ id: '006A', name: `${c.account} deal`, accountId: '001A', createdAt: '2026-10-01', isClosed: false, contactIds: ['003A'] }],
  });
  await linkCalls(store);
}

/** Everything a value shows as text, to look for the other company's words in it. */
const text = (value: unknown) => JSON.stringify(value);

function expectOnly(value: unknown, mine: Company): void {
  const other: Company = mine === 'acme' ? 'globex' : 'acme';
  const shown = text(value);
  for (const marker of [COMPANIES[other].word, COMPANIES[other].title, COMPANIES[other].account, COMPANIES[other].rep]) {
    expect(shown, `${mine} sees ${other}'s "${marker}"`).not.toContain(marker);
  }
}

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`tenant isolation: ${target.name}`, () => {
    let base: GongStore;
    const stores = {} as Record<Company, GongStore>;

    beforeAll(async () => {
      await target.setup();
      base = await openStore(await target.location());
      for (const company of Object.keys(COMPANIES) as Company[]) {
        stores[company] = base.forConnection(company);
        await seed(stores[company], company);
      }
    }, 120_000);
    afterAll(async () => {
      await base?.close();
      await target.teardown();
    });

    for (const company of Object.keys(COMPANIES) as Company[]) {
      const c = COMPANIES[company];

      it(`${company}: status counts, runs and links are its own`, async () => {
        const store = stores[company];
        const status = await collectStatus(store, undefined);
        expectOnly(status, company);
        expect(status.lastRuns.map((r) => r.id)).toEqual([`run-${company}`]);
        const counts = await store.counts();
        expect(counts.gong_calls).toBe(1);
        expect(counts.gong_transcripts).toBe(1);
        expect(counts.crm_accounts).toBe(1);
        expect(counts.gong_call_links).toBe(2);
        expect((await summarizeCallLinks(store)).linkedCalls).toBe(1);
        expect(await hasCrmData(store)).toBe(true);
        expect(await store.pendingTranscripts()).toMatchObject({ waiting: 0, neverAsked: 0 });
      });

      it(`${company}: export gives its own rows in every stream`, async () => {
        const store = stores[company];
        for (const stream of Object.keys(EXPORT_STREAMS)) {
          const rows = [];
          for await (const row of exportRows(store, stream)) rows.push(row);
          expectOnly(rows, company);
          if (stream === 'calls') expect(rows.map((r) => r.title)).toEqual([c.title]);
          if (stream === 'crm_accounts') expect(rows.map((r) => r.name)).toEqual([c.account]);
        }
      });

      it(`${company}: search finds its words only, with its own filters`, async () => {
        const store = stores[company];
        const other: Company = company === 'acme' ? 'globex' : 'acme';
        const mine = await searchTranscripts(store, c.word);
        expect(mine.map((h) => [h.callId, h.title, h.speaker])).toEqual([['c1', c.title, `${c.rep}'s buyer`]]);
        expect(await searchTranscripts(store, COMPANIES[other].word)).toEqual([]);
        expect(await searchTranscripts(store, c.word, { account: c.account.toLowerCase() })).toHaveLength(1);
        expect(await searchTranscripts(store, c.word, { account: COMPANIES[other].account.toLowerCase() })).toEqual([]);
        expect(await searchTranscripts(store, c.word, { tracker: `${c.word} tracker`, callId: 'c1', affiliation: 'external' })).toHaveLength(1);
        expect(await searchTranscripts(store, c.word, { speaker: COMPANIES[other].rep.toLowerCase() })).toEqual([]);
        expect(await searchIndexStats(store)).toMatchObject({ documents: 1, sentences: 1 });
        // Rebuilding one connection's index re-indexes its transcripts only, and leaves the other's searchable.
        expect(await rebuildSearchIndex(store)).toMatchObject({ documents: 1, sentences: 1 });
        expect(await searchTranscripts(stores[other], COMPANIES[other].word)).toHaveLength(1);
        expect(await searchTranscripts(store, c.word)).toHaveLength(1);
      });

      it(`${company}: CRM accounts resolve and list its own calls`, async () => {
        const store = stores[company];
        const other: Company = company === 'acme' ? 'globex' : 'acme';
        const account = await resolveAccount(store, '001A');
        expect(account.name).toBe(c.account);
        await expect(resolveAccount(store, COMPANIES[other].account)).rejects.toThrow(/no account matches/);
        const calls = await listCallsForCrmObject(store, account);
        expect(calls.map((x) => x.title)).toEqual([c.title]);
        expectOnly(calls, company);
        const deal = await resolveDeal(store, '006A');
        expect(deal.name).toBe(`${c.account} deal`);
        expectOnly(await listCallsForCrmObject(store, deal), company);
      });

      it(`${company}: a transcript renders with its own call and speakers`, async () => {
        const rendered = await renderTranscript(stores[company], 'c1', 'json');
        expect(rendered).toContain(c.word);
        expect(rendered).toContain(c.title);
        expectOnly(rendered, company);
      });

      it(`${company}: call insights and coaching are its own`, async () => {
        const store = stores[company];
        const insights = (await callIntelligence(store, ['c1'])).get('c1')!;
        expect(insights.brief).toBe(c.brief);
        expect(insights.trackers).toEqual([{ name: `${c.word} tracker`, type: 'KEYWORD', count: 2 }]);
        const reps = await repCoaching(store);
        expect(reps.map((r) => r.name)).toEqual([`${c.rep} Rep`]);
        expectOnly([insights, reps], company);
      });

      it(`${company}: linking read its own CRM and wrote its own links`, async () => {
        const store = stores[company];
        const links = await store.scoped.selectFrom('gong_call_links').select(['call_id', 'crm_object_type', 'crm_object_id']).orderBy('crm_object_type').execute();
        expect(links).toEqual([
          { call_id: 'c1', crm_object_type: 'account', crm_object_id: '001A' },
          { call_id: 'c1', crm_object_type: 'deal', crm_object_id: '006A' },
        ]);
        // Relinking one connection leaves the other's links alone.
        const report = await linkCalls(store);
        expect(report).toMatchObject({ calls: 1, linkedCalls: 1, added: 0, removed: 0 });
      });
    }

    it('the scoped handle fills and filters connection_id on every statement, joins included', async () => {
      const acme = stores.acme;
      // The connection is a bound parameter, never spliced into the SQL text.
      const compiled = acme.scoped.selectFrom('gong_calls as c').innerJoin('gong_call_links as l', 'l.call_id', 'c.id').select('c.id').compile();
      expect(compiled.sql).not.toContain('acme');
      expect(compiled.sql).toMatch(/"c"\."connection_id" = (\?|\$\d)/);
      expect(compiled.sql).toMatch(/"l"\."connection_id" = (\?|\$\d)/);
      expect(compiled.parameters.filter((p) => p === 'acme')).toHaveLength(2);
      await acme.write((w) => w.scoped.insertInto('store_meta').values({ key: 'isolation-probe', value: 'x' }).onConflict((oc) => oc.column('key').doNothing()).execute());
      // A left join on a tenant table of another connection yields nulls, not the other's row.
      const joined = await acme.scoped
        .selectFrom('gong_calls as c')
        .leftJoin('crm_accounts as a', (j) => j.on('a.id', '=', '001A'))
        .select(['c.title', 'a.name'])
        .execute();
      expect(joined).toEqual([{ title: COMPANIES.acme.title, name: COMPANIES.acme.account }]);
      // A subquery is scoped too.
      const sub = await acme.scoped
        .selectFrom('gong_calls')
        .select('title')
        .where('id', 'in', (eb) => eb.selectFrom('gong_call_links').select('call_id'))
        .execute();
      expect(sub).toEqual([{ title: COMPANIES.acme.title }]);
      // Updates and deletes touch this connection's rows only.
      const updated = await acme.scoped.updateTable('crm_accounts').set({ website: 'https://acme.example' }).executeTakeFirst();
      expect(Number(updated.numUpdatedRows)).toBe(1);
      expect((await stores.globex.scoped.selectFrom('crm_accounts').select('website').executeTakeFirstOrThrow()).website).toBeNull();
      // Raw SQL that does not bind the connection is refused rather than run unscoped.
      const { sql } = await import('kysely');
      await expect(sql`SELECT count(*) AS n FROM gong_calls`.execute(acme.scoped)).rejects.toThrow(/must bind the connection id/);
      // An insert naming another connection is refused.
      await expect(
        acme.scoped.insertInto('crm_accounts').values({ connection_id: 'globex', id: 'x', name: null, domain: null, website: null, source: null, raw: null, imported_at: NOW }).execute(),
      ).rejects.toThrow(/another connection_id/);
      expect(Number((await base.allTenants.selectFrom('gong_calls').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(2);
    });
  });
}
