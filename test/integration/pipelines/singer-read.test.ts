import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { protocolStreams } from '../../../src/pipelines/stream-catalog.js';
import { HOUR } from '../../../src/util/time.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { emittedRows, Harness, messagesOf, schemaValidator, storedRows } from './pipeline-harness.js';

let h: Harness;
beforeAll(async () => ensureBuilt(), 200_000);
afterEach(async () => h?.close());

const records = (messages: Record<string, any>[]) => messages.filter((m) => m.type === 'RECORD').map((m) => ({ stream: m.stream as string, data: m.record as Record<string, unknown> }));
const lastState = (messages: Record<string, any>[]) => messages.filter((m) => m.type === 'STATE').at(-1)!.value;

describe('singer tap against the simulator', () => {
  it('discover, a read equal to sync with SCHEMA before RECORD and STATE after, a second read like a second sync, and a killed read resumed', async () => {
    h = new Harness();
    const simSync = await h.simulator();
    const simRead = await h.simulator({ latencyMs: 10 });
    const store = await h.store();
    await h.sync(simSync, store);
    const config = h.file(h.config(simRead));

    const discover = await h.run(['singer', '--config', config, '--discover']).result;
    expect(discover.code, discover.stderr).toBe(0);
    const catalog = JSON.parse(discover.stdout) as { streams: { tap_stream_id: string; metadata: { breadcrumb: string[]; metadata: Record<string, unknown> }[] }[] };
    expect(catalog.streams.map((s) => s.tap_stream_id)).toEqual(protocolStreams().map((s) => s.name));
    // Select every stream, as Meltano does.
    for (const s of catalog.streams) s.metadata.find((m) => m.breadcrumb.length === 0)!.metadata.selected = true;
    const catalogFile = h.file(catalog);

    const first = await h.run(['singer', '--config', config, '--catalog', catalogFile]).result;
    expect(first.code, first.stderr).toBe(0);
    const messages = messagesOf(first.stdout);
    expect(messages.every((m) => ['SCHEMA', 'RECORD', 'STATE'].includes(m.type))).toBe(true);
    const schemaAt = new Map(messages.flatMap((m, i) => (m.type === 'SCHEMA' ? [[m.stream, i]] : [])));
    messages.forEach((m, i) => m.type === 'RECORD' && expect(schemaAt.get(m.stream)).toBeLessThan(i));
    expect(messages.at(-1)!.type).toBe('STATE');
    for (const s of protocolStreams()) {
      const validate = schemaValidator(messages.find((m) => m.type === 'SCHEMA' && m.stream === s.name)!.schema);
      for (const r of records(messages).filter((r) => r.stream === s.name)) expect(validate(r.data), JSON.stringify(validate.errors)).toBe(true);
    }
    const stored = await storedRows(store);
    expect(emittedRows(records(messages))).toEqual(stored);

    for (const sim of [simSync, simRead]) sim.advance(6 * HOUR);
    const before = { sync: simSync.log.countsByEndpoint(), read: simRead.log.countsByEndpoint() };
    await h.sync(simSync, store);
    const second = await h.run(['singer', '--config', config, '--catalog', catalogFile, '--state', h.file(lastState(messages))]).result;
    expect(second.code, second.stderr).toBe(0);
    const delta = (now: Record<string, number>, then: Record<string, number>) => Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (then[k] ?? 0)]));
    expect(delta(simRead.log.countsByEndpoint(), before.read)).toEqual(delta(simSync.log.countsByEndpoint(), before.sync));
    expect(emittedRows([...records(messages), ...records(messagesOf(second.stdout))])).toEqual(await storedRows(store));

    // Killed after a few STATEs, in small pages; the next run from the last STATE brings everything after it.
    const simSmall = await h.simulator({ latencyMs: 10, pageSize: 10 });
    const killed = h.run(['singer', '--config', h.file(h.config(simSmall)), '--catalog', catalogFile]);
    await new Promise<void>((resolve) =>
      killed.stdout!.on('data', () => {
        if (messagesOf(killed.stdoutText()).filter((m) => m.type === 'STATE').length >= 4) {
          killed.kill('SIGKILL');
          resolve();
        }
      }),
    );
    const cut = await killed.result;
    const whole = messagesOf(cut.stdout.slice(0, cut.stdout.lastIndexOf('\n') + 1));
    const lastStateAt = whole.map((m) => m.type).lastIndexOf('STATE');
    const kept = records(whole.slice(0, lastStateAt));
    expect(cut.signal).toBe('SIGKILL');
    // Mid-stream: the calls window was still in flight in the last state.
    expect(whole[lastStateAt]!.value.bookmarks.calls.engine.calls.progress).not.toBeNull();
    const resumed = await h.run(['singer', '--config', h.file(h.config(simSmall)), '--catalog', catalogFile, '--state', h.file(whole[lastStateAt]!.value)]).result;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(emittedRows([...kept, ...records(messagesOf(resumed.stdout))])).toEqual(stored);
  });

  it('honours the selected fields and streams of the catalog', async () => {
    h = new Harness();
    const sim = await h.simulator();
    const config = h.file(h.config(sim));
    const catalog = JSON.parse((await h.run(['singer', '--config', config, '--discover']).result).stdout) as { streams: { tap_stream_id: string; metadata: { breadcrumb: string[]; metadata: Record<string, unknown> }[] }[] };
    const users = catalog.streams.find((s) => s.tap_stream_id === 'users')!;
    users.metadata.find((m) => m.breadcrumb.length === 0)!.metadata.selected = true;
    users.metadata.find((m) => m.breadcrumb[1] === 'raw')!.metadata.selected = false;
    const run = await h.run(['singer', '--config', config, '--catalog', h.file(catalog)]).result;
    expect(run.code, run.stderr).toBe(0);
    const out = messagesOf(run.stdout);
    expect(new Set(out.filter((m) => m.type !== 'STATE').map((m) => m.stream))).toEqual(new Set(['users']));
    const user = out.find((m) => m.type === 'RECORD')!.record;
    expect(user).toHaveProperty('id');
    expect(user).toHaveProperty('email');
    expect(user).not.toHaveProperty('raw');
    expect(sim.log.countsByEndpoint()['POST /v2/calls/extensive']).toBeUndefined();
  });

  it('transcripts selected later, with the state of reads without them, still get every call transcript', async () => {
    h = new Harness();
    const simSync = await h.simulator();
    const simRead = await h.simulator();
    const store = await h.store();
    await h.sync(simSync, store);
    const config = h.file(h.config(simRead));
    const catalog = JSON.parse((await h.run(['singer', '--config', config, '--discover']).result).stdout) as { streams: { tap_stream_id: string; metadata: { breadcrumb: string[]; metadata: Record<string, unknown> }[] }[] };
    const select = (names: (name: string) => boolean) => {
      for (const s of catalog.streams) s.metadata.find((m) => m.breadcrumb.length === 0)!.metadata.selected = names(s.tap_stream_id);
      return h.file(catalog);
    };
    const first = await h.run(['singer', '--config', config, '--catalog', select((n) => n !== 'transcripts')]).result;
    expect(first.code, first.stderr).toBe(0);
    const firstMessages = messagesOf(first.stdout);
    expect(records(firstMessages).some((r) => r.stream === 'transcripts')).toBe(false);
    const second = await h.run(['singer', '--config', config, '--catalog', select(() => true), '--state', h.file(lastState(firstMessages))]).result;
    expect(second.code, second.stderr).toBe(0);
    expect(emittedRows([...records(firstMessages), ...records(messagesOf(second.stdout))])).toEqual(await storedRows(store));
  });
});
