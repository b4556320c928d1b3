/**
 * The boundary checks: real recorded payloads pass; each broken field is named in one line; and
 * random records that are valid by Gong's own OpenAPI document either pass and map to rows, or
 * are refused with a GongProtocolError — never a TypeError from deeper in.
 */
import { describe, expect, it } from 'vitest';
import { normalizeBody } from '../../../src/client/normalize-body.js';
import { parseJsonLossless } from '../../../src/client/lossless-json.js';
import { GongProtocolError } from '../../../src/errors.js';
import * as shapes from '../../../src/gong/checks/record-shapes.js';
import type { GongCall, GongCallTranscript, GongUser } from '../../../src/gong/types.js';
import { callContentRows } from '../../../src/store/mappers/call-content-rows.js';
import { callRecord, userRecord } from '../../../src/store/mappers/core-rows.js';
import { Prng } from '../../../src/simulator/prng.js';
import { gongApiDoc, gongApiDocText } from '../../support/gong-api-docs.js';

/** A body as the client hands it on: big integers kept as text, then normalised. */
const body = (name: string) => normalizeBody(parseJsonLossless(gongApiDocText(`fixtures/${name}`)) as Record<string, unknown>) as Record<string, any>;

describe('record checks accept what real Gong sends', () => {
  it('users, calls, transcripts and scorecards', () => {
    for (const user of body('users-page.real.json').users) shapes.checkUser(user);
    shapes.checkCall(body('calls-extensive-item.real-pseudonymized.json') as GongCall);
    for (const transcript of body('calls-transcript.doc-example.json').callTranscripts) shapes.checkTranscript(transcript);
    for (const scorecard of body('settings-scorecards.real-trimmed.json').scorecards) shapes.checkScorecard(scorecard);
  });
});

describe('record checks name the endpoint, the record and the field', () => {
  const call = (): GongCall => structuredClone(body('calls-extensive-item.real-pseudonymized.json')) as GongCall;
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(GongProtocolError);
      expect((error as GongProtocolError).kind).toBe('protocol');
      return (error as Error).message;
    }
    throw new Error('the check let a broken record through');
  };

  it.each([
    ['a start time given as a number', (c: any) => (c.metaData.started = 1_700_000_000), /sent call \d+ with metaData\.started 1700000000 that is not a date-time/],
    ['a start time that is no date', (c: any) => (c.metaData.started = 'soon'), /metaData\.started "soon" that is not a date-time/],
    ['an id that is not digits', (c: any) => (c.metaData.id = 'ut labore'), /sent call ut labore with metaData\.id "ut labore" that is not a Gong id/],
    ['a negative duration', (c: any) => (c.metaData.duration = -5), /metaData\.duration -5 that is not a number ≥ 0/],
    ['parties that are not a list', (c: any) => (c.parties = { id: '1' }), /parties \{"id":"1"\} that is not a list/],
    ['a party that is not an object', (c: any) => (c.parties = ['x']), /parties\[0\] "x" that is not an object/],
    ['no metaData', (c: any) => delete c.metaData, /sent a call with metaData undefined that is missing/],
  ])('%s', (_name, breakIt, message) => {
    const broken = call();
    breakIt(broken);
    expect(refusal(() => shapes.checkCall(broken))).toMatch(message);
    expect(refusal(() => shapes.checkCall(broken))).toMatch(/^POST \/v2\/calls\/extensive sent /);
  });

  it("the documentation's example, whose dates are numbers (a spec artefact, docs/gong-api.md §2.4)", () => {
    expect(refusal(() => shapes.checkCall(body('calls-extensive.doc-example.json').calls[0]))).toMatch(/metaData\.started 1518863400 that is not a date-time/);
  });

  it('a sentence inside a transcript, by its place', () => {
    const transcript = structuredClone(body('calls-transcript.doc-example.json').callTranscripts[0]) as GongCallTranscript;
    (transcript.transcript[0]!.sentences[0] as any).start = 'soon';
    expect(refusal(() => shapes.checkTranscript(transcript))).toMatch(/transcript of call \d+ with transcript\[0\]\.sentences\[0\]\.start "soon" that is not a number ≥ 0/);
  });

  it('allows the nulls real Gong sends and ignores fields it does not rely on', () => {
    const c = call() as any;
    c.metaData.scheduled = null;
    c.metaData.extraField = { anything: [1, 2] };
    c.parties[0].speakerId = null;
    c.parties[0].id = undefined;
    expect(() => shapes.checkCall(c)).not.toThrow();
  });
});

/** Random records valid by a schema of Gong's OpenAPI document (types, formats, enums, $refs). */
function generator(seed: number) {
  const spec = gongApiDoc('openapi.json');
  const rng = new Prng(seed);
  const words = ['alpha', 'ut labore', '', '42', '7782342274025937895', '2026-11-03T10:00:00Z', 'x'.repeat(300)];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng.next() * list.length)]!;
  const value = (schema: any, depth: number): unknown => {
    if (schema.$ref) return value(spec.components.schemas[schema.$ref.split('/').pop()], depth);
    if (schema.enum) return pick(schema.enum);
    switch (schema.type) {
      case 'string':
        return schema.format === 'date-time' ? new Date(Date.UTC(1990 + Math.floor(rng.next() * 60), 0, 1) + Math.floor(rng.next() * 3e10)).toISOString() : pick(words);
      case 'integer':
        return pick([0, 1, -1, 1_700_000_000, 2 ** 40]);
      case 'number':
        return pick([0, 0.5, -3.25, 1e9]);
      case 'boolean':
        return rng.next() < 0.5;
      case 'array':
        return depth > 5 ? [] : Array.from({ length: Math.floor(rng.next() * 3) }, () => value(schema.items ?? {}, depth + 1));
      default: {
        const out: Record<string, unknown> = {};
        if (depth > 6) return out;
        for (const [key, property] of Object.entries(schema.properties ?? {})) if (rng.next() < 0.85) out[key] = value(property, depth + 1);
        return out;
      }
    }
  };
  return (schemaName: string) => value({ $ref: `#/components/schemas/${schemaName}` }, 0);
}

describe('random schema-valid records from openapi.json', () => {
  const cases: [string, string, (r: any) => void][] = [
    ['Calls', 'calls', (r) => (shapes.checkCall(r), callRecord(r as GongCall), callContentRows(r as GongCall))],
    ['UsersMetadata', 'users', (r) => (shapes.checkUser(r), userRecord(r as GongUser))],
    ['CallTranscripts', 'callTranscripts', (r) => shapes.checkTranscript(r)],
    ['AnsweredScorecards', 'answeredScorecards', (r) => shapes.checkAnsweredScorecard(r)],
    ['Trackers', 'keywordTrackers', (r) => shapes.checkTracker(r)],
    ['ManualAssociationResponse', 'associations', (r) => shapes.checkManualAssociation(r)],
  ];
  it.each(cases)('%s: pass and map, or a GongProtocolError, never anything else', (schema, key, use) => {
    const make = generator(schema.length);
    let passed = 0;
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const page = make(schema) as Record<string, unknown[]>;
      for (const record of page[key] ?? []) {
        try {
          use(record);
          passed += 1;
        } catch (error) {
          if (!(error instanceof GongProtocolError)) throw error;
          expect((error as Error).message).not.toContain('\n');
          refused += 1;
        }
      }
    }
    // Random text ids are refused; enough records of each kind were tried.
    expect(passed + refused).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(0);
  });
});
