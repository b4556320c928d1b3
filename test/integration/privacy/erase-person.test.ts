/**
 * `pandora-gong erase` on both engines: after erasing an outside participant who is also a CRM
 * contact, no row of any table (the search index included) holds their address, and a sync that
 * reads the same calls again does not bring them back.
 */
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRuntime } from '../../../src/cli/cli-runtime.js';
import { runCli } from '../../../src/cli/program.js';
import { GongClient } from '../../../src/client/gong-client.js';
import { importCrmFiles } from '../../../src/crm/import/import-crm-files.js';
import { linkCalls } from '../../../src/crm/link/link-calls.js';
import { startSimulator, writeCrmExport, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { DAY } from '../../../src/util/time.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = NOW - 45 * DAY;

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`erase a person: ${target.name}`, () => {
    let sim: Simulator;
    let store: GongStore;
    let location: string;
    let crmDir: string;
    let address: string;
    let theirCalls: string[];
    let syncedCalls: number;

    const sync = (options: { until?: number } = {}) =>
      syncGong({
        client: new GongClient({ baseUrl: sim.url, accessKey: sim.credentials.accessKey, accessKeySecret: sim.credentials.accessKeySecret, rateLimit: false, budget: false }),
        store,
        since: SINCE,
        streams: ['users', 'calls', 'transcripts', 'manual-associations'],
        ...options,
      });

    /** Every row of every table of the database, all connections, as one lower-cased text. */
    async function everyRow(): Promise<string> {
      const db = store.allTenants;
      const names =
        store.kind === 'sqlite'
          ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)).rows.map((r) => r.name)
          : (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(db)).rows.map((r) => r.name);
      const parts: string[] = [];
      for (const name of names) {
        const rows = (await sql`SELECT * FROM ${sql.table(name)}`.execute(db)).rows;
        parts.push(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array || Buffer.isBuffer(v) ? Buffer.from(v).toString('latin1') : v)));
      }
      return parts.join('\n').toLowerCase();
    }

    async function cli(...args: string[]) {
      let stdout = '';
      let stderr = '';
      const runtime: CliRuntime = {
        stdout: new Writable({ write: (c, _e, done) => ((stdout += String(c)), done()) }),
        stderr: new Writable({ write: (c, _e, done) => ((stderr += String(c)), done()) }),
        cwd: process.cwd(),
        env: () => ({ PANDORA_GONG_DB: location }),
        signal: new AbortController().signal,
      };
      const code = await runCli(['node', 'pandora-gong', ...args], runtime);
      return { code, stdout, stderr };
    }

    beforeAll(async () => {
      await target.setup();
      sim = await startSimulator({ seed: 5, calls: 250, now: NOW, frozenClock: true, rateLimit: false });
      location = await target.location();
      store = await openStore(location);
      expect((await sync()).status).toBe('completed');
      syncedCalls = (await store.scoped.selectFrom('gong_calls').select('id').execute()).length;
      crmDir = mkdtempSync(join(tmpdir(), 'pgong-erase-crm-'));
      await importCrmFiles(store, writeCrmExport(sim.company, crmDir));
      await linkCalls(store);

      // An outside participant on several stored calls who is also a CRM contact.
      const contacts = new Set((await store.scoped.selectFrom('crm_contacts').select('email').execute()).flatMap((c) => (c.email ? [c.email.toLowerCase()] : [])));
      const parties = await store.scoped.selectFrom('gong_call_parties').select(['call_id', 'email', 'affiliation']).where('affiliation', '=', 'External').execute();
      const byEmail = new Map<string, Set<string>>();
      for (const p of parties) if (p.email && contacts.has(p.email.toLowerCase())) byEmail.set(p.email.toLowerCase(), (byEmail.get(p.email.toLowerCase()) ?? new Set()).add(p.call_id));
      const [chosen, calls] = [...byEmail].sort((a, b) => b[1].size - a[1].size)[0]!;
      expect(calls.size).toBeGreaterThan(1);
      address = chosen;
      theirCalls = [...calls];
      expect(await everyRow()).toContain(address);
    }, 300_000);

    afterAll(async () => {
      await store?.close();
      await sim?.close();
      await target.teardown();
      if (crmDir) rmSync(crmDir, { recursive: true, force: true });
    });

    it('refuses without --yes when nobody is at a terminal, and names what it removed with it', async () => {
      const refused = await cli('erase', '--email', address.toUpperCase());
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('pass --yes');
      expect(await everyRow()).toContain(address);

      const done = await cli('erase', '--email', ` ${address.toUpperCase()} `, '--yes', '--json');
      expect(done.code).toBe(0);
      const report = JSON.parse(done.stdout) as { calls: number; crmContacts: number };
      expect(report.calls).toBe(theirCalls.length);
      expect(report.crmContacts).toBeGreaterThan(0);
    });

    it('leaves no row of any table holding the address, the search index included', async () => {
      const dump = await everyRow();
      expect(dump).not.toContain(address);
      const stored = await store.existingCallIds(theirCalls);
      expect(stored.size).toBe(0);
      const recorded = await store.scoped.selectFrom('erasures').selectAll().execute();
      expect(recorded).toHaveLength(1);
      expect(recorded[0]!.subject_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('a sync that reads the same calls again does not bring them back', async () => {
      sim.advance(DAY);
      // --since with --until re-reads exactly that range, every call of it.
      expect((await sync({ until: NOW })).status).toBe('completed');
      expect((await sync()).status).toBe('completed');
      expect((await store.existingCallIds(theirCalls)).size).toBe(0);
      expect(await everyRow()).not.toContain(address);
      const calls = await store.scoped.selectFrom('gong_calls').select('id').execute();
      // Everyone else's calls are all there.
      expect(calls.length).toBeGreaterThanOrEqual(syncedCalls - theirCalls.length);
    });

    it('refuses a malformed address or number with one line', async () => {
      expect((await cli('erase', '--email', 'not-an-address', '--yes')).stderr).toMatch(/not an e-mail address/);
      expect((await cli('erase', '--phone', '12', '--yes')).code).toBe(2);
      expect((await cli('erase', '--yes')).stderr).toMatch(/either --email ADDRESS or --phone NUMBER/);
    });
  });
}
