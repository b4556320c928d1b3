/**
 * Generated records against real recorded payloads (`test/fixtures/gong-api/fixtures`,
 * docs/gong-api.md §7): the same keys in the same order, the same JSON types, and the same
 * null-vs-absent habits. Keys Gong added after the 2021 recording (metaData `purpose`,
 * `meetingUrl`, `isPrivate`, `calendarEventId`; tracker `id` and `type`, docs/gong-api.md §3.3) are
 * the only extras allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type CompanyCall, type Simulator } from '../../../src/simulator/index.js';
import { get, NOW, post, shared } from './helpers.js';

const NEWER_METADATA = ['purpose', 'meetingUrl', 'isPrivate', 'calendarEventId'];
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 13, calls: 1500, now: NOW, rateLimit: false, frozenClock: true });
});
afterAll(() => sim.close());

describe('users match users-page.real.json', () => {
  it('has the same keys in the same order with the same types', async () => {
    const fixture = shared('fixtures/users-page.real.json');
    const res = await get(sim, '/v2/users');
    expect(Object.keys(res.body)).toEqual(Object.keys(fixture));
    expect(Object.keys(res.body.records)).toEqual(Object.keys(fixture.records));
    const real = fixture.users[0];
    for (const user of res.body.users) {
      expect(Object.keys(user)).toEqual(Object.keys(real));
      expect(Object.keys(user.settings)).toEqual(Object.keys(real.settings));
      for (const key of ['id', 'emailAddress', 'created', 'active', 'emailAliases', 'firstName', 'lastName', 'personalMeetingUrls', 'settings', 'spokenLanguages']) {
        expect(jsonType(user[key])).toBe(jsonType(real[key]));
      }
      expect(user.conferencingProviders).toBeNull();
      expect(user.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    }
  });
});

describe('an extensive call matches calls-extensive-item.real-pseudonymized.json', () => {
  const fixture = shared('fixtures/calls-extensive-item.real-pseudonymized.json');
  // The fixture's request (see its .source.txt), with media off.
  const selector = {
    context: 'Extended',
    contextTiming: ['Now'],
    exposedFields: {
      parties: true,
      content: { pointsOfInterest: true, structure: true, topics: true, trackers: true },
      interaction: { personInteractionStats: true, questions: true, speakers: true, video: true },
      collaboration: { publicComments: true },
      media: false,
    },
  };
  let call: any;
  let truth: CompanyCall;

  beforeAll(async () => {
    // A call like the fixture's: an external Zoom audio call linked to an account and an opportunity.
    truth = sim.company
      .visibleCalls(NOW)
      .find(
        (c) =>
          c.kind === 'external' && c.system === 'Zoom' && c.media === 'Audio' && c.contextKind === 'account+opportunity' &&
          c.seed % 3 !== 0 && sim.company.hasTranscriptAt(c, NOW) && c.language === 'eng' && !c.isPrivate,
      )!;
    const res = await post(sim, '/v2/calls/extensive', { filter: { callIds: [truth.id] }, contentSelector: selector });
    call = res.body.calls[0];
  });

  it('has the same top-level keys in the same order', () => {
    expect(Object.keys(call)).toEqual(Object.keys(fixture));
  });

  it('has the fixture metaData keys, order and types, plus only the newer fields', () => {
    const keys = Object.keys(call.metaData);
    expect(keys.slice(0, Object.keys(fixture.metaData).length)).toEqual(Object.keys(fixture.metaData));
    expect(keys.slice(Object.keys(fixture.metaData).length)).toEqual(NEWER_METADATA);
    for (const key of Object.keys(fixture.metaData)) expect(jsonType(call.metaData[key])).toBe(jsonType(fixture.metaData[key]));
    expect(call.metaData.url).toBe(`https://app.gong.io/call?id=${truth.id}`);
    expect(call.metaData.scheduled).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00-04:00$/);
    expect(call.metaData.started).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}-04:00$/);
  });

  it('has context shaped like the fixture: Account without timing, Opportunity with it', () => {
    expect(Object.keys(call.context[0])).toEqual(Object.keys(fixture.context[0]));
    const [account, opportunity] = call.context[0].objects;
    const [realAccount, realOpportunity] = fixture.context[0].objects;
    expect(Object.keys(account)).toEqual(Object.keys(realAccount));
    expect(Object.keys(opportunity)).toEqual(Object.keys(realOpportunity));
    expect(account.fields.map((f: any) => f.name)).toEqual(realAccount.fields.map((f: any) => f.name));
    expect(opportunity.fields.map((f: any) => f.name)).toEqual(realOpportunity.fields.map((f: any) => f.name));
    for (const [ours, real] of [[account, realAccount], [opportunity, realOpportunity]] as const) {
      for (const f of ours.fields) expect(jsonType(f.value)).toBe(jsonType(real.fields.find((r: any) => r.name === f.name).value));
    }
    expect(account.objectId).toMatch(/^001[0-9A-Za-z]{15}$/);
    expect(opportunity.objectId).toMatch(/^006[0-9A-Za-z]{15}$/);
  });

  it('has parties with the fixture keys, in its order, optional ones absent rather than null', () => {
    const order = ['id', 'emailAddress', 'name', 'title', 'userId', 'speakerId', 'context', 'affiliation', 'phoneNumber', 'methods'];
    for (const real of fixture.parties) expect(Object.keys(real).every((k) => order.includes(k))).toBe(true);
    const all = sim.company.visibleCalls(NOW).slice(0, 300);
    const res = post(sim, '/v2/calls/extensive', { filter: { callIds: all.slice(0, 100).map((c) => c.id) }, contentSelector: selector });
    return res.then(({ body }) => {
      const parties = [call, ...body.calls].flatMap((c: any) => c.parties ?? []);
      for (const p of parties) {
        const keys = Object.keys(p);
        expect(keys).toEqual(order.filter((k) => keys.includes(k)));
        for (const k of ['id', 'speakerId', 'context', 'affiliation', 'methods']) expect(keys).toContain(k);
        for (const k of ['emailAddress', 'name', 'title', 'userId', 'phoneNumber']) if (k in p) expect(typeof p[k]).toBe('string');
        if (p.affiliation === 'Internal') expect(p.context[0].objects[0]).toMatchObject({ objectType: 'User', fields: [{ name: 'CreatedDate' }] });
        for (const ctx of p.context) for (const o of ctx.objects) if (o.objectType === 'Contact') expect('fields' in o).toBe(false);
      }
      // The fixture's variety: a non-speaker, an "Unknown" guest, a party without a name.
      expect(parties.some((p: any) => p.speakerId === null)).toBe(true);
      expect(parties.some((p: any) => p.affiliation === 'Unknown')).toBe(true);
      expect(parties.some((p: any) => !('name' in p))).toBe(true);
    });
  });

  it('has content, interaction and collaboration shaped like the fixture', () => {
    expect(Object.keys(call.content)).toEqual(Object.keys(fixture.content));
    expect(Object.keys(call.content.topics[0])).toEqual(Object.keys(fixture.content.topics[0]));
    // Trackers carry the current id and type besides the 2021 name and count (docs/gong-api.md §3.3).
    expect(Object.keys(call.content.trackers[0])).toEqual(['id', 'name', 'count', 'type']);
    expect(Object.keys(call.content.pointsOfInterest)).toEqual(Object.keys(fixture.content.pointsOfInterest));
    for (const item of call.content.pointsOfInterest.actionItems) {
      expect(Object.keys(item)).toEqual(Object.keys(fixture.content.pointsOfInterest.actionItems[0]));
      expect(call.parties.map((p: any) => p.speakerId)).toContain(item.speakerID);
    }
    expect(Object.keys(call.interaction)).toEqual(Object.keys(fixture.interaction));
    expect(call.interaction.interactionStats.map((s: any) => s.name)).toEqual(fixture.interaction.interactionStats.map((s: any) => s.name));
    expect(Object.keys(call.interaction.speakers[0])).toEqual(Object.keys(fixture.interaction.speakers[0]));
    expect(Object.keys(call.interaction.questions)).toEqual(Object.keys(fixture.interaction.questions));
    expect(jsonType(call.collaboration)).toBe('object');
  });
});

describe('a transcript matches calls-transcript.doc-example.json', () => {
  it('has the same keys at every level', async () => {
    const fixture = shared('fixtures/calls-transcript.doc-example.json');
    const id = sim.company.visibleCalls(NOW).find((c) => sim.company.hasTranscriptAt(c, NOW))!.id;
    const res = await post(sim, '/v2/calls/transcript', { filter: { callIds: [id] } });
    expect(Object.keys(res.body)).toEqual(Object.keys(fixture));
    expect(res.body.records).toEqual({ totalRecords: 1, currentPageSize: 1, currentPageNumber: 0 });
    const ours = res.body.callTranscripts[0], real = fixture.callTranscripts[0];
    expect(Object.keys(ours)).toEqual(Object.keys(real));
    expect(Object.keys(ours.transcript[0])).toEqual(Object.keys(real.transcript[0]));
    expect(Object.keys(ours.transcript[0].sentences[0])).toEqual(Object.keys(real.transcript[0].sentences[0]));
  });
});
