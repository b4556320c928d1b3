import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type CompanyCall, type Simulator } from '../../../src/simulator/index.js';
import { NOW, post } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 6, calls: 1500, now: NOW, rateLimit: false, frozenClock: true });
});
afterAll(() => sim.close());

const ALL_CONTENT = { structure: true, topics: true, trackers: true, trackerOccurrences: true, pointsOfInterest: true, brief: true, outline: true, highlights: true, callOutcome: true, keyPoints: true };
const ALL_INTERACTION = { speakers: true, video: true, personInteractionStats: true, questions: true };

const pick = (pred: (c: CompanyCall) => boolean) => sim.company.visibleCalls(NOW).find((c) => pred(c) && sim.company.hasTranscriptAt(c, NOW))!;
const extensive = async (calls: CompanyCall[], contentSelector?: unknown) => {
  const res = await post(sim, '/v2/calls/extensive', { filter: { callIds: calls.map((c) => c.id) }, ...(contentSelector ? { contentSelector } : {}) });
  expect(res.status).toBe(200);
  return res.body.calls as any[];
};

describe('contentSelector gating (docs/gong-api.md §6)', () => {
  it('sends only metaData without a selector', async () => {
    const [call] = await extensive([pick((c) => c.kind === 'external')]);
    expect(Object.keys(call)).toEqual(['metaData']);
  });

  it('adds parties only when asked, with context [] unless context is asked too', async () => {
    const target = pick((c) => c.kind === 'external' && c.contextKind === 'account+opportunity');
    const [call] = await extensive([target], { exposedFields: { parties: true } });
    expect(Object.keys(call)).toEqual(['metaData', 'parties']);
    for (const p of call.parties) expect(p.context).toEqual([]);
    expect(call.parties[0].userId).toBe(target.primaryUserId);
  });

  it('leaves parties out of imported calls even when asked (docs/gong-api.md §5.6)', async () => {
    const imported = sim.company.visibleCalls(NOW).find((c) => c.imported)!;
    const [call] = await extensive([imported], { context: 'Extended', exposedFields: { parties: true } });
    expect('parties' in call).toBe(false);
    expect('context' in call).toBe(true);
  });

  it('gives object links for Basic context and field values for Extended', async () => {
    const target = pick((c) => c.contextKind === 'account+opportunity' && c.kind === 'external');
    const [basic] = await extensive([target], { context: 'Basic', exposedFields: { parties: true } });
    expect(basic.context).toEqual([
      { system: 'Salesforce', objects: [{ objectType: 'Account', objectId: target.accountId }, { objectType: 'Opportunity', objectId: target.dealId }] },
    ]);
    for (const p of basic.parties) for (const ctx of p.context) for (const o of ctx.objects) expect('fields' in o).toBe(false);
    const [extended] = await extensive([target], { context: 'Extended', contextTiming: ['Now', 'TimeOfCall'], exposedFields: { parties: true } });
    const objects = extended.context[0].objects;
    expect(objects.map((o: any) => [o.objectType, o.timing])).toEqual([
      ['Account', undefined],
      ['Opportunity', 'Now'],
      ['Opportunity', 'TimeOfCall'],
    ]);
    const account = sim.company.accountById(target.accountId!)!;
    expect(objects[0].fields).toEqual([
      { name: 'Industry', value: account.industry },
      { name: 'Website', value: account.website },
      { name: 'Name', value: account.name },
    ]);
    const stage = (o: any) => o.fields.find((f: any) => f.name === 'StageName').value;
    const deal = sim.company.dealById(target.dealId!)!;
    expect(stage(objects[1])).toBe(sim.company.stageAt(deal, NOW));
    expect(stage(objects[2])).toBe(sim.company.stageAt(deal, target.startedMs));
    const internal = extended.parties.find((p: any) => p.affiliation === 'Internal');
    expect(internal.context[0].objects[0]).toMatchObject({ objectType: 'User', fields: [{ name: 'CreatedDate' }] });
  });

  it('answers context [] for calls Gong linked to nothing, and account-only for some', async () => {
    const none = pick((c) => c.contextKind === 'none' && !c.imported);
    const accountOnly = pick((c) => c.contextKind === 'account');
    const [a, b] = await extensive([none, accountOnly].sort((x, y) => x.index - y.index), { context: 'Extended' });
    const byId = new Map([a, b].map((c) => [c.metaData.id, c]));
    expect(byId.get(none.id).context).toEqual([]);
    expect(byId.get(accountOnly.id).context[0].objects.map((o: any) => o.objectType)).toEqual(['Account']);
  });

  it('sends exactly the content sub-keys asked for', async () => {
    const target = pick((c) => c.kind === 'external' && c.language === 'eng' && c.durationSec > 600);
    const [only] = await extensive([target], { exposedFields: { content: { topics: true, trackers: true } } });
    expect(Object.keys(only)).toEqual(['metaData', 'content']);
    expect(Object.keys(only.content)).toEqual(['trackers', 'topics']);
    for (const t of only.content.trackers) {
      expect(Object.keys(t)).toEqual(['id', 'name', 'count', 'type']);
      expect(['KEYWORD', 'SMART']).toContain(t.type);
    }
    const [all] = await extensive([target], { exposedFields: { content: ALL_CONTENT } });
    // Dialer outcomes only exist for dialer calls; structure only for some calls (R2).
    expect(Object.keys(all.content)).not.toContain('callOutcome');
    for (const key of ['trackers', 'topics', 'pointsOfInterest', 'brief', 'outline', 'highlights', 'keyPoints']) expect(all.content).toHaveProperty(key);
    const withOccurrences = all.content.trackers.find((t: any) => t.count > 0);
    expect(withOccurrences.occurrences).toHaveLength(withOccurrences.count);
  });

  it('counts trackers from the words in the transcript', async () => {
    const target = pick((c) => c.agenda === 'security' && c.language === 'eng');
    const [call] = await extensive([target], { exposedFields: { content: { trackers: true } } });
    const truth = sim.company.transcript(target.id)!;
    const soc2 = truth.mentions.filter((m) => m.phrase === 'SOC 2').length;
    const security = call.content.trackers.find((t: any) => t.name === 'Security');
    expect(soc2).toBeGreaterThan(0);
    expect(security.count).toBeGreaterThanOrEqual(soc2);
  });

  it('gives a dialer call its outcome', async () => {
    const dialer = sim.company.visibleCalls(NOW).find((c) => c.kind === 'dialer' && c.sdrDisposition === 'Answered - Meeting Set')!;
    const [call] = await extensive([dialer], { exposedFields: { content: { callOutcome: true } } });
    expect(call.content.callOutcome).toEqual({ id: 'MEETING_BOOKED', category: 'Answered', name: 'Meeting booked' });
  });

  it('lists internal speakers by party id in interaction (docs/gong-api.md §3.3)', async () => {
    const target = pick((c) => c.kind === 'external' && c.media === 'Video');
    const [call] = await extensive([target], { exposedFields: { parties: true, interaction: ALL_INTERACTION } });
    expect(Object.keys(call.interaction)).toEqual(['speakers', 'interactionStats', 'video', 'questions']);
    const parties = new Map(call.parties.map((p: any) => [p.id, p]));
    expect(call.interaction.speakers.length).toBeGreaterThan(0);
    for (const s of call.interaction.speakers) {
      const party: any = parties.get(s.id);
      expect(party.affiliation).toBe('Internal');
      expect(party.userId).toBe(s.userId);
      expect(typeof s.talkTime).toBe('number');
    }
    // The same holds on every call of a full page.
    const page = await extensive(sim.company.visibleCalls(NOW).slice(0, 100), { exposedFields: { parties: true, interaction: { speakers: true } } });
    for (const c of page) {
      const internal = new Map((c.parties ?? []).filter((p: any) => p.affiliation === 'Internal').map((p: any) => [p.id, p.userId]));
      for (const s of c.interaction.speakers ?? []) expect(internal.get(s.id)).toBe(s.userId);
    }
    const [only] = await extensive([target], { exposedFields: { interaction: { questions: true } } });
    expect(Object.keys(only.interaction)).toEqual(['questions']);
  });

  it('sends collaboration as {} or with public comments, only when asked', async () => {
    const calls = sim.company.visibleCalls(NOW).slice(0, 100);
    const res = await extensive(calls, { exposedFields: { collaboration: { publicComments: true } } });
    expect(res.every((c) => 'collaboration' in c)).toBe(true);
    expect(res.some((c) => Object.keys(c.collaboration).length === 0)).toBe(true);
    const commented = res.find((c) => c.collaboration.publicComments);
    expect(commented).toBeDefined();
    for (const comment of commented.collaboration.publicComments) {
      expect(Object.keys(comment)).toEqual(['id', 'audioStartTime', 'audioEndTime', 'commenterUserId', 'comment', 'posted', 'inReplyTo', 'duringCall']);
      expect(Date.parse(comment.posted)).toBeLessThanOrEqual(NOW);
    }
  });

  it('sends media only when asked, with URLs that change on every request', async () => {
    const target = pick((c) => c.media === 'Video');
    const [none] = await extensive([target], { exposedFields: { parties: true } });
    expect('media' in none).toBe(false);
    const [a] = await extensive([target], { exposedFields: { media: true } });
    const [b] = await extensive([target], { exposedFields: { media: true } });
    expect(Object.keys(a.media)).toEqual(['audioUrl', 'videoUrl']);
    expect(a.media.audioUrl).not.toBe(b.media.audioUrl);
  });

  it('leaves out what is not available yet, even when asked', async () => {
    const pending = sim.company.visibleCalls(NOW).find((c) => c.transcriptReadyAt !== null && c.transcriptReadyAt > NOW)!;
    const [call] = await extensive([pending], { exposedFields: { content: ALL_CONTENT, interaction: { speakers: true, questions: true } } });
    expect(call.content).toEqual({});
    expect(call.interaction).toEqual({});
  });

  it('filters by primary user', async () => {
    const host = sim.company.visibleCalls(NOW)[0]!.primaryUserId;
    const res = await post(sim, '/v2/calls/extensive', { filter: { primaryUserIds: [host] } });
    expect(res.body.records.totalRecords).toBe(sim.company.visibleCalls(NOW).filter((c) => c.primaryUserId === host).length);
    for (const c of res.body.calls) expect(c.metaData.primaryUserId).toBe(host);
  });

  it('refuses a contentSelector Gong would not accept', async () => {
    const res = await post(sim, '/v2/calls/extensive', { filter: {}, contentSelector: { context: 'Everything' } });
    expect(res.status).toBe(400);
  });
});
