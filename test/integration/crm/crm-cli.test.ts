import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/program.js';
import type { CliRuntime } from '../../../src/cli/cli-runtime.js';
import { startSimulator } from '../../../src/simulator/index.js';
import { openStore } from '../../../src/store/open-store.js';
import { DAY } from '../../../src/util/time.js';
import { writeSalesforceExports } from './crm-exports.js';
import type { PartyRecord } from '../../../src/store/records.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

/** Runs the CLI in-process with captured output (the built-binary runs are the e2e tier's). */
async function cli(args: string[], env: Record<string, string> = {}, signal = new AbortController().signal) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (d: Buffer) => (stdout += d.toString()));
  const err = new PassThrough().on('data', (d: Buffer) => (stderr += d.toString()));
  const runtime: CliRuntime = { stdout: out, stderr: err, cwd: tmpdir(), env: () => env, signal };
  const code = await runCli(['node', 'pandora-gong', ...args], runtime);
  return { code, stdout, stderr };
}

const party = (id: string, email: string, affiliation: string, name: string | null = null): PartyRecord => ({ party_id: id, speaker_id: null, user_id: affiliation === 'Internal' ? '100' : null, email, name, title: null, affiliation, phone: null });

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`crm import, link, calls and status on the command line: ${target.name}`, () => {
    let dir: string;
    let db: string;
    beforeAll(async () => {
      await target.setup();
      dir = mkdtempSync(join(tmpdir(), 'pgong-crm-cli-'));
      db = await target.location();
      const store = await openStore(db);
      await store.write(async (w) => {
        await w.upsertUsers([{ id: '100', email: 'rep@northwind-sales.example', first_name: 'Rita', last_name: 'Rep', title: null, manager_id: null, active: true, created_at: null, raw: {} }], 'run', '2026-11-20T00:00:00.000Z');
        const base = { scheduled_at: null, duration_seconds: 1500, primary_user_id: '100', direction: 'Conference', scope: 'External', media: 'Video', system: 'Zoom', language: 'eng', workspace_id: null, url: null, is_private: false };
        await w.upsertCalls(
          [
            { ...base, id: 'c1', title: 'Acme discovery', started_at: '2026-03-15T15:00:00.000Z', raw: {}, parties: [party('r', 'rep@northwind-sales.example', 'Internal', 'Rita Rep'), party('j', 'jane@acme.com', 'External', 'Jane Doe')] },
            { ...base, id: 'c2', title: 'Acme pricing', started_at: '2026-04-15T15:00:00.000Z', raw: {}, parties: [party('r', 'rep@northwind-sales.example', 'Internal'), party('s', 'sam@eu.acme.com', 'External')] },
            { ...base, id: 'c3', title: 'Prospect intro', started_at: '2026-04-16T15:00:00.000Z', raw: {}, parties: [party('r', 'rep@northwind-sales.example', 'Internal'), party('p', 'ceo@prospect.io', 'External')] },
          ],
          '2026-11-20T00:00:00.000Z',
        );
      });
      await store.close();
      writeFileSync(join(dir, 'accounts.csv'), '\ufeffAccount ID,Account Name,Website\r\n001ACME,"Acme, Inc.",https://www.acme.com/\r\n,Nameless,nowhere.com\r\n');
      writeFileSync(join(dir, 'contacts.csv'), 'Contact ID,First Name,Last Name,Email,Account Name\n003JANE,Jane,Doe,jane@acme.com,"Acme, Inc."\n003X,No,Body,bad-address,"Acme, Inc."\n');
      writeFileSync(join(dir, 'deals.json'), JSON.stringify([{ Id: '006A', Name: 'Acme - 40 seats', AccountId: '001ACME', StageName: 'Discovery', CreatedDate: '2026-03-01T00:00:00Z', CloseDate: '2026-06-30' }], null, 2));
      writeFileSync(join(dir, 'mystery.csv'), 'foo,bar\n1,2\n');
    });
    afterAll(async () => {
      await target.teardown();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports exports, listing rejected rows with their lines, and exits 0', async () => {
      const r = await cli(['crm', 'import', join(dir, 'accounts.csv'), join(dir, 'contacts.csv'), join(dir, 'deals.json'), '--db', db]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('accounts.csv  salesforce accounts: 2 rows, 1 loaded, 1 rejected');
      expect(r.stdout).toContain('  line 3: no account id');
      expect(r.stdout).toContain('  line 3: email "bad-address" is not an email address');
      expect(r.stdout).toContain('Stored 1 accounts, 1 contacts, 1 deals, 0 deal contacts.');
      const json = await cli(['crm', 'import', join(dir, 'deals.json'), '--json', '--db', db]);
      expect(JSON.parse(json.stdout)).toMatchObject({ files: [{ kind: 'deals', source: 'salesforce', format: 'json', loaded: 1, rejected: [] }], totals: { deals: 1 } });
    });

    it('refuses an unusable file with one line and exit 2, before writing anything', async () => {
      const r = await cli(['crm', 'import', join(dir, 'accounts.csv'), join(dir, 'mystery.csv'), '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^pandora-gong: .*mystery\.csv: cannot tell accounts, contacts or deals from its columns \(foo, bar\): give --kind/);
      expect((await cli(['crm', 'import', join(dir, 'missing.csv'), '--db', db])).stderr).toMatch(/cannot read .*missing\.csv: no such file/);
      expect((await cli(['crm', 'import', join(dir, 'accounts.csv'), '--kind', 'widgets', '--db', db])).code).toBe(2);
    });

    it('refuses a --kind the columns contradict (accounts given as deals) with one line and exit 2, writing nothing', async () => {
      const countDeals = async () => {
        const store = await openStore(db);
        try {
          return (await store.scoped.selectFrom('crm_deals').select('id').execute()).length;
        } finally {
          await store.close();
        }
      };
      const before = await countDeals();
      const r = await cli(['crm', 'import', join(dir, 'accounts.csv'), '--kind', 'deals', '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^pandora-gong: .*accounts\.csv: --kind deals does not match its columns \(Account ID, Account Name, Website\), which look like accounts: deals need Opportunity ID, Deal Name, Stage, Amount or Close Date; drop --kind to load it as accounts\n$/);
      expect(await countDeals()).toBe(before);
      const contacts = await cli(['crm', 'import', join(dir, 'contacts.csv'), '--kind', 'accounts', '--db', db]);
      expect(contacts.code).toBe(2);
      expect(contacts.stderr).toMatch(/contacts\.csv: --kind accounts does not match its columns \(Contact ID, First Name, Last Name, Email, Account Name\), which look like contacts/);
      expect((await cli(['crm', 'import', join(dir, 'accounts.csv'), '--kind', 'accounts', '--db', db])).code).toBe(0);
    });

    it('links, then lists an account\'s and a deal\'s calls', async () => {
      const link = await cli(['link', '--db', db]);
      expect(link.code).toBe(0);
      expect(link.stdout).toContain('Linked 2 of 3 calls');
      expect((await cli(['link', '--json', '--db', db])).stdout).toContain('"added":0');
      const stop = new AbortController();
      stop.abort(new Error('received SIGINT'));
      const stopped = await cli(['link', '--db', db], {}, stop.signal);
      expect(stopped).toMatchObject({ code: 130, stdout: '' });
      expect(stopped.stderr).toContain('link stopped on request');

      const calls = await cli(['calls', '--account', 'acme', '--db', db]);
      expect(calls.code).toBe(0);
      expect(calls.stdout.split('\n').slice(0, 4)).toEqual([
        'Account Acme, Inc. (001ACME): 2 calls, most recent first',
        '2026-04-15 15:00 UTC 25m  Acme pricing  [email_domain 0.70]',
        '    deal Acme - 40 seats (email_domain 0.70)',
        '    sam@eu.acme.com External · Rita Rep <rep@northwind-sales.example> Internal',
      ]);
      const json = JSON.parse((await cli(['calls', '--deal', '006A', '--json', '--since', '2026-04-01', '--db', db])).stdout);
      expect(json.map((c: { callId: string }) => c.callId)).toEqual(['c2']);
      expect(json[0]).toMatchObject({ method: 'email_domain', confidence: 0.7, participants: [{ email: 'sam@eu.acme.com', affiliation: 'External' }, { name: 'Rita Rep' }] });
    });

    it('says in one line when the account or deal is unknown (exit 1) or the flags are wrong (exit 2)', async () => {
      const unknown = await cli(['calls', '--account', 'Initech', '--db', db]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toBe('pandora-gong: no account matches "Initech" by id, name or domain: check `pandora-gong status` for what was imported\n');
      expect((await cli(['calls', '--deal', '006NOPE', '--db', db])).code).toBe(1);
      for (const args of [[], ['--account', 'a', '--deal', 'b'], ['--account', 'acme', '--limit', '0'], ['--account', 'acme', '--since', 'soon']]) {
        const r = await cli(['calls', ...args, '--db', db]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
    });

    it('shows linked, unlinked and internal-only calls and the unmatched domains in status', async () => {
      const json = JSON.parse((await cli(['status', '--json', '--db', db])).stdout);
      expect(json.links).toMatchObject({ calls: 3, linkedCalls: 2, unlinkedCalls: 1, internalOnlyCalls: 0, topUnmatchedDomains: [{ domain: 'prospect.io', calls: 1 }] });
      const text = (await cli(['status', '--db', db])).stdout;
      expect(text).toContain('Links        2 calls linked to CRM accounts, 1 unlinked with outside participants, 0 internal-only');
      expect(text).toContain('Unmatched    prospect.io (1 call): add them to the CRM');
    });
  });
}

describe('sync links calls as it stores them once CRM data is imported', () => {
  it('adds a links line to the summary and links the synced calls', async () => {
    const now = Date.parse('2026-11-20T15:00:00Z');
    const sim = await startSimulator({ seed: 5, calls: 300, now, frozenClock: true, rateLimit: false });
    const dir = mkdtempSync(join(tmpdir(), 'pgong-crm-sync-'));
    try {
      const db = join(dir, 'sync.db');
      const env = { GONG_BASE_URL: sim.url, GONG_API_KEY: `${sim.credentials.accessKey}:${sim.credentials.accessKeySecret}`, PANDORA_GONG_RATE: 'off' };
      const since = new Date(now - 200 * DAY).toISOString();
      const plain = await cli(['sync', '--since', since, '--streams', 'users,calls', '--db', db], env);
      expect(plain.code).toBe(0);
      expect(plain.stdout).not.toContain('links');
      expect((await cli(['crm', 'import', ...writeSalesforceExports(sim.company, dir), '--db', db])).code).toBe(0);
      sim.advance(2 * DAY);
      const synced = await cli(['sync', '--streams', 'users,calls', '--db', db], env);
      expect(synced.code).toBe(0);
      expect(synced.stdout).toMatch(/\n {2}links {8}\d+ of \d+ synced calls linked to CRM accounts \(\d+ links added, 0 removed\)/);
      const json = JSON.parse((await cli(['sync', '--streams', 'users,calls', '--json', '--db', db], env)).stdout);
      expect(json.links).toMatchObject({ calls: expect.any(Number), linkedCalls: expect.any(Number) });
      expect(json.links.linkedCalls).toBeGreaterThan(0);
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
