/**
 * What the pipeline tests share: simulators (one per side, same seed, so request counts compare),
 * a `sync` into SQLite to compare with, the built CLI spawned with a config, and the Airbyte
 * protocol schema to validate every message against.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { GongClient } from '../../../src/client/gong-client.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { openStore } from '../../../src/store/open-store.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { protocolStreams } from '../../../src/pipelines/stream-catalog.js';
import { productColumns } from '../../../src/store/schema/table.js';
import type { UntypedKysely } from '../../../src/store/untyped-kysely.js';
import { DAY } from '../../../src/util/time.js';
import { startCli, type RunningCli } from '../../support/run-cli.js';

export const CALLS = 400;
export const NOW = Date.parse('2026-11-20T15:00:00Z');
export const SINCE = NOW - 60 * DAY;

export class Harness {
  readonly sims: Simulator[] = [];
  readonly stores: GongStore[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'pgong-pipelines-'));
  #files = 0;

  async simulator(options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
    const sim = await startSimulator({ seed: 11, calls: CALLS, now: NOW, frozenClock: true, rateLimit: false, ...options });
    this.sims.push(sim);
    return sim;
  }

  async store(): Promise<GongStore> {
    const store = await openStore(join(this.dir, `sync-${this.stores.length}.db`));
    this.stores.push(store);
    return store;
  }

  /** `sync` into SQLite, as the CLI runs it, against `sim`. */
  async sync(sim: Simulator, store: GongStore) {
    const client = new GongClient({
      baseUrl: sim.url,
      accessKey: sim.credentials.accessKey,
      accessKeySecret: sim.credentials.accessKeySecret,
      rateLimit: false,
      budget: { store: store.budgetStore() },
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    return syncGong({ client, store, since: SINCE });
  }

  config(sim: Simulator, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      credentials: { auth_type: 'access_key', access_key: sim.credentials.accessKey, access_key_secret: sim.credentials.accessKeySecret },
      base_url: sim.url,
      start_date: new Date(SINCE).toISOString(),
      rate: 'off',
      ...extra,
    };
  }

  file(value: unknown): string {
    const path = join(this.dir, `file-${this.#files++}.json`);
    writeFileSync(path, JSON.stringify(value));
    return path;
  }

  run(args: string[]): RunningCli {
    return startCli(args, { timeoutMs: 180_000 });
  }

  async close(): Promise<void> {
    await Promise.all(this.stores.splice(0).map((s) => s.close()));
    await Promise.all(this.sims.splice(0).map((s) => s.close()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Stdout's complete lines as messages. */
export function messagesOf(stdout: string): Record<string, any>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, any>];
      } catch {
        return [{ notJson: l }];
      }
    });
}

/** Columns that say when we wrote, not what Gong said. */
const VOLATILE = new Set(['fetched_at']);

function normalize(row: Record<string, unknown>, table: { columns: Record<string, { kind: string }> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (VOLATILE.has(k)) continue;
    const kind = table.columns[k]?.kind;
    if (kind === 'json') out[k] = typeof v === 'string' ? JSON.parse(v) : v;
    else if (kind === 'bool') out[k] = v === null ? null : Boolean(v);
    else out[k] = v;
  }
  return out;
}

const keyOf = (row: Record<string, unknown>, key: string[]) => JSON.stringify(key.map((k) => row[k]));

/** Every protocol stream's rows as the store holds them: product columns, by key. */
export async function storedRows(store: GongStore): Promise<Record<string, Map<string, Record<string, unknown>>>> {
  const db = store.scoped as unknown as UntypedKysely;
  const out: Record<string, Map<string, Record<string, unknown>>> = {};
  for (const s of protocolStreams()) {
    const rows = await db.selectFrom(s.table.name).select(productColumns(s.table)).execute();
    out[s.name] = new Map(rows.map((r: Record<string, unknown>) => [keyOf(r, s.key), normalize(r, s.table)]));
  }
  return out;
}

/** The records of one or more reads, deduplicated by key (the last wins), as a destination would keep them. */
export function emittedRows(records: { stream: string; data: Record<string, unknown> }[]): Record<string, Map<string, Record<string, unknown>>> {
  const out: Record<string, Map<string, Record<string, unknown>>> = {};
  for (const s of protocolStreams()) out[s.name] = new Map();
  for (const r of records) {
    const s = protocolStreams().find((p) => p.name === r.stream)!;
    out[r.stream]!.set(keyOf(r.data, s.key), normalize(r.data, s.table));
  }
  return out;
}

let airbyteValidator: ValidateFunction | undefined;

/** Validates one message against Airbyte's `AirbyteMessage` definition. */
export function airbyteMessageValidator(): ValidateFunction {
  if (airbyteValidator) return airbyteValidator;
  const protocol = parseYaml(readFileSync(new URL('../../fixtures/airbyte-protocol/airbyte_protocol.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
  const ajv = withFormats(new Ajv({ strict: false, allErrors: true }));
  ajv.addSchema(protocol, 'airbyte');
  const validate = ajv.getSchema('airbyte#/definitions/AirbyteMessage');
  if (!validate) throw new Error('the Airbyte protocol schema has no AirbyteMessage definition');
  airbyteValidator = validate;
  return validate;
}

/** A JSON Schema validator for the stream schemas. */
export function schemaValidator(schema: Record<string, unknown>): ValidateFunction {
  return withFormats(new Ajv({ strict: false, allErrors: true })).compile(schema);
}

/** The formats the schemas use: instants as the store keeps them (UTC, `Z`), and URIs. */
function withFormats(ajv: Ajv): Ajv {
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  return ajv;
}
