import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { protocolStreams } from '../../../src/pipelines/stream-catalog.js';
import { HOUR } from '../../../src/util/time.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { airbyteMessageValidator, emittedRows, Harness, messagesOf, storedRows } from './pipeline-harness.js';

let h: Harness;
beforeAll(async () => ensureBuilt(), 200_000);
afterEach(async () => h?.close());

/** A configured catalog of every discovered stream, incremental where the stream allows it. */
function fullCatalog() {
  return {
    streams: protocolStreams().map((s) => ({
      stream: { name: s.name, json_schema: s.schema, supported_sync_modes: s.incremental ? ['full_refresh', 'incremental'] : ['full_refresh'] },
      sync_mode: s.incremental ? 'incremental' : 'full_refresh',
      destination_sync_mode: s.incremental ? 'append_dedup' : 'overwrite',
    })),
  };
}

function expectValid(messages: Record<string, unknown>[]) {
  const validate = airbyteMessageValidator();
  for (const m of messages) {
    if (!validate(m)) throw new Error(`not an AirbyteMessage: ${JSON.stringify(m).slice(0, 300)}: ${JSON.stringify(validate.errors)}`);
  }
}

/** The per-stream STATE messages last emitted, as Airbyte hands them back on the next read. */
function lastStates(messages: Record<string, any>[]) {
  const by = new Map<string, unknown>();
  for (const m of messages) if (m.type === 'STATE') by.set(m.state.stream.stream_descriptor.name, m.state);
  return [...by.values()];
}

const records = (messages: Record<string, any>[]) => messages.filter((m) => m.type === 'RECORD').map((m) => m.record as { stream: string; data: Record<string, unknown> });

function expectSameRows(read: ReturnType<typeof emittedRows>, stored: Awaited<ReturnType<typeof storedRows>>) {
  for (const s of protocolStreams()) {
    expect([...read[s.name]!.keys()].sort(), `${s.name} keys`).toEqual([...stored[s.name]!.keys()].sort());
    for (const [key, row] of stored[s.name]!) expect(read[s.name]!.get(key), `${s.name} ${key}`).toEqual(row);
  }
}

describe('airbyte source against the simulator', () => {
  it('spec, check and discover emit valid messages; check says SUCCEEDED or FAILED without the secret and exits 0', async () => {
    h = new Harness();
    const sim = await h.simulator();
    const spec = await h.run(['airbyte', 'spec']).result;
    expect(spec.code).toBe(0);
    const specMessages = messagesOf(spec.stdout);
    expectValid(specMessages);
    const creds = JSON.stringify(specMessages[0]!.spec.connectionSpecification.properties.credentials);
    expect(creds).toContain('"airbyte_secret":true');

    const ok = await h.run(['airbyte', 'check', '--config', h.file(h.config(sim))]).result;
    expect(ok.code).toBe(0);
    expectValid(messagesOf(ok.stdout));
    expect(messagesOf(ok.stdout).at(-1)!.connectionStatus).toEqual({ status: 'SUCCEEDED' });

    const badSecret = 'wrong-secret-' + 'x'.repeat(20);
    const bad = await h.run(['airbyte', 'check', '--config', h.file(h.config(sim, { credentials: { auth_type: 'access_key', access_key: sim.credentials.accessKey, access_key_secret: badSecret } }))]).result;
    expect(bad.code).toBe(0);
    const status = messagesOf(bad.stdout).at(-1)!.connectionStatus;
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/401|refused|credentials/i);
    expect(bad.stdout + bad.stderr).not.toContain(badSecret);

    const discover = await h.run(['airbyte', 'discover', '--config', h.file(h.config(sim))]).result;
    expect(discover.code).toBe(0);
    const catalog = messagesOf(discover.stdout);
    expectValid(catalog);
    const names = catalog[0]!.catalog.streams.map((s: { name: string }) => s.name);
    // Driven by the registry: every exported table of every registered stream.
    expect(names).toEqual(protocolStreams().map((s) => s.name));
    expect(names).toEqual(expect.arrayContaining(['users', 'calls', 'call_parties', 'transcripts']));
    const calls = catalog[0]!.catalog.streams.find((s: { name: string }) => s.name === 'calls');
    expect(calls).toMatchObject({ supported_sync_modes: ['full_refresh', 'incremental'], source_defined_primary_key: [['id']], default_cursor_field: ['started_at'] });
  });

  it('a read emits exactly the rows sync stores; a second read with its state emits what changed with the same requests as a second sync', async () => {
    h = new Harness();
    const simSync = await h.simulator();
    const simRead = await h.simulator();
    const store = await h.store();
    await h.sync(simSync, store);
    const config = h.file(h.config(simRead));
    const catalog = h.file(fullCatalog());
    const first = await h.run(['airbyte', 'read', '--config', config, '--catalog', catalog]).result;
    expect(first.code, first.stderr).toBe(0);
    const firstMessages = messagesOf(first.stdout);
    expectValid(firstMessages);
    expectSameRows(emittedRows(records(firstMessages)), await storedRows(store));
    expect(simRead.log.countsByEndpoint()).toEqual(simSync.log.countsByEndpoint());

    // Every stream STARTED then COMPLETE; every STATE after the records it covers (none after it in its stream until the next).
    const statuses = firstMessages.filter((m) => m.type === 'TRACE' && m.trace.type === 'STREAM_STATUS').map((m) => `${m.trace.stream_status.stream_descriptor.name}:${m.trace.stream_status.status}`);
    for (const s of protocolStreams()) {
      expect(statuses).toContain(`${s.name}:STARTED`);
      expect(statuses.indexOf(`${s.name}:COMPLETE`)).toBeGreaterThan(statuses.indexOf(`${s.name}:STARTED`));
    }
    expect(firstMessages.every((m) => ['RECORD', 'STATE', 'LOG', 'TRACE'].includes(m.type))).toBe(true);
    // No stream's records are left uncovered by a STATE, and each STATE counts the records before it.
    for (const s of protocolStreams()) {
      const mine = firstMessages.filter((m) => (m.type === 'RECORD' && m.record.stream === s.name) || (m.type === 'STATE' && m.state.stream.stream_descriptor.name === s.name));
      expect(mine.at(-1)!.type, s.name).toBe('STATE');
      let since = 0;
      for (const m of mine) {
        if (m.type === 'RECORD') since++;
        else {
          expect(m.state.sourceStats.recordCount).toBe(since);
          since = 0;
        }
      }
    }

    // Six hours later: calls made visible since, transcripts produced since.
    for (const sim of [simSync, simRead]) sim.advance(6 * HOUR);
    const before = { sync: simSync.log.countsByEndpoint(), read: simRead.log.countsByEndpoint() };
    await h.sync(simSync, store);
    const second = await h.run(['airbyte', 'read', '--config', config, '--catalog', catalog, '--state', h.file(lastStates(firstMessages))]).result;
    expect(second.code, second.stderr).toBe(0);
    const secondMessages = messagesOf(second.stdout);
    expectValid(secondMessages);
    const delta = (now: Record<string, number>, then: Record<string, number>) => Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (then[k] ?? 0)]));
    expect(delta(simRead.log.countsByEndpoint(), before.read)).toEqual(delta(simSync.log.countsByEndpoint(), before.sync));
    // What the second read emits, laid over the first, is what the store holds after its second sync.
    expectSameRows(emittedRows([...records(firstMessages), ...records(secondMessages)]), await storedRows(store));
    // Only what changed: no transcript twice, and calls only from the lookback on.
    const again = records(secondMessages).filter((r) => r.stream === 'transcripts').map((r) => r.data.call_id);
    const had = new Set(records(firstMessages).filter((r) => r.stream === 'transcripts').map((r) => r.data.call_id));
    expect(again.filter((id) => had.has(id))).toEqual([]);
    expect(records(secondMessages).filter((r) => r.stream === 'calls').length).toBeLessThan(records(firstMessages).filter((r) => r.stream === 'calls').length);
  });

  it('a read killed mid-stream and resumed from its last emitted state loses nothing', async () => {
    h = new Harness();
    const simSync = await h.simulator();
    // Small pages: the calls window takes several, and the read dies between two of them.
    const simRead = await h.simulator({ latencyMs: 15, pageSize: 10 });
    const store = await h.store();
    await h.sync(simSync, store);
    const config = h.file(h.config(simRead));
    const catalog = h.file(fullCatalog());
    const killed = h.run(['airbyte', 'read', '--config', config, '--catalog', catalog]);
    await new Promise<void>((resolve) => {
      const check = () => {
        // Killed once the calls stream is well under way.
        if (messagesOf(killed.stdoutText()).filter((m) => m.type === 'STATE' && m.state.stream.stream_descriptor.name === 'calls').length >= 2) {
          killed.kill('SIGKILL');
          resolve();
        }
      };
      killed.stdout!.on('data', check);
    });
    const cut = await killed.result;
    expect(cut.signal).toBe('SIGKILL');
    // Only whole lines count: a line cut in two never reached the platform.
    const firstMessages = messagesOf(cut.stdout.slice(0, cut.stdout.lastIndexOf('\n') + 1));
    expectValid(firstMessages);
    // Mid-stream: the calls window was not finished.
    expect(firstMessages.some((m) => m.type === 'TRACE' && m.trace.stream_status?.stream_descriptor.name === 'calls' && m.trace.stream_status.status === 'COMPLETE')).toBe(false);
    // The platform keeps records up to each stream's last STATE; what came after may be lost.
    const kept: { stream: string; data: Record<string, unknown> }[] = [];
    const pending = new Map<string, { stream: string; data: Record<string, unknown> }[]>();
    for (const m of firstMessages) {
      if (m.type === 'RECORD') pending.set(m.record.stream, [...(pending.get(m.record.stream) ?? []), m.record]);
      if (m.type === 'STATE') {
        const name = m.state.stream.stream_descriptor.name;
        kept.push(...(pending.get(name) ?? []));
        pending.set(name, []);
      }
    }
    const resumed = await h.run(['airbyte', 'read', '--config', config, '--catalog', catalog, '--state', h.file(lastStates(firstMessages))]).result;
    expect(resumed.code, resumed.stderr).toBe(0);
    const resumedMessages = messagesOf(resumed.stdout);
    expectValid(resumedMessages);
    expectSameRows(emittedRows([...kept, ...records(resumedMessages)]), await storedRows(store));
  });

  it('refused credentials end in a config_error, an outage in a transient_error, a spent budget in INCOMPLETE with the reason and a last STATE', async () => {
    h = new Harness();
    const sim = await h.simulator();
    const catalog = h.file(fullCatalog());
    const refused = await h.run(['airbyte', 'read', '--config', h.file(h.config(sim, { credentials: { auth_type: 'access_key', access_key: 'nobody', access_key_secret: 'not-the-secret' } })), '--catalog', catalog]).result;
    const refusedMessages = messagesOf(refused.stdout);
    expectValid(refusedMessages);
    expect(refused.code).not.toBe(0);
    expect(refusedMessages.find((m) => m.type === 'TRACE' && m.trace.type === 'ERROR')!.trace.error.failure_type).toBe('config_error');
    expect(refused.stdout).not.toContain('not-the-secret');

    const down = await h.simulator({ faults: '5xx=1' });
    const outage = await h.run(['airbyte', 'read', '--config', h.file(h.config(down, { retry_for: '1s' })), '--catalog', catalog]).result;
    const outageMessages = messagesOf(outage.stdout);
    expectValid(outageMessages);
    expect(outageMessages.find((m) => m.type === 'TRACE' && m.trace.type === 'ERROR')!.trace.error.failure_type).toBe('transient_error');
    expect(outageMessages.some((m) => m.type === 'TRACE' && m.trace.stream_status?.status === 'INCOMPLETE')).toBe(true);

    const budget = await h.run(['airbyte', 'read', '--config', h.file(h.config(sim, { daily_budget: 2 })), '--catalog', catalog]).result;
    expect(budget.code, budget.stderr).toBe(0);
    const budgetMessages = messagesOf(budget.stdout);
    expectValid(budgetMessages);
    const incomplete = budgetMessages.filter((m) => m.type === 'TRACE' && m.trace.stream_status?.status === 'INCOMPLETE');
    expect(incomplete.length).toBeGreaterThan(0);
    expect(incomplete[0]!.trace.stream_status.reasons[0]).toMatchObject({ type: 'RATE_LIMITED', rate_limited: { quota_reset: expect.any(Number) } });
    const states = lastStates(budgetMessages) as { stream: { stream_state: { budget: { used: number } } } }[];
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s.stream.stream_state.budget.used === 2)).toBe(true);
    // The next read the same day has no budget left either: the count rides in the state.
    const next = await h.run(['airbyte', 'read', '--config', h.file(h.config(sim, { daily_budget: 2 })), '--catalog', catalog, '--state', h.file(states)]).result;
    expect(messagesOf(next.stdout).filter((m) => m.type === 'RECORD')).toEqual([]);
  });
});
