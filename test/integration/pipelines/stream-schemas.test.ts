import { afterEach, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { protocolStreams } from '../../../src/pipelines/stream-catalog.js';
import { productColumns } from '../../../src/store/schema/table.js';
import { Harness, storedRows } from './pipeline-harness.js';

let h: Harness;
afterEach(async () => h?.close());

/** A validator with `date-time` checked: Gong's instants as the store keeps them, UTC with `Z`. */
function validator(schema: Record<string, unknown>) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  return ajv.compile(schema);
}

describe('stream JSON Schemas agree with the rows', () => {
  it('every row a sync stores validates against its stream schema, which names exactly the product columns', async () => {
    h = new Harness();
    const sim = await h.simulator();
    const store = await h.store();
    await h.sync(sim, store);
    const rows = await storedRows(store);
    for (const stream of protocolStreams()) {
      const schema = stream.schema as { properties: Record<string, unknown>; required: string[] };
      expect(Object.keys(schema.properties)).toEqual(productColumns(stream.table));
      expect(schema.required).toEqual(productColumns(stream.table));
      const validate = validator(stream.schema);
      for (const row of rows[stream.name]!.values()) {
        // fetched_at is left out of comparisons, not of rows: put a valid instant back.
        const full = 'fetched_at' in schema.properties ? { fetched_at: '2026-11-20T15:00:00.000Z', ...row } : row;
        expect(validate(full), `${stream.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
    // The check can fail: a wrong type, a null where the column is not nullable, an extra column.
    const calls = protocolStreams().find((s) => s.name === 'calls')!;
    const validate = validator(calls.schema);
    const call = rows.calls!.values().next().value!;
    expect(validate({ ...call, duration_seconds: 'long' })).toBe(false);
    expect(validate({ ...call, started_at: null })).toBe(false);
    expect(validate({ ...call, started_at: '2026-11-20 15:00' })).toBe(false);
    expect(validate({ ...call, not_a_column: 1 })).toBe(false);
  });
});
