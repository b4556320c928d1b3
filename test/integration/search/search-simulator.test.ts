import { sql } from 'kysely';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GongClient } from '../../../src/client/gong-client.js';
import type { CliRuntime } from '../../../src/cli/cli-runtime.js';
import { runCli as runCliInProcess } from '../../../src/cli/program.js';
import { ConfigError } from '../../../src/errors.js';
import { formatSearchHits } from '../../../src/search/format-search-hits.js';
import { rebuildSearchIndex } from '../../../src/search/rebuild-search-index.js';
import { SEARCH_WORD_SEPARATORS } from '../../../src/store/migrations/003-search.js';
import type { SearchHit } from '../../../src/search/search-hit.js';
import { searchIndexStats } from '../../../src/search/search-index-stats.js';
import type { SearchOptions } from '../../../src/search/search-options.js';
import { searchTranscripts } from '../../../src/search/search-transcripts.js';
import { searchAllTranscripts } from '../../../src/search/search-all-transcripts.js';
import { searchWords } from '../../../src/search/search-words.js';
import { phraseMatcher } from '../../../src/simulator/conversation/key-phrases.js';
import { startSimulator, type CompanyCall, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { toGongParty } from '../../../src/transcript/render-stored-transcript.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { speakerResolver, type ResolvedSpeaker } from '../../../src/transcript/resolve-speaker.js';
import { DAY, HOUR } from '../../../src/util/time.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { runCli as runBuiltCli } from '../../support/run-cli.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

const CALLS = 300;
const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = NOW - 120 * DAY;
const PRODUCT_KEYS = ['callId', 'title', 'startedAt', 'speaker', 'affiliation', 'offsetMs', 'snippet', 'url'];

/** One sentence of the ground truth, where the simulator says it is. */
interface TruthSentence {
  key: string;
  callId: string;
  monologueIndex: number;
  sentenceIndex: number;
  start: number;
  end: number;
  text: string;
  speakerId: string | null;
}

const keyOf = (h: { callId: string; monologueIndex: number; sentenceIndex: number }) => `${h.callId}/${h.monologueIndex}/${h.sentenceIndex}`;
const sorted = (keys: Iterable<string>) => [...keys].sort();

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`search over the simulator's conversations: ${target.name}`, () => {
    let sim: Simulator;
    let store: GongStore;
    let location: string;
    let stored: CompanyCall[];
    let sentences: TruthSentence[];
    let speakers: Map<string, (id: string | null) => ResolvedSpeaker>;

    const search = (query: string, options: SearchOptions = {}) => searchTranscripts(store, query, { limit: 1000, ...options });
    /** All hits of a query: fewer than the limit, so nothing was cut. */
    async function everyHit(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
      const hits = await search(query, options);
      expect(hits.length, `${query} has too many hits for an exact comparison`).toBeLessThan(1000);
      return hits;
    }
    const truthSaying = (phrase: string) => sentences.filter((s) => phraseMatcher(phrase).test(s.text));
    const speakerOf = (s: TruthSentence) => speakers.get(s.callId)!(s.speakerId);

    async function sync() {
      const client = new GongClient({
        baseUrl: sim.url,
        accessKey: sim.credentials.accessKey,
        accessKeySecret: sim.credentials.accessKeySecret,
        rateLimit: false,
        budget: { store: store.budgetStore() },
        retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 8 },
      });
      return syncGong({ client, store, since: SINCE });
    }

    beforeAll(async () => {
      await target.setup();
      sim = await startSimulator({ seed: 7, calls: CALLS, now: NOW, frozenClock: true, rateLimit: false });
      location = await target.location();
      store = await openStore(location);
      expect((await sync()).status).toBe('completed');

      const company = sim.company;
      stored = company.calls.filter(
        (c) => c.startedMs >= SINCE && c.startedMs < NOW && company.isVisible(c, NOW) && !company.isPrivateAt(c, NOW) && company.hasTranscriptAt(c, NOW),
      );
      sentences = stored.flatMap((call) =>
        company.transcript(call.id)!.monologues.flatMap((m, monologueIndex) =>
          m.sentences.map((s, sentenceIndex) => ({
            key: `${call.id}/${monologueIndex}/${sentenceIndex}`,
            callId: call.id,
            monologueIndex,
            sentenceIndex,
            start: s.start,
            end: s.end,
            text: s.text,
            speakerId: m.speakerId,
          })),
        ),
      );
      // Speakers named as the product names them, from what the sync stored.
      const parties = await store.partiesOfCalls(stored.map((c) => c.id));
      const users = await store.userNames([...parties.values()].flat().flatMap((p) => (p.user_id ? [p.user_id] : [])));
      speakers = new Map(stored.map((c) => [c.id, speakerResolver((parties.get(c.id) ?? []).map(toGongParty), users)]));
    }, 300_000);

    afterAll(async () => {
      await store?.close();
      await sim?.close();
      await target.teardown();
    });

    it('indexes every sentence of every stored transcript, and nothing else', async () => {
      const stats = await searchIndexStats(store);
      expect(stats.documents).toBe(stored.length);
      expect(stats.sentences).toBe(sentences.length);
      expect(stats.bytes).toBeGreaterThan(0);
    });

    it('finds an exact phrase in exactly the sentences that say it, at their offset, with their speaker, highlighted', async () => {
      const hits = await everyHit('"SOC 2"');
      const mentions = stored.flatMap((c) => sim.company.transcript(c.id)!.mentions.filter((m) => m.phrase === 'SOC 2').map((m) => ({ ...m, callId: c.id })));
      expect(mentions.length).toBeGreaterThan(50);
      expect(sorted(hits.map(keyOf))).toEqual(sorted(mentions.map((m) => `${m.callId}/${m.monologueIndex}/${m.sentenceIndex}`)));
      const truth = new Map(sentences.map((s) => [s.key, s]));
      const mentionAt = new Map(mentions.map((m) => [`${m.callId}/${m.monologueIndex}/${m.sentenceIndex}`, m]));
      for (const hit of hits) {
        const mention = mentionAt.get(keyOf(hit))!;
        const sentence = truth.get(keyOf(hit))!;
        const call = sim.company.callById(hit.callId)!;
        const speaker = speakerOf(sentence);
        expect(Object.keys(hit).slice(0, 8)).toEqual(PRODUCT_KEYS);
        expect(hit).toMatchObject({
          title: call.title,
          startedAt: new Date(call.startedMs).toISOString(),
          offsetMs: mention.start,
          endMs: sentence.end,
          speakerId: mention.speakerId,
          speaker: speaker.name,
          affiliation: speaker.affiliation ?? 'Unknown',
          text: sentence.text,
          snippet: sentence.text.replace(phraseMatcher('SOC 2'), (m) => `«${m}»`),
        });
        const url = new URL(hit.url);
        expect(url.searchParams.get('id')).toBe(hit.callId);
        expect(JSON.parse(url.searchParams.get('highlights')!)).toEqual([
          { from: Math.floor(mention.start / 1000), to: Math.max(Math.floor(mention.start / 1000) + 1, Math.ceil(sentence.end / 1000)), type: 'LIBRARY' },
        ]);
      }
      // A phrase is a phrase: the same words apart do not match.
      const apart = sentences.filter((s) => /\bsoc\b/i.test(s.text) && /\b2\b/.test(s.text) && !phraseMatcher('SOC 2').test(s.text));
      for (const s of apart) expect(hits.map(keyOf)).not.toContain(s.key);
    });

    it('OR finds either; a hyphenated phrase matches as words', async () => {
      const hits = await everyHit('"single sign-on" OR SAML OR Pitchlane');
      const expected = new Set([...truthSaying('single sign-on'), ...truthSaying('SAML'), ...truthSaying('Pitchlane')].map((s) => s.key));
      expect(expected.size).toBeGreaterThan(100);
      expect(sorted(hits.map(keyOf))).toEqual(sorted(expected));
      for (const hit of hits) expect(hit.snippet).toMatch(/«(single sign-on|SAML|Pitchlane)»/i);
    });

    it('NOT and -word exclude', async () => {
      const expected = truthSaying('GDPR').filter((s) => !phraseMatcher('data residency').test(s.text));
      expect(expected.length).toBeGreaterThan(20);
      expect(expected.length).toBeLessThan(truthSaying('GDPR').length);
      const minus = await everyHit('GDPR -"data residency"');
      expect(sorted(minus.map(keyOf))).toEqual(sorted(expected.map((s) => s.key)));
      const not = await everyHit('GDPR NOT "data residency"');
      expect(sorted(not.map(keyOf))).toEqual(sorted(minus.map(keyOf)));
      for (const hit of minus) expect(hit.snippet).not.toContain('«data residency»');
    });

    it('prefix* matches word beginnings, also at the end of a phrase', async () => {
      const quorra = await everyHit('Quorr*');
      expect(sorted(quorra.map(keyOf))).toEqual(sorted(truthSaying('Quorra Insights').map((s) => s.key)));
      const residency = await everyHit('"data resid"*');
      expect(sorted(residency.map(keyOf))).toEqual(sorted(truthSaying('data residency').map((s) => s.key)));
      // Every word that starts with "report": report, reports, reporting.
      const report = sentences.filter((s) => searchWords(s.text).some((w) => w.startsWith('report')));
      const forms = new Set(report.flatMap((s) => searchWords(s.text).filter((w) => w.startsWith('report'))));
      expect(forms.size).toBeGreaterThan(2);
      const hits = await everyHit('report*');
      expect(sorted(hits.map(keyOf))).toEqual(sorted(report.map((s) => s.key)));
      expect(hits.every((h) => /«report\w*»/i.test(h.snippet))).toBe(true);
    });

    it('ranks by relevance, then the newest call first', async () => {
      const hits = await everyHit('"SOC 2" OR report');
      expect(hits.length).toBeGreaterThan(100);
      for (let i = 1; i < hits.length; i++) {
        const [a, b] = [hits[i - 1]!, hits[i]!];
        expect(a.score).toBeGreaterThanOrEqual(b.score);
        if (a.score === b.score) expect(a.startedAt >= b.startedAt).toBe(true);
      }
      // Saying both ranks above saying one.
      const both = hits.findIndex((h) => !(phraseMatcher('SOC 2').test(h.text) && /\breport\b/i.test(h.text)));
      expect(both).toBeGreaterThan(0);
      expect(hits.slice(both).every((h) => !(phraseMatcher('SOC 2').test(h.text) && /\breport\b/i.test(h.text)))).toBe(true);
      expect((await search('"SOC 2" OR report', { limit: 5 })).map(keyOf)).toEqual(hits.slice(0, 5).map(keyOf));
    });

    it('ranks within the newest matches when asked for a window', async () => {
      const { rows } = await sql<{ call_id: string }>`SELECT call_id FROM gong_search_documents WHERE connection_id = 'default' ORDER BY id DESC`.execute(store.allTenants);
      const order = new Map(rows.map((r, i) => [r.call_id, i]));
      const newestFirst = truthSaying('pricing').sort(
        (x, y) => order.get(x.callId)! - order.get(y.callId)! || y.monologueIndex - x.monologueIndex || y.sentenceIndex - x.sentenceIndex,
      );
      const hits = await search('pricing', { rankWindow: 3, limit: 3 });
      expect(sorted(hits.map(keyOf))).toEqual(sorted(newestFirst.slice(0, 3).map((s) => s.key)));
    });

    const collect = async (hits: AsyncIterable<SearchHit>) => {
      const out: SearchHit[] = [];
      for await (const hit of hits) out.push(hit);
      return out;
    };
    const saying = (word: string) => sentences.filter((s) => searchWords(s.text).includes(word));

    it('has no upper bound on the limit', async () => {
      const the = saying('the');
      expect(the.length).toBeGreaterThan(1500);
      const hits = await search('the', { limit: Math.min(5000, the.length + 10) });
      expect(hits.length).toBe(Math.min(5000, the.length));
      expect(new Set(hits.map(keyOf)).size).toBe(hits.length);
      expect(hits.slice(0, 1000).map(keyOf)).toEqual((await search('the', { limit: 1000 })).map(keyOf));
    });

    it('searchAllTranscripts yields every match exactly once, newest call first, a call in transcript order', async () => {
      const the = saying('the');
      const all = await collect(searchAllTranscripts(store, 'the', { limit: 3, rankWindow: 5 }));
      expect(all.length).toBe(the.length);
      expect(sorted(all.map(keyOf))).toEqual(sorted(the.map((s) => s.key)));
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1]!, all[i]!];
        if (a.callId === b.callId) expect(a.monologueIndex < b.monologueIndex || (a.monologueIndex === b.monologueIndex && a.sentenceIndex < b.sentenceIndex)).toBe(true);
        else expect(a.startedAt >= b.startedAt).toBe(true);
      }
      // A call's hits come together: each call once in the sequence of calls.
      const runs = all.map((h) => h.callId).filter((id, i, ids) => i === 0 || ids[i - 1] !== id);
      expect(new Set(runs).size).toBe(runs.length);
      // The filters apply as in a ranked search.
      const external = await collect(searchAllTranscripts(store, '"SOC 2" OR report', { affiliation: 'external', since: new Date(SINCE + 30 * DAY) }));
      expect(external.length).toBeGreaterThan(10);
      expect(sorted(external.map(keyOf))).toEqual(sorted((await everyHit('"SOC 2" OR report', { affiliation: 'external', since: new Date(SINCE + 30 * DAY) })).map(keyOf)));
      expect(await collect(searchAllTranscripts(store, 'xylophonic'))).toEqual([]);
      await expect(collect(searchAllTranscripts(store, '"SOC 2'))).rejects.toThrow(ConfigError);
    });

    it('perCall gives one hit per call: the call\'s best sentence, calls in ranking order', async () => {
      const hits = await everyHit('"SOC 2" OR report');
      const firstPerCall = hits.filter((hit, i) => hits.findIndex((h) => h.callId === hit.callId) === i);
      expect(firstPerCall.length).toBeGreaterThan(10);
      expect(firstPerCall.length).toBeLessThan(hits.length);
      const perCall = await search('"SOC 2" OR report', { perCall: true });
      expect(perCall.map(keyOf)).toEqual(firstPerCall.map(keyOf));
      expect((await search('"SOC 2" OR report', { perCall: true, limit: 4 })).map(keyOf)).toEqual(firstPerCall.slice(0, 4).map(keyOf));
      // Streamed, every call's best, newest call first.
      const all = await collect(searchAllTranscripts(store, '"SOC 2" OR report', { perCall: true }));
      expect(sorted(all.map(keyOf))).toEqual(sorted(firstPerCall.map(keyOf)));
      expect(all.map((h) => h.startedAt)).toEqual(all.map((h) => h.startedAt).sort().reverse());
    });

    it('filters by speaker name, case-insensitive substring of the resolved name', async () => {
      const pricing = truthSaying('pricing');
      const counts = new Map<string, number>();
      for (const s of pricing) counts.set(speakerOf(s).name, (counts.get(speakerOf(s).name) ?? 0) + 1);
      const [name] = [...counts].filter(([n]) => n !== 'Unknown speaker').sort((a, b) => b[1] - a[1])[0]!;
      const needle = name.split(' ').at(-1)!.toUpperCase();
      const expected = pricing.filter((s) => speakerOf(s).name.toLowerCase().includes(needle.toLowerCase()));
      const hits = await everyHit('pricing', { speaker: needle });
      expect(hits.length).toBeGreaterThan(5);
      expect(sorted(hits.map(keyOf))).toEqual(sorted(expected.map((s) => s.key)));
      for (const hit of hits) expect(hit.speaker.toLowerCase()).toContain(needle.toLowerCase());

      // Gong's backchannel "Mm-hmm." has no speaker id: it is "Unknown speaker".
      const unknown = sentences.filter((s) => searchWords(s.text).includes('hmm') && speakerOf(s).name === 'Unknown speaker');
      expect(unknown.length).toBeGreaterThan(0);
      const unknownHits = await everyHit('hmm', { speaker: 'unknown' });
      expect(sorted(unknownHits.map(keyOf))).toEqual(sorted(unknown.map((s) => s.key)));
      expect(unknownHits.every((h) => h.speaker === 'Unknown speaker' && !h.speakerResolved)).toBe(true);
    });

    it('filters by affiliation: external, internal, unknown', async () => {
      const said = [...truthSaying('GDPR'), ...truthSaying('Zentrix')];
      const side = (s: TruthSentence) => speakerOf(s).affiliation ?? 'Unknown';
      for (const affiliation of ['external', 'internal', 'unknown'] as const) {
        const expected = new Set(said.filter((s) => side(s).toLowerCase() === affiliation).map((s) => s.key));
        const hits = await everyHit('GDPR OR Zentrix', { affiliation });
        expect(sorted(hits.map(keyOf)), affiliation).toEqual(sorted(expected));
        expect(hits.every((h) => h.affiliation.toLowerCase() === affiliation)).toBe(true);
        if (affiliation !== 'unknown') expect(hits.length).toBeGreaterThan(10);
      }
    });

    it('filters by call date: since inclusive, until exclusive', async () => {
      const starts = stored.map((c) => c.startedMs).sort((a, b) => a - b);
      const since = starts[Math.floor(starts.length / 3)]!;
      const until = starts[Math.floor((2 * starts.length) / 3)]!;
      const inRange = new Set(stored.filter((c) => c.startedMs >= since && c.startedMs < until).map((c) => c.id));
      const expected = truthSaying('SOC 2').filter((s) => inRange.has(s.callId));
      expect(expected.length).toBeGreaterThan(10);
      const hits = await everyHit('"SOC 2"', { since: new Date(since), until: new Date(until).toISOString() });
      expect(sorted(hits.map(keyOf))).toEqual(sorted(expected.map((s) => s.key)));
      expect(await search('"SOC 2"', { since: NOW })).toEqual([]);
    });

    it('filters by call and by linked CRM account', async () => {
      const withPricing = [...new Set(truthSaying('pricing').map((s) => s.callId))];
      const [direct, viaDeal, other] = withPricing;
      expect(other).toBeDefined();
      const inCall = await everyHit('pricing', { callId: direct });
      expect(sorted(inCall.map(keyOf))).toEqual(sorted(truthSaying('pricing').filter((s) => s.callId === direct).map((s) => s.key)));
      expect(await search('pricing', { callId: 'no-such-call' })).toEqual([]);

      const now = new Date(NOW).toISOString();
      await store.write(async (w) => {
        await w.tx.insertInto('crm_accounts').values([
          { connection_id: 'default', id: '001SEARCH', name: 'Acme Search Test Corp', domain: 'acme-search.example', website: null, source: 'test', raw: null, imported_at: now },
          { connection_id: 'default', id: '001OTHER', name: 'Other Co', domain: 'other.example', website: null, source: 'test', raw: null, imported_at: now },
        ]).execute();
        await w.tx.insertInto('crm_deals').values({
          connection_id: 'default', id: '006SEARCH', name: 'Acme expansion', account_id: '001SEARCH', stage: 'Proposal', amount: 1000,
          created_at: now, close_date: null, is_closed: store.engine.bool(false), is_won: store.engine.bool(false), source: 'test', raw: null, imported_at: now,
        }).execute();
        await w.tx.insertInto('gong_call_links').values([
          { connection_id: 'default', call_id: direct!, crm_object_type: 'account', crm_object_id: '001SEARCH', method: 'contact_email', confidence: 0.9, linked_at: now },
          { connection_id: 'default', call_id: viaDeal!, crm_object_type: 'deal', crm_object_id: '006SEARCH', method: 'contact_email', confidence: 0.9, linked_at: now },
          { connection_id: 'default', call_id: other!, crm_object_type: 'account', crm_object_id: '001OTHER', method: 'contact_email', confidence: 0.9, linked_at: now },
        ]).execute();
      });
      const linked = new Set([direct, viaDeal]);
      const hits = await everyHit('pricing', { account: 'acme SEARCH' });
      expect(sorted(hits.map(keyOf))).toEqual(sorted(truthSaying('pricing').filter((s) => linked.has(s.callId)).map((s) => s.key)));
    });

    it('filters to calls where a tracker fired, as the simulator fires them on words really said', async () => {
      const discount = sim.company.trackers.find((t) => t.name === 'Discount')!;
      const fired = new Set(sentences.filter((s) => discount.phrases.some((p) => phraseMatcher(p).test(s.text))).map((s) => s.callId));
      expect(fired.size).toBeGreaterThan(0);
      const hits = await everyHit('"single sign-on"', { tracker: '  DISCOUNT ' });
      const expected = truthSaying('single sign-on').filter((s) => fired.has(s.callId)).map((s) => s.key);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(truthSaying('single sign-on').length);
      expect(sorted(hits.map(keyOf))).toEqual(sorted(expected));
      expect(await search('pricing', { tracker: 'no such tracker' })).toEqual([]);
    });

    it('keeps connections apart', async () => {
      const tenant = store.forConnection('tenant-b');
      const callId = stored[0]!.id; // the same call id as one of `default`'s, on purpose
      const now = new Date(NOW).toISOString();
      await tenant.write(async (w) => {
        await w.upsertCalls([{
          id: callId, title: 'Tenant B call', scheduled_at: null, started_at: now, duration_seconds: 60, primary_user_id: null, direction: null,
          scope: null, media: null, system: null, language: null, workspace_id: null, url: null, is_private: false, raw: {}, parties: [],
        }], now);
        await w.upsertTranscripts([{ call_id: callId, segments: [{ speakerId: '1', topic: null, sentences: [{ start: 1000, end: 2000, text: 'Zyzzyva pricing, SOC 2 as well.' }] }], text: '', fetched_at: now }]);
      });
      expect(await search('zyzzyva')).toEqual([]);
      const theirs = await searchTranscripts(tenant, 'zyzzyva OR "SOC 2"');
      expect(theirs.map((h) => [h.callId, h.title, h.snippet])).toEqual([[callId, 'Tenant B call', '«Zyzzyva» pricing, «SOC 2» as well.']]);
      expect(theirs[0]!.url).toBe(`https://app.gong.io/call?id=${callId}&highlights=${encodeURIComponent('[{"from":1,"to":2,"type":"LIBRARY"}]')}`);
      expect((await everyHit('"SOC 2"')).length).toBe(truthSaying('SOC 2').length);
      expect(await searchIndexStats(tenant)).toMatchObject({ documents: 1, sentences: 1 });
      await tenant.write((w) => w.deleteCalls([callId]));
      expect(await searchIndexStats(tenant)).toMatchObject({ documents: 0, sentences: 0 });
      expect(await searchIndexStats(store)).toMatchObject({ documents: stored.length, sentences: sentences.length });
    });

    it('follows a re-fetched transcript exactly: no duplicates, old words gone, new words found', async () => {
      const call = stored[5]!;
      const original = sim.company.transcriptFor(call.id)!;
      const before = await searchIndexStats(store);
      const inCall = async (q: string) => (await everyHit(q, { callId: call.id })).map(keyOf);
      const firstWord = searchWords(original[0]!.sentences[0]!.text)[0]!;
      const baseline = await inCall(firstWord);
      const write = (segments: unknown) => store.write((w) => w.upsertTranscripts([{ call_id: call.id, segments, text: '', fetched_at: new Date(NOW).toISOString() }]));

      const counts = async () => {
        const { documents, sentences } = await searchIndexStats(store);
        return { documents, sentences };
      };
      await write(original);
      expect(await counts()).toEqual({ documents: before.documents, sentences: before.sentences });
      expect(await inCall(firstWord)).toEqual(baseline);

      const changed = structuredClone(original);
      changed[0]!.sentences[0]!.text = 'Xylophone budgets are approved.';
      changed.push({ speakerId: null, topic: null, sentences: [{ start: 9_999_000, end: 9_999_500, text: 'Quokka pricing is final.' }] });
      await write(changed);
      expect(await counts()).toEqual({ documents: before.documents, sentences: before.sentences + 1 });
      expect(await inCall('xylophone')).toEqual([`${call.id}/0/0`]);
      const quokka = await search('quokka');
      expect(quokka.map(keyOf)).toEqual([`${call.id}/${changed.length - 1}/0`]);
      expect(quokka[0]).toMatchObject({ offsetMs: 9_999_000, speaker: 'Unknown speaker', snippet: '«Quokka» pricing is final.' });
      const still = changed.flatMap((m, mi) => m.sentences.map((s, si) => ({ k: `${call.id}/${mi}/${si}`, t: s.text }))).filter((s) => searchWords(s.t).includes(firstWord));
      expect(sorted(await inCall(firstWord))).toEqual(sorted(still.map((s) => s.k)));

      await write(original);
      expect(await counts()).toEqual({ documents: before.documents, sentences: before.sentences });
      expect(await search('xylophone OR quokka')).toEqual([]);
    });

    it('rebuilds the same index from the transcripts', async () => {
      const before = await searchIndexStats(store);
      const hits = await everyHit('"single sign-on" OR GDPR', { affiliation: 'external' });
      const rebuilt = await rebuildSearchIndex(store);
      expect({ ...rebuilt, bytes: 0 }).toEqual({ ...before, bytes: 0 });
      expect(await everyHit('"single sign-on" OR GDPR', { affiliation: 'external' })).toEqual(hits);
    });

    it("keeps the speaker's side exact when a call's parties change after its transcript was indexed", async () => {
      const query = '"single sign-on" OR GDPR';
      const external = await everyHit(query, { affiliation: 'external' });
      const { callId, speakerId } = external[0]!;
      const theirs = (hits: SearchHit[]) => hits.filter((h) => h.callId === callId && h.speakerId === speakerId).map(keyOf);
      const said = theirs(external);
      const party = await store.scoped.selectFrom('gong_call_parties').selectAll().where('call_id', '=', callId).where('speaker_id', '=', speakerId!).executeTakeFirstOrThrow();
      const partyRow = party as Record<string, unknown>;
      const setSide = (affiliation: string) => store.write(async (w) => {
        await w.tx.updateTable('gong_call_parties').set({ affiliation }).where('connection_id', '=', 'default').where('call_id', '=', callId).where('party_id', '=', party.party_id).execute();
      });
      // The party turns internal: the sentences follow it.
      await setSide(' INTERNAL ');
      expect(theirs(await everyHit(query, { affiliation: 'external' }))).toEqual([]);
      expect(theirs(await everyHit(query, { affiliation: 'internal' }))).toEqual(said);
      // The party is removed: nobody stands for the speaker any more, so its side is unknown.
      await store.write(async (w) => {
        await w.tx.deleteFrom('gong_call_parties').where('connection_id', '=', 'default').where('call_id', '=', callId).where('party_id', '=', party.party_id).execute();
      });
      expect(theirs(await everyHit(query, { affiliation: 'internal' }))).toEqual([]);
      expect(theirs(await everyHit(query, { affiliation: 'unknown' }))).toEqual(said);
      // Back as it was.
      await store.write(async (w) => {
        await w.tx.insertInto('gong_call_parties').values({ ...partyRow, connection_id: 'default' } as never).execute();
      });
      expect(await everyHit(query, { affiliation: 'external' })).toEqual(external);
    });

    it('indexes the transcripts a database already held when migration 003 first runs', async () => {
      const where = await target.location();
      const calls = stored.slice(0, 3);
      const now = new Date(NOW).toISOString();
      const older = await openStore(where);
      let expected: Awaited<ReturnType<typeof searchIndexStats>>;
      let hits: SearchHit[];
      try {
        await older.write(async (w) => {
          await w.upsertCalls(calls.map((c) => ({
            id: c.id, title: c.title, scheduled_at: null, started_at: new Date(c.startedMs).toISOString(), duration_seconds: c.durationSec,
            primary_user_id: null, direction: null, scope: null, media: null, system: null, language: null, workspace_id: null, url: null,
            is_private: false, raw: {}, parties: [],
          })), now);
          await w.upsertTranscripts(calls.map((c) => ({ call_id: c.id, segments: sim.company.transcriptFor(c.id), text: '', fetched_at: now })));
        });
        expected = await searchIndexStats(older);
        hits = await searchTranscripts(older, 'the OR we', { limit: 50 });
        // Back to a database from before this feature: no search objects, 003 not applied.
        const drops = older.kind === 'sqlite'
          ? ['DROP TABLE gong_search_sentences', 'DROP TABLE gong_search_monologues', 'DROP TABLE gong_search_documents',
            ...['transcript_inserted', 'transcript_updated', 'transcript_deleted', 'call_inserted', 'call_updated', 'call_deleted'].map((t) => `DROP TRIGGER gong_search_${t}`)]
          : ['DROP TABLE gong_search_sentences, gong_search_documents CASCADE',
            ...['on_transcript()', 'on_call()', 'on_document_deleted()', 'index_transcript(text, text, jsonb)', 'rebuild(text)', 'vector(text)', 'fold(text)',
              // 008-search-speaker-sides (its triggers on gong_call_parties go with their function).
              'on_parties()', 'document_sides()', 'speakers(text, text, text)'].map((f) => `DROP FUNCTION gong_search_${f} CASCADE`)];
        await older.write(async (w) => {
          for (const statement of drops) await sql.raw(statement).execute(w.tx);
          await sql`DELETE FROM schema_migrations WHERE id IN ('003-search', '008-search-speaker-sides', '009-search-inline-functions')`.execute(w.tx);
        });
      } finally {
        await older.close();
      }
      const reopened = await openStore(where);
      try {
        expect(expected.sentences).toBe(calls.reduce((n, c) => n + sim.company.transcriptFor(c.id)!.reduce((k, m) => k + m.sentences.length, 0), 0));
        expect({ ...(await searchIndexStats(reopened)), bytes: 0 }).toEqual({ ...expected, bytes: 0 });
        expect((await searchTranscripts(reopened, 'the OR we', { limit: 50 })).map(keyOf)).toEqual(hits.map(keyOf));
      } finally {
        await reopened.close();
      }
    });

    it.runIf(target.name.toLowerCase().includes('postgres'))('PostgreSQL inlines the functions that turn a sentence into words (migration 009), NULL still gives NULL', async () => {
      // Inlined, the plan shows the functions' bodies; a STRICT function would stay a call.
      const { rows: plan } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN VERBOSE SELECT gong_search_vector(c.title) FROM gong_calls AS c`.execute(store.allTenants);
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toContain('to_tsvector(');
      expect(text).not.toContain('gong_search_vector(');
      expect(text).not.toContain('gong_search_fold(');
      expect(text).toContain('!~'); // the plain-sentence path
      const { rows } = await sql<{ v: string; n: string | null; f: string | null }>`
        SELECT gong_search_vector('Crème brûlée at v2.1, sign-on')::text AS v, gong_search_vector(NULL)::text AS n, gong_search_fold(NULL) AS f`.execute(store.allTenants);
      expect(rows[0]).toEqual({ v: "'1':5 'at':3 'brulee':2 'creme':1 'on':7 'sign':6 'v2':4", n: null, f: null });
      // Plain sentences skip the separator replacement: the words and positions must not change.
      const tricky = ["costs 3. Then", 'version 2. ok', '1,000 users', "don't stop", "rock'n'roll", 'wow!', 'what?', 'A.', '3.', 'U.S. market', 'e.g. this',
        'v2.1 is out', '1e5 and 2E10', "it's 5 o'clock", 'ok. ok. ok.', '  leading', 'trailing  ', "'quoted'", '!?,', '.', '', '9,99', 'x.y', 'a..b', 'one.two three'];
      const { rows: compared } = await sql<{ text: string; fast: string; full: string }>`
        SELECT t.text, gong_search_vector(t.text)::text AS fast,
          to_tsvector('simple'::regconfig, regexp_replace(gong_search_fold(t.text), ${`${SEARCH_WORD_SEPARATORS}+`}, ' ', 'g'))::text AS full
        FROM unnest(${tricky}::text[]) AS t(text)`.execute(store.allTenants);
      expect(compared.filter((r) => r.fast !== r.full)).toEqual([]);
      expect(compared).toHaveLength(tricky.length);
    });

    it('never lets a query reach the engine as syntax', async () => {
      const attempts = [
        '"; DROP TABLE gong_calls; --"',
        "'; DROP TABLE gong_calls; --",
        'pricing) OR (1=1',
        'NEAR(pricing discount, 2)',
        'text:pricing',
        '{text}: pricing',
        '^pricing',
        'pricing:*',
        "pricing' | 'discount",
        'pricing & !discount',
        'pricing <-> discount',
        '*',
        'rowid:1',
        '\\',
        '"',
        '(',
        'NOT',
        '-',
      ];
      const calls = (await store.counts()).gong_calls;
      for (const query of attempts) {
        try {
          const hits = await searchTranscripts(store, query, { limit: 5 });
          expect(Array.isArray(hits), query).toBe(true);
        } catch (error) {
          expect(error, query).toBeInstanceOf(ConfigError);
          expect((error as Error).message, query).not.toContain('\n');
        }
      }
      expect((await store.counts()).gong_calls).toBe(calls);
      expect(sorted((await everyHit('"pricing discount"')).map(keyOf))).toEqual(sorted(sentences.filter((s) => /\bpricing discount\b/i.test(s.text)).map((s) => s.key)));
    });

    it('the CLI prints hits as text and as JSON, and bad usage as one line with exit 2', async () => {
      const cli = async (...args: string[]) => {
        let stdout = '';
        let stderr = '';
        const runtime: CliRuntime = {
          stdout: new Writable({ write: (c, _e, done) => ((stdout += String(c)), done()) }),
          stderr: new Writable({ write: (c, _e, done) => ((stderr += String(c)), done()) }),
          cwd: process.cwd(),
          env: () => ({ PANDORA_GONG_DB: location }),
          signal: new AbortController().signal,
        };
        const code = await runCliInProcess(['node', 'pandora-gong', 'search', ...args], runtime);
        return { code, stdout, stderr };
      };

      const json = await cli('"SOC 2"', '--json', '--limit', '5');
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout) as SearchHit[];
      expect(parsed).toEqual(await search('"SOC 2"', { limit: 5 }));
      for (const hit of parsed) for (const key of PRODUCT_KEYS) expect(hit).toHaveProperty(key);

      const text = await cli('"single', 'sign-on"', '--affiliation', 'External', '--limit', '2');
      expect(text.code).toBe(0);
      const [first] = await search('"single sign-on"', { affiliation: 'external', limit: 2 });
      expect(text.stdout.split('\n').slice(0, 3)).toEqual([
        `${first!.title} · ${first!.startedAt.slice(0, 10)} ${first!.startedAt.slice(11, 16)} UTC`,
        `  [${String(Math.floor(first!.offsetMs / 60000)).padStart(2, '0')}:${String(Math.floor(first!.offsetMs / 1000) % 60).padStart(2, '0')}] ${first!.speaker} (External): ${first!.snippet}`,
        `  ${first!.url}`,
      ]);
      expect(text.stdout).not.toContain('\u001b[');

      const minus = await cli('GDPR', '-"data', 'residency"', '--json');
      expect(minus.code).toBe(0);
      expect(sorted((JSON.parse(minus.stdout) as SearchHit[]).map(keyOf))).toEqual(sorted((await search('GDPR -"data residency"', { limit: 20 })).map(keyOf)));

      expect((await cli('xylophonic')).stdout).toBe('No matches.\n');
      expect((await cli('xylophonic', '--all')).stdout).toBe('No matches.\n');
      expect((await cli('xylophonic', '--all', '--json')).stdout).toBe('[]\n');

      // No upper bound on --limit; --all streams every hit as one JSON array; --per-call.
      const many = await cli('the', '--limit', '5000', '--json');
      expect(many.code).toBe(0);
      expect((JSON.parse(many.stdout) as SearchHit[]).map(keyOf)).toEqual((await search('the', { limit: 5000 })).map(keyOf));
      const all = await cli('the', '--all', '--json');
      expect(all.code).toBe(0);
      expect(JSON.parse(all.stdout)).toEqual(await collect(searchAllTranscripts(store, 'the')));
      const allText = await cli('"SOC 2"', '--all');
      expect(allText.stdout).toBe(formatSearchHits(await collect(searchAllTranscripts(store, '"SOC 2"'))));
      const perCall = await cli('"SOC 2" OR report', '--per-call', '--json');
      expect(perCall.code).toBe(0);
      expect(JSON.parse(perCall.stdout)).toEqual(await search('"SOC 2" OR report', { perCall: true, limit: 20 }));

      // An account that does not exist is exit 1 with one line naming it and the closest names, as `calls` does.
      const unknown = await cli('pricing', '--account', 'Acme Serch Test');
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
      expect(unknown.stderr).toMatch(/^pandora-gong: no CRM account's name contains "Acme Serch Test".*"Acme Search Test Corp"/);
      // An account id works as with `calls`.
      const byId = await cli('pricing', '--account', '001SEARCH', '--json', '--limit', '1000');
      expect(byId.code).toBe(0);
      expect(JSON.parse(byId.stdout)).toEqual(await search('pricing', { accountId: '001SEARCH' }));
      expect((JSON.parse(byId.stdout) as SearchHit[]).length).toBeGreaterThan(0);
      for (const [args, message] of [
        [['"SOC 2'], /^pandora-gong: search query: unbalanced quote/],
        [['NOT'], /^pandora-gong: search query: NOT/],
        [['pricing', '--lmit', '3'], /^pandora-gong: unknown option --lmit/],
        [['pricing', '--affiliation', 'partner'], /^pandora-gong: --affiliation "partner" is not one of internal, external, unknown/],
        [['pricing', '--since', 'someday'], /^pandora-gong: --since "someday" is not a date/],
        [['pricing', '--limit', '0'], /^pandora-gong: --limit "0" is not a positive whole number/],
        [['pricing', '--since', '2026-10-01', '--until', '2026-09-01'], /^pandora-gong: --since must be before --until/],
        [['pricing', '--all', '--limit', '3'], /^pandora-gong: give either --limit N or --all, not both/],
      ] as const) {
        const bad = await cli(...args);
        expect(bad.code, args.join(' ')).toBe(2);
        expect(bad.stdout).toBe('');
        expect(bad.stderr, args.join(' ')).toMatch(message);
        expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      }
    });

    it('the built CLI searches too (node dist/cli/main.js search …)', async () => {
      await ensureBuilt();
      const result = await runBuiltCli(['search', '"single sign-on" -okta', '--json', '--limit', '3', '--db', location]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(await search('"single sign-on" -okta', { limit: 3 }));
    });

    it('the built CLI streams --all and refuses an unknown account with exit 1', async () => {
      await ensureBuilt();
      const all = await runBuiltCli(['search', '"SOC 2" OR report', '--all', '--json', '--db', location]);
      expect(all.stderr).toBe('');
      expect(all.code).toBe(0);
      const hits = JSON.parse(all.stdout) as SearchHit[];
      expect(hits.length).toBe(new Set(hits.map(keyOf)).size);
      expect(sorted(hits.map(keyOf))).toEqual(sorted((await everyHit('"SOC 2" OR report')).map(keyOf)));
      const unknown = await runBuiltCli(['search', 'pricing', '--account', 'no such account anywhere', '--db', location]);
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
      expect(unknown.stderr).toContain('"no such account anywhere"');
    });

    it('drops a call that turned private at the next sync', async () => {
      const turning = stored.filter((c) => c.becomesPrivateAt !== null && c.becomesPrivateAt > NOW && c.becomesPrivateAt < NOW + 3 * DAY);
      expect(turning.length).toBeGreaterThan(0);
      const call = turning[0]!;
      const word = searchWords(sim.company.transcriptFor(call.id)![0]!.sentences[0]!.text)[0]!;
      expect((await search(word, { callId: call.id })).length).toBeGreaterThan(0);
      const before = await searchIndexStats(store);

      const later = sim.advance(Math.max(DAY + HOUR, call.becomesPrivateAt! - NOW + HOUR));
      expect(sim.company.isPrivateAt(call, later)).toBe(true);
      expect((await sync()).status).toBe('completed');

      expect(await search(word, { callId: call.id })).toEqual([]);
      expect((await search(word)).some((h) => h.callId === call.id)).toBe(false);
      const gone = sentences.filter((s) => s.callId === call.id).length;
      const after = await searchIndexStats(store);
      const nowStored = sim.company.calls.filter(
        (c) => c.startedMs >= SINCE && c.startedMs < later && sim.company.isVisible(c, later) && !sim.company.isPrivateAt(c, later) && sim.company.hasTranscriptAt(c, later),
      );
      expect(after.documents).toBe(nowStored.length);
      const newSentences = nowStored.filter((c) => !stored.includes(c)).reduce((n, c) => n + sim.company.transcriptFor(c.id)!.reduce((k, m) => k + m.sentences.length, 0), 0);
      const droppedSentences = stored.filter((c) => !nowStored.includes(c)).reduce((n, c) => n + sim.company.transcriptFor(c.id)!.reduce((k, m) => k + m.sentences.length, 0), 0);
      expect(droppedSentences).toBeGreaterThanOrEqual(gone);
      expect(after.sentences).toBe(before.sentences + newSentences - droppedSentences);
    });
  });
}
