import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/program.js';
import type { CliRuntime } from '../../../src/cli/cli-runtime.js';
import { CRM_IMPORT_BATCH, importCrmFiles } from '../../../src/crm/import/import-crm-files.js';
import { ConfigError } from '../../../src/errors.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (d: Buffer) => (stdout += d.toString()));
  const err = new PassThrough().on('data', (d: Buffer) => (stderr += d.toString()));
  const runtime: CliRuntime = { stdout: out, stderr: err, cwd: tmpdir(), env: () => ({}), signal: new AbortController().signal };
  const code = await runCli(['node', 'pandora-gong', ...args], runtime);
  return { code, stdout, stderr };
}

/** The files this process holds open (Linux: the links under /proc/self/fd). */
function openFiles(): string[] {
  const fds = readdirSync('/proc/self/fd');
  return fds.flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return []; // the directory's own descriptor, closed by now
    }
  });
}

/** Every CRM table's rows, without the import stamp, in a stable order. */
async function tables(store: GongStore) {
  const strip = <T extends { imported_at?: unknown }>(rows: T[]) => rows.map(({ imported_at: _stamp, ...rest }) => rest);
  return {
    accounts: strip(await store.scoped.selectFrom('crm_accounts').selectAll().orderBy('id').execute()),
    contacts: strip(await store.scoped.selectFrom('crm_contacts').selectAll().orderBy('id').execute()),
    deals: strip(await store.scoped.selectFrom('crm_deals').selectAll().orderBy('id').execute()),
    dealContacts: strip(await store.scoped.selectFrom('crm_deal_contacts').selectAll().orderBy('deal_id').orderBy('contact_id').execute()),
  };
}

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`crm import in batches: ${target.name}`, () => {
    let dir: string;
    let store: GongStore;
    let db: string;
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    beforeAll(async () => {
      await target.setup();
      dir = mkdtempSync(join(tmpdir(), 'pgong-crm-batches-'));
    });
    beforeEach(async () => {
      await store?.close();
      db = await target.location();
      store = await openStore(db);
    });
    afterAll(async () => {
      await store?.close();
      await target.teardown();
      rmSync(dir, { recursive: true, force: true });
    });

    it('loads in batches what one batch loads: last record per id wins across batches, rejections keep their file and line, names resolve across files', async () => {
      const accounts = file('accounts.csv', 'Id,Name,Website\n001A,Acme Inc,acme.com\n001B,Beta,beta.io\n001C,Cee,cee.io\n001B,Beta GmbH,beta.de\n');
      // Row 9 repeats row 2's id in a later batch (of 3); row 6 names an account by name from accounts.csv;
      // row 7 has an email that is not one; row 8 names no known account.
      const contacts = file(
        'contacts.csv',
        [
          'Id,Email,AccountId,Account Name',
          '003A,old@acme.com,001A,',
          '003B,b@beta.de,001B,',
          '003C,c@cee.io,001C,',
          ',nobody@x.io,001A,',
          '003D,d@acme.com,,ACME inc.',
          '003E,not-an-email,001A,',
          '003F,f@x.io,,Nobody Ltd',
          '003A,new@acme.com,001A,',
          '003G,g@beta.de,,Beta GmbH',
        ].join('\n') + '\n',
      );
      // One deal's contacts arrive in two batches: both stay.
      const roles = file('roles.csv', 'OpportunityId,ContactId,Role\n006A,003A,Buyer\n006A,003B,User\n006B,003C,\n006A,003D,Champion\n');

      // Contacts first on the command line: accounts still load first.
      const small = await importCrmFiles(store, [contacts, roles, accounts], { batchSize: 3 });
      const smallTables = await tables(store);
      const fresh = await openStore(await target.location());
      try {
        const whole = await importCrmFiles(fresh, [contacts, roles, accounts], { batchSize: 100_000 });
        expect(small).toEqual(whole);
        expect(smallTables).toEqual(await tables(fresh));
      } finally {
        await fresh.close();
      }

      expect(small.files.map((f) => [f.kind, f.rows, f.loaded])).toEqual([
        ['contacts', 9, 6],
        ['deal-contacts', 4, 4],
        ['accounts', 4, 4],
      ]);
      expect(small.files[0]!.rejected).toEqual([
        { line: 5, reason: 'no contact id' },
        { line: 7, reason: 'email "not-an-email" is not an email address' },
        { line: 8, reason: expect.stringContaining('account "Nobody Ltd" is not among the imported accounts') },
      ]);
      expect(small.totals).toEqual({ accounts: 3, contacts: 5, deals: 0, dealContacts: 4 });
      expect(smallTables.accounts.find((a) => a.id === '001B')).toMatchObject({ name: 'Beta GmbH', domain: 'beta.de' });
      expect(smallTables.contacts.map((c) => [c.id, c.email, c.account_id])).toEqual([
        ['003A', 'new@acme.com', '001A'],
        ['003B', 'b@beta.de', '001B'],
        ['003C', 'c@cee.io', '001C'],
        ['003D', 'd@acme.com', '001A'],
        ['003G', 'g@beta.de', '001B'],
      ]);
      expect(smallTables.dealContacts.map((l) => `${l.deal_id}/${l.contact_id}`)).toEqual(['006A/003A', '006A/003B', '006A/003D', '006B/003C']);
    });

    it('a later import replaces a deal\'s contacts, batch by batch, without dropping those it wrote itself', async () => {
      const first = file('roles-1.csv', 'OpportunityId,ContactId\n006A,003OLD\n006A,003KEEP\n');
      await importCrmFiles(store, [first]);
      const second = file('roles-2.csv', 'OpportunityId,ContactId\n006A,003KEEP\n006B,003X\n006A,003NEW\n006A,003KEEP\n');
      const report = await importCrmFiles(store, [second], { batchSize: 2 });
      expect(report.totals.dealContacts).toBe(3);
      const links = await store.scoped.selectFrom('crm_deal_contacts').select(['deal_id', 'contact_id']).orderBy('deal_id').orderBy('contact_id').execute();
      expect(links.map((l) => `${l.deal_id}/${l.contact_id}`)).toEqual(['006A/003KEEP', '006A/003NEW', '006B/003X']);
    });

    it(`loads more records than one batch (${CRM_IMPORT_BATCH}) with --replace, counting each id once`, async () => {
      await importCrmFiles(store, [file('old.csv', 'Id,Email\n003GONE,gone@x.io\n')]);
      const n = CRM_IMPORT_BATCH * 2 + 500;
      const rows = Array.from({ length: n }, (_, i) => `003${String(i % (n - 100)).padStart(6, '0')},p${i}@acme.com`);
      const report = await importCrmFiles(store, [file('many.csv', `Id,Email\n${rows.join('\n')}\n`)], { replace: true });
      expect(report.files[0]).toMatchObject({ rows: n, loaded: n, rejected: [] });
      expect(report.totals.contacts).toBe(n - 100);
      const stored = await store.scoped.selectFrom('crm_contacts').select(['id', 'email']).where('id', 'in', ['003000000', '003GONE']).execute();
      // The first 100 ids come again at the end of the file: the later row wins.
      expect(stored).toEqual([{ id: '003000000', email: `p${n - 100}@acme.com` }]);
    });

    it('rolls everything back when a file turns out unusable midway, and the CLI says so in one line with exit 2', async () => {
      await importCrmFiles(store, [file('before.csv', 'Id,Name,Website\n001KEEP,Keep,keep.io\n')]);
      const before = await tables(store);
      const accounts = file('accounts-ok.csv', 'Id,Name,Website\n001NEW,New,new.io\n');
      const elements = Array.from({ length: 300 }, (_, i) => `{"Id": "003${i}", "Email": "p${i}@new.io", "AccountId": "001NEW"}`);
      const broken = file('contacts-broken.json', `[\n${elements.join(',\n')},\n{"Id": "003X", "Email": `);
      await expect(importCrmFiles(store, [accounts, broken], { replace: true, batchSize: 50 })).rejects.toThrow(ConfigError);
      expect(await tables(store)).toEqual(before);

      await store.close();
      const r = await cli(['crm', 'import', accounts, broken, '--db', db]);
      store = await openStore(db);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/contacts-broken\.json is not a JSON file this importer can use: not valid JSON: the file ends/);
      expect(await tables(store)).toEqual(before);
    });

    it.runIf(process.platform === 'linux')('closes the files it opened when a later file is refused by its head, or a write fails', async () => {
      const accounts = file('open-accounts.csv', 'Id,Name,Website\n001OPEN,Open,open.io\n');
      const contacts = file('open-contacts.json', `[${Array.from({ length: 300 }, (_, i) => `{"Id": "003${i}", "Email": "p${i}@open.io"}`).join(',')}]`);
      const noId = file('open-no-id.csv', 'Name,Website\nNo id,noid.io\n');
      const ours = () => openFiles().filter((f) => f.startsWith(dir));
      expect(ours()).toEqual([]);
      await expect(importCrmFiles(store, [accounts, contacts, noId])).rejects.toThrow(/open-no-id\.csv/);
      expect(ours()).toEqual([]);
      // The store closed under the import: the write fails before any file is read.
      await store.close();
      await expect(importCrmFiles(store, [accounts, contacts])).rejects.toThrow();
      expect(ours()).toEqual([]);
    });
  });
}
