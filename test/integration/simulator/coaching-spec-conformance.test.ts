/**
 * The coaching endpoints' responses validated against Gong's official OpenAPI schemas
 * (`test/fixtures/gong-api/openapi.json`), relaxed exactly where recorded reality differs
 * (docs/gong-api.md §2.3, §3.5), no more:
 *  1. Ids typed `integer(int64)` are strings: R1 shows it for scorecards (scorecardId,
 *     workspaceId, updaterUserId, questionId, questionRevisionId) and the README expects the same
 *     of answered scorecards; question `minRange`/`maxRange` are strings too (R1), and answer
 *     option ids follow them.
 *  2. Values documented as "null when …" but typed plain: tracker `saidAtInterval`, `saidAtUnit`,
 *     `creatorUserId`, `updaterUserId` (R1: built-ins have no creator); question `answerGuide`
 *     (R1 null), `minRange`/`maxRange` ("Null for questions with no range"); answer `score`,
 *     `answerText`, `selectedOptions` ("Null otherwise"); folder `parentFolderId` ("null for root
 *     folder") and `createdBy` (README §3.5).
 *  3. `format: date-time` fields are ISO-8601 strings with an offset (docs/gong-api.md §2.4).
 * The spec sets no `additionalProperties: false`, so R1's extra keys (`reviewMethod`, per-question
 * `updaterUserId`/`created`/`updated`) pass as they do there.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { get, NOW, post, shared } from './helpers.js';

const STRING_IDS: Record<string, string[]> = {
  Scorecard: ['scorecardId', 'workspaceId', 'updaterUserId'],
  Question: ['questionId', 'questionRevisionId'],
  QuestionOption: ['id'],
  AnsweredScorecard: ['answeredScorecardId', 'scorecardId', 'callId', 'reviewedUserId', 'reviewerUserId'],
  Answer: ['questionId', 'questionRevisionId'],
};
const NULLABLE: Record<string, string[]> = {
  KeywordTracker: ['saidAtInterval', 'saidAtUnit', 'creatorUserId', 'updaterUserId'],
  Question: ['answerGuide', 'minRange', 'maxRange'],
  Answer: ['score', 'answerText', 'selectedOptions'],
  LibraryFolder: ['parentFolderId', 'createdBy'],
  LibraryFolderListOfCallsResponse: ['createdBy'],
};
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

let ajv: Ajv | undefined;

function validatorFor(schemaName: string): ValidateFunction {
  ajv ??= buildAjv();
  return ajv.getSchema(`gong#/components/schemas/${schemaName}`)!;
}

function buildAjv(): Ajv {
  const schemas = structuredClone(shared('openapi.json').components.schemas) as Record<string, any>;
  for (const [schema, fields] of Object.entries(STRING_IDS)) {
    for (const field of fields) {
      expect(schemas[schema].properties[field].type).toBe('integer');
      schemas[schema].properties[field] = { type: 'string', pattern: '^-?[0-9]{1,20}$' };
    }
  }
  schemas.Question.properties.minRange = { type: 'string', pattern: '^[0-9]+$' };
  schemas.Question.properties.maxRange = { type: 'string', pattern: '^[0-9]+$' };
  for (const [schema, fields] of Object.entries(NULLABLE)) {
    for (const field of fields) {
      const prop = schemas[schema].properties[field];
      prop.type = [prop.type, 'null'];
    }
  }
  const instance = new Ajv({
    strict: false,
    allErrors: true,
    formats: {
      'date-time': ISO_WITH_OFFSET,
      int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 },
      int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
      double: { type: 'number', validate: () => true },
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
  sim = await startSimulator({ seed: 12, calls: 1500, now: NOW, rateLimit: false, frozenClock: true, pageSize: 40 });
});
afterAll(() => sim.close());

async function everyPage(path: string, body: Record<string, unknown>): Promise<any[]> {
  const pages: any[] = [];
  let cursor: string | undefined;
  do {
    const res = await post(sim, path, { ...body, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    pages.push(res.body);
    cursor = res.body.records.cursor;
  } while (cursor);
  return pages;
}

describe('coaching responses validate against the official OpenAPI schemas', () => {
  it('GET /v2/settings/trackers → Trackers, with the timestamps of R1 (6 fractional digits)', async () => {
    const res = await get(sim, '/v2/settings/trackers');
    expectValid('Trackers', res.body);
    expect(res.body.keywordTrackers.length).toBe(sim.company.trackers.length);
    expect(res.body.keywordTrackers[0].created).toMatch(/\.\d{6}-04:00$/);
    expect(res.body.keywordTrackers.some((t: any) => t.creatorUserId === null)).toBe(true);
  });

  it('GET /v2/settings/scorecards → Scorecards, shaped like the R1 fixture', async () => {
    const res = await get(sim, '/v2/settings/scorecards');
    expectValid('Scorecards', res.body);
    const fixture = shared('fixtures/settings-scorecards.real-trimmed.json');
    const ours = res.body.scorecards.find((s: any) => s.scorecardName === fixture.scorecards[0].scorecardName);
    expect(Object.keys(ours)).toEqual(Object.keys(fixture.scorecards[0]));
    expect(Object.keys(ours.questions[0])).toEqual(Object.keys(fixture.scorecards[0].questions[0]));
    const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    for (const key of Object.keys(fixture.scorecards[0])) expect([key, jsonType(ours[key])]).toEqual([key, jsonType(fixture.scorecards[0][key])]);
    for (const key of Object.keys(fixture.scorecards[0].questions[0])) expect([key, jsonType(ours.questions[1][key])]).toEqual([key, jsonType(fixture.scorecards[0].questions[0][key])]);
    expect(ours.updaterUserId).toBe('-1');
    expect(ours.questions[1]).toMatchObject({ minRange: '1', maxRange: '5', questionType: 'RANGE', answerOptions: [] });
    expectValid('Scorecards', fixture);
  });

  it('POST /v2/stats/activity/scorecards → AnsweredScorecards, every page', async () => {
    const pages = await everyPage('/v2/stats/activity/scorecards', { filter: {} });
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expectValid('AnsweredScorecards', page);
  });

  it('POST /v2/stats/activity/day-by-day → UsersDayByDayActivity, every page', async () => {
    const pages = await everyPage('/v2/stats/activity/day-by-day', { filter: { fromDate: '2026-05-18', toDate: '2026-05-25' } });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expectValid('UsersDayByDayActivity', page);
  });

  it('POST /v2/stats/interaction → CompanyUsersIntercationStatsResponse', async () => {
    const [page] = await everyPage('/v2/stats/interaction', { filter: { fromDate: '2026-05-01', toDate: '2026-06-01' } });
    expectValid('CompanyUsersIntercationStatsResponse', page);
    expect(page.fromDateTime).toBe('2026-05-01T00:00:00-04:00');
    expect(page.toDateTime).toBe('2026-06-01T00:00:00-04:00');
  });

  it('GET /v2/library/folders and /v2/library/folder-content → LibraryResponse, LibraryFolderListOfCallsResponse', async () => {
    const folders = await get(sim, '/v2/library/folders');
    expectValid('LibraryResponse', folders.body);
    for (const folder of folders.body.folders) expectValid('LibraryFolderListOfCallsResponse', (await get(sim, `/v2/library/folder-content?folderId=${folder.id}`)).body);
  });

  it('GET /v2/calls/manual-crm-associations → ManualAssociationResponse', async () => {
    const res = await get(sim, '/v2/calls/manual-crm-associations');
    expect(res.body.associations.length).toBeGreaterThan(0);
    expectValid('ManualAssociationResponse', res.body);
  });

  it('the relaxed validator still catches what the spec forbids', async () => {
    const page = (await post(sim, '/v2/stats/activity/scorecards', { filter: {} })).body;
    const numericScore = structuredClone(page);
    numericScore.answeredScorecards[0].answers[0].score = '4';
    expect(validatorFor('AnsweredScorecards')(numericScore)).toBe(false);
    const badVisibility = structuredClone(page);
    badVisibility.answeredScorecards[0].visibilityType = 'TEAM';
    expect(validatorFor('AnsweredScorecards')(badVisibility)).toBe(false);
    const numericDate = structuredClone(page);
    numericDate.answeredScorecards[0].reviewTime = 1518863400;
    expect(validatorFor('AnsweredScorecards')(numericDate)).toBe(false);
    const activity = (await post(sim, '/v2/stats/activity/day-by-day', { filter: { fromDate: '2026-05-18', toDate: '2026-05-19' } })).body;
    activity.usersDetailedActivities[0].userDailyActivityStats[0].callsAsHost = 3;
    expect(validatorFor('UsersDayByDayActivity')(activity)).toBe(false);
  });
});
