// The CRM linking benchmark (docs/crm-linking.md, "Performance"). Run after `npm run build`: `node
// bench/link.mjs` (`--db postgres://…` to run it on PostgreSQL, `--calls N` to change the size).
// Builds a synthetic store (50,000 calls with their participants, 10,000 accounts, 50,000 contacts,
// ~10,000 deals), links every call, links again (idempotent: nothing to write), and relinks one
// sync page's worth of calls the way the sync hook does. The linking runs in a fresh process over
// the stored company, so its peak RSS is the linker's own. Goal (issue 15): a run over 50,000
// calls in < 2.5 s with a peak RSS < 300 MB; the table says met or NOT met, and the exit code is 1
// when a goal is not met.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCrmRecords, linkCalls, openStore, summarizeCallLinks } from '../dist/index.js';
// Internal: the linker a sync uses, measured on its own.
import { createCallLinker } from '../dist/crm/link/call-linker.js';
import { printTable } from './lib/table.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const CALLS = Number(arg('--calls', '50000'));
const ACCOUNTS = Number(arg('--accounts', '10000'));
const CONTACTS_PER_ACCOUNT = 5;
const START = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

// A small deterministic generator (mulberry32), so every run measures the same data.
let seed = 20261120;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];

function buildCrm() {
  const accounts = [];
  const contacts = [];
  const deals = [];
  const dealContacts = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const id = `001B${String(i).padStart(11, '0')}`;
    // Websites as CRMs hold them; every 50th account shares its neighbour's domain (a subsidiary).
    const domain = i % 50 === 1 ? `company${i - 1}.example` : `company${i}.example`;
    const website = pick([`https://www.${domain}/`, domain, `http://${domain}/about`, `www.${domain}`]);
    accounts.push({ id, name: `Company ${i}`, website });
    const ids = [];
    for (let k = 0; k < CONTACTS_PER_ACCOUNT; k++) {
      const cid = `003B${String(i * CONTACTS_PER_ACCOUNT + k).padStart(11, '0')}`;
      ids.push(cid);
      const email = k === 4 && i % 20 === 0 ? `person${i}.${k}@gmail.com` : k === 3 && i % 10 === 0 ? `person${k}@eu.${domain}` : `person${k}@${domain}`;
      contacts.push({ id: cid, email, accountId: id, firstName: 'Person', lastName: String(k) });
    }
    const n = int(0, 2);
    let created = START - int(30, 200) * DAY;
    for (let d = 0; d < n; d++) {
      const close = created + int(30, 150) * DAY;
      const closed = close < START + 120 * DAY && random() < 0.7;
      const did = `006B${String(deals.length).padStart(11, '0')}`;
      deals.push({
        id: did,
        accountId: id,
        name: `Company ${i} deal ${d}`,
        stage: closed ? pick(['Closed Won', 'Closed Lost']) : pick(['Discovery', 'Proposal', 'Negotiation']),
        amount: int(10, 500) * 100,
        createdAt: new Date(created).toISOString(),
        closeDate: new Date(close).toISOString().slice(0, 10),
      });
      dealContacts.push({ dealId: did, contactId: pick(ids) });
      created = close + int(10, 60) * DAY;
    }
  }
  return { accounts, contacts, deals, dealContacts };
}

function buildCalls(crm) {
  const calls = [];
  const dealsByAccount = new Map();
  for (const d of crm.deals) dealsByAccount.set(d.accountId, [...(dealsByAccount.get(d.accountId) ?? []), d]);
  for (let i = 0; i < CALLS; i++) {
    const id = String(7_000_000_000_000_000_000n + BigInt(i));
    const started = new Date(START + int(0, 180) * DAY + int(8, 17) * 3_600_000).toISOString();
    const parties = [{ party_id: 'u1', speaker_id: 's1', user_id: String(int(1, 50)), email: `rep${int(1, 50)}@northwind-sales.example`, name: 'Rep', title: null, affiliation: 'Internal', phone: null }];
    const kind = random();
    let context = [];
    if (kind < 0.15) {
      parties.push({ party_id: 'u2', speaker_id: null, user_id: null, email: `se${int(1, 50)}@northwind.example`, name: 'SE', title: null, affiliation: 'Internal', phone: null });
    } else {
      const a = int(0, ACCOUNTS - 1);
      const account = crm.accounts[a];
      const outsiders = int(1, 3);
      for (let k = 0; k < outsiders; k++) {
        const r = random();
        const email =
          r < 0.4 ? crm.contacts[a * CONTACTS_PER_ACCOUNT + int(0, CONTACTS_PER_ACCOUNT - 1)].email
          : r < 0.75 ? `guest${k}@${pick(['', 'emea.'])}company${a}.example`
          : r < 0.9 ? `someone@prospect${int(1, 3000)}.example`
          : `friend${int(1, 99999)}@${pick(['gmail.com', 'outlook.com', 'yahoo.com'])}`;
        parties.push({ party_id: `e${k}`, speaker_id: null, user_id: null, email, name: null, title: null, affiliation: 'External', phone: null });
      }
      if (random() < 0.3) {
        const deal = (dealsByAccount.get(account.id) ?? [])[0];
        context = [{ system: 'Salesforce', objects: [{ objectType: 'Account', objectId: account.id }, ...(deal ? [{ objectType: 'Opportunity', objectId: deal.id }] : [])] }];
      }
    }
    calls.push({
      id,
      title: `Call ${i}`,
      scheduled_at: started,
      started_at: started,
      duration_seconds: 1800,
      primary_user_id: '1',
      direction: 'Conference',
      scope: kind < 0.15 ? 'Internal' : 'External',
      media: 'Video',
      system: 'Zoom',
      language: 'eng',
      workspace_id: '1',
      url: null,
      is_private: false,
      raw: { metaData: { id, started }, context },
      parties,
    });
  }
  return calls;
}

const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const GOAL_SECONDS = 2.5;
const GOAL_PEAK_MB = 300;

/**
 * The measured part, run in a fresh process (`--measure LOCATION HOOK_IDS_JSON`): its peak RSS is
 * the linker's own, not the setup's 50,000 synthetic calls and CRM that the parent built.
 */
async function measureLinking(location, hookIds) {
  const store = await openStore(location);
  const rows = [];
  const peak = () => process.resourceUsage().maxRSS * 1024;
  const measure = async (step, fn, goal) => {
    const t0 = performance.now();
    const report = await fn();
    const s = (performance.now() - t0) / 1000;
    const judged = goal && report.calls < 50_000 ? 'judged at 50,000 calls' : goal ? `< ${GOAL_SECONDS} s, < ${GOAL_PEAK_MB} MB: ${s < GOAL_SECONDS && peak() < GOAL_PEAK_MB * 1_048_576 ? 'met' : 'NOT met'}` : '-';
    rows.push({ step, rows: `${report.calls} calls → ${report.accountLinks} account + ${report.dealLinks} deal links (+${report.added} ~${report.changed} -${report.removed})`, 'time s': s.toFixed(2), 'calls/s': Math.round(report.calls / s).toLocaleString('en-US'), RSS: mb(process.memoryUsage().rss), 'peak RSS': mb(peak()), goal: judged });
    return report;
  };
  try {
    const first = await measure('link (first run)', () => linkCalls(store), true);
    await measure('link (again: nothing to write)', () => linkCalls(store), true);
    const linker = createCallLinker(store);
    await measure('sync hook: first page (loads CRM)', () => linker.link(hookIds.slice(0, 100)));
    await measure('sync hook: next page', () => linker.link(hookIds.slice(100, 200)));
    const t = performance.now();
    const summary = await summarizeCallLinks(store);
    const s = (performance.now() - t) / 1000;
    rows.push({ step: 'status summary', rows: `${summary.linkedCalls} linked, ${summary.unlinkedCalls} unlinked, ${summary.internalOnlyCalls} internal-only`, 'time s': s.toFixed(2), 'calls/s': Math.round(summary.calls / s).toLocaleString('en-US'), RSS: mb(process.memoryUsage().rss), 'peak RSS': mb(peak()), goal: '-' });
    printTable(`CRM linking on ${store.kind} (${location.startsWith('postgres') ? 'PostgreSQL' : 'SQLite file'}), in a fresh process, node ${process.version}`, rows);
    console.log(`\n${first.linkedCalls} of ${first.calls} calls linked; by method: ${JSON.stringify(first.byMethod)}`);
    if (rows.some((r) => r.goal.endsWith('NOT met'))) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/** Builds the synthetic company into the store at `location`; the ids of the first 200 calls (the sync hook's pages). */
async function setup(location) {
  const store = await openStore(location);
  const rows = [];
  const memory = () => ({ RSS: mb(process.memoryUsage().rss), 'peak RSS': mb(process.resourceUsage().maxRSS * 1024) });
  try {
    let t = performance.now();
    const crm = buildCrm();
    const calls = buildCalls(crm);
    await store.write((w) => w.upsertUsers(Array.from({ length: 50 }, (_, i) => ({ id: String(i + 1), email: `rep${i + 1}@northwind-sales.example`, first_name: 'Rep', last_name: String(i + 1), title: null, manager_id: null, active: true, created_at: null, raw: { emailAliases: [`rep${i + 1}@northwind.example`] } })), 'bench', new Date().toISOString()));
    for (let i = 0; i < calls.length; i += 1000) await store.write((w) => w.upsertCalls(calls.slice(i, i + 1000), new Date().toISOString()));
    const parties = calls.reduce((n, c) => n + c.parties.length, 0);
    rows.push({ step: 'store calls', rows: `${calls.length} calls, ${parties} parties`, 'time s': ((performance.now() - t) / 1000).toFixed(2), ...memory() });
    t = performance.now();
    const imported = await importCrmRecords(store, crm, { source: 'bench' });
    rows.push({ step: 'importCrmRecords', rows: `${imported.accounts} accounts, ${imported.contacts} contacts, ${imported.deals} deals`, 'time s': ((performance.now() - t) / 1000).toFixed(2), ...memory() });
    printTable('Setup (this process: the synthetic company is built in memory)', rows);
    return calls.slice(0, 200).map((c) => c.id);
  } finally {
    await store.close();
  }
}

const measuring = process.argv.indexOf('--measure');
if (measuring >= 0) {
  await measureLinking(process.argv[measuring + 1], JSON.parse(process.argv[measuring + 2]));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'pandora-gong-link-bench-'));
  try {
    const location = arg('--db', join(dir, 'bench.db'));
    const hookIds = await setup(location);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', location, JSON.stringify(hookIds)], { stdio: 'inherit' });
    process.exitCode = child.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
