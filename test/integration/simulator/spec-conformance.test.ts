/**
 * Responses validated against the schemas of Gong's official OpenAPI document
 * (`test/fixtures/gong-api/openapi.json`, docs/gong-api.md §0 S1).
 *
 * Where the spec disagrees with recorded reality docs/gong-api.md wins, and the validator is
 * relaxed for exactly that, no more:
 *  1. Fields that live Gong sends as `null` are typed plain `string` in the spec: user
 *     `trustedEmailAddress`, `title`, `phoneNumber`, `extension`, `managerId`,
 *     `meetingConsentPageUrl` (R1, fixture users-page.real.json); call `sdrDisposition`,
 *     `clientUniqueId`, `customData`, `purpose`, `meetingUrl`, `calendarEventId` (R2,
 *     docs/gong-api.md §3.2); party `speakerId` (R2, §5.7); monologue `speakerId` and `topic`
 *     (§3.4, §5.7); comment `inReplyTo` (docs/gong-api.md §3.3). Those become `string | null`.
 *  2. Context field `value` is typed `object`, but real values are strings, numbers and null
 *     (R2: "Other > Other", 0.0, 50000.0, "false"). It accepts any JSON value.
 *  3. `format: date-time` fields are checked as ISO-8601 strings with an offset: the spec's
 *     numeric example (1518863400.0) is a rendering artefact (docs/gong-api.md §2.4).
 * Nothing else is relaxed. The spec sets no `additionalProperties: false`, so newer keys that
 * real Gong sends (users' `conferencingProviders`, workspaces' `description`) pass as they do there.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { get, iso, NOW, post, shared } from './helpers.js';

const NULLABLE: Record<string, string[]> = {
  UserMetadata: ['trustedEmailAddress', 'title', 'phoneNumber', 'extension', 'managerId', 'meetingConsentPageUrl'],
  CallBasicData: ['sdrDisposition', 'clientUniqueId', 'customData', 'purpose', 'meetingUrl', 'calendarEventId'],
  Party: ['speakerId'],
  Monologue: ['speakerId', 'topic'],
  CommentDto: ['inReplyTo'],
};
const ANY_VALUE = ['ContextField', 'PartyContextField'];
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

let ajv: Ajv | undefined;

function validatorFor(schemaName: string): ValidateFunction {
  ajv ??= buildAjv();
  return ajv.getSchema(`gong#/components/schemas/${schemaName}`)!;
}

function buildAjv(): Ajv {
  const spec = shared('openapi.json');
  const schemas = structuredClone(spec.components.schemas) as Record<string, any>;
  for (const [schema, fields] of Object.entries(NULLABLE)) {
    for (const field of fields) {
      const prop = schemas[schema].properties[field];
      expect(prop.type).toBe('string');
      prop.type = ['string', 'null'];
    }
  }
  for (const schema of ANY_VALUE) {
    expect(schemas[schema].properties.value.type).toBe('object');
    schemas[schema].properties.value = {};
  }
  const instance = new Ajv({
    strict: false,
    allErrors: true,
    formats: {
      'date-time': ISO_WITH_OFFSET,
      int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 },
      int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
      double: { type: 'number', validate: () => true },
      float: { type: 'number', validate: () => true },
      url: (s: string) => URL.canParse(s),
    },
  });
  instance.addSchema({ $id: 'gong', components: { schemas } });
  return instance;
}

function expectValid(schemaName: string, body: unknown): void {
  const validate = validatorFor(schemaName);
  const ok = validate(body);
  expect(ok ? [] : validate.errors!.slice(0, 5)).toEqual([]);
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 12, calls: 700, now: NOW, rateLimit: false, frozenClock: true });
});
afterAll(() => sim.close());

const HISTORY = { fromDateTime: iso(NOW - 200 * 86_400_000), toDateTime: iso(NOW + 86_400_000) };
const EVERYTHING = {
  context: 'Extended',
  contextTiming: ['Now', 'TimeOfCall'],
  exposedFields: {
    parties: true,
    content: { structure: true, topics: true, trackers: true, trackerOccurrences: true, pointsOfInterest: true, brief: true, outline: true, highlights: true, callOutcome: true, keyPoints: true },
    interaction: { speakers: true, video: true, personInteractionStats: true, questions: true },
    collaboration: { publicComments: true },
    media: true,
  },
};

describe('responses validate against the official OpenAPI schemas', () => {
  it('GET /v2/users and POST /v2/users/extensive → UsersMetadata', async () => {
    expectValid('UsersMetadata', (await get(sim, '/v2/users')).body);
    expectValid('UsersMetadata', (await post(sim, '/v2/users/extensive', { filter: {} })).body);
  });

  it('GET /v2/calls → CallsResponse, every page', async () => {
    let cursor: string | undefined;
    do {
      const q = `fromDateTime=${encodeURIComponent(HISTORY.fromDateTime)}&toDateTime=${encodeURIComponent(HISTORY.toDateTime)}`;
      const res = await get(sim, `/v2/calls?${q}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expectValid('CallsResponse', res.body);
      cursor = res.body.records.cursor;
    } while (cursor);
  });

  it('GET /v2/calls/{id} → SpecificCall', async () => {
    for (const call of sim.company.visibleCalls(NOW).slice(0, 20)) expectValid('SpecificCall', (await get(sim, `/v2/calls/${call.id}`)).body);
  });

  it('POST /v2/calls/extensive with everything requested → Calls, every page', async () => {
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await post(sim, '/v2/calls/extensive', { filter: HISTORY, contentSelector: EVERYTHING, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expectValid('Calls', res.body);
      cursor = res.body.records.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(3);
  });

  it('POST /v2/calls/transcript → CallTranscripts', async () => {
    const res = await post(sim, '/v2/calls/transcript', { filter: HISTORY });
    expect(res.body.callTranscripts.length).toBe(100);
    expectValid('CallTranscripts', res.body);
  });

  it('GET /v2/workspaces → WorkspacesMetadata', async () => {
    expectValid('WorkspacesMetadata', (await get(sim, '/v2/workspaces')).body);
  });

  it('catches what the spec forbids (the validator is not a rubber stamp)', async () => {
    const page = (await post(sim, '/v2/calls/extensive', { filter: HISTORY, contentSelector: EVERYTHING })).body;
    const broken = structuredClone(page);
    broken.calls[0].metaData.duration = '1120';
    expect(validatorFor('Calls')(broken)).toBe(false);
    const numericDate = structuredClone(page);
    numericDate.calls[0].metaData.started = 1518863400;
    expect(validatorFor('Calls')(numericDate)).toBe(false);
    const badEnum = structuredClone(page);
    badEnum.calls[0].parties[0].affiliation = 'Partner';
    expect(validatorFor('Calls')(badEnum)).toBe(false);
    expect(validatorFor('ErrorResponse')({ requestId: 'x', errors: 'not a list' })).toBe(false);
  });

  it('errors → ErrorResponse', async () => {
    expectValid('ErrorResponse', (await get(sim, '/v2/calls/1')).body);
    expectValid('ErrorResponse', (await post(sim, '/v2/calls/extensive', { filter: { callIds: [] } })).body);
    expectValid('ErrorResponse', (await get(sim, '/v2/users', null)).body);
  });
});
