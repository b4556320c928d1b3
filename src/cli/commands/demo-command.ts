import type { Command } from 'commander';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { HISTORY_MS, startSimulator, writeCrmExport, type Company } from '../../simulator/index.js';
import { importCrmFiles, linkCalls, listCallsForCrmObject, resolveAccount } from '../../crm/index.js';
import { callIntelligence } from '../../calls/query/call-intelligence.js';
import { formatCallInsights, formatCoachingTable } from '../../insights/format-insights.js';
import { repCoaching } from '../../insights/rep-coaching.js';
import { formatSearchHits, searchTranscripts } from '../../search/index.js';
import { openStore } from '../../store/open-store.js';
import type { GongStore } from '../../store/gong-store.js';
import { runSync } from '../../sync/run-sync.js';
import { ConfigError } from '../../errors.js';
import { positiveIntOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { formatStatus } from '../format-status.js';
import { formatSyncSummary } from '../format-sync-summary.js';
import { createProgress } from '../progress/create-progress.js';
import { collectStatus } from './status-command.js';
import { renderTranscript } from './transcript-command.js';

const DEMO_MARK = 'pandora-gong-demo';

interface DemoFlags {
  db: string;
  calls: string;
  seed: string;
  json?: boolean;
}

export function registerDemoCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('demo')
    .description('start the simulator in-process, sync it into a fresh SQLite file, and show what came in')
    .option('--db <path>', 'the demo database (recreated on every run)', './pandora-gong-demo.db')
    .option('--calls <n>', 'calls in the simulated company', '3000')
    .option('--seed <n>', 'seed of the simulated company', '1')
    .option('--json', 'progress as JSON lines on stderr')
    .action((flags: DemoFlags) => run(() => demoCommand(flags, cli)));
}

/**
 * The product in one command: a simulated Gong (with Gong's real limit of 3 requests a second),
 * a full first sync into a fresh SQLite file, a rendered transcript and the status summary.
 */
async function demoCommand(flags: DemoFlags, cli: CliRuntime): Promise<number> {
  const calls = positiveIntOption('--calls', flags.calls)!;
  const seed = positiveIntOption('--seed', flags.seed, { allowZero: true })!;
  const file = resolve(cli.cwd, flags.db);
  await removePreviousDemo(file);
  const out = (text = '') => cli.stdout.write(`${text}\n`);

  const sim = await startSimulator({ seed, calls });
  const store = await openStore(file);
  try {
    await store.setMeta('purpose', DEMO_MARK);
    out(`Simulated Gong for "${sim.company.name}" at ${sim.url}: ${sim.company.users.length} users, ${calls.toLocaleString('en-US')} calls over six months.`);
    out(`Syncing its whole history into ${file} at Gong's pace (3 requests a second)…`);
    const progress = createProgress(cli.stderr, flags.json ?? false);
    const report = await runSync({
      store,
      client: { baseUrl: sim.url, accessKey: sim.credentials.accessKey, accessKeySecret: sim.credentials.accessKeySecret },
      sync: { since: sim.clock.now() - HISTORY_MS },
      signal: cli.signal,
      onProgress: (e) => progress.sync(e),
      onClientEvent: (e) => progress.client(e),
    }).finally(() => progress.close());
    out();
    out(formatSyncSummary(report));
    if (report.status !== 'completed') return report.stopReason === 'signal' ? 130 : EXIT.budget;

    await showLinkingAndSearch(store, sim.company, file, flags.db, out);

    const callId = await pickShowcaseCall(store);
    if (callId) {
      out();
      out(`A transcript (pandora-gong transcript ${callId} --db ${flags.db}):`);
      const lines = (await renderTranscript(store, callId, 'text')).split('\n');
      out(lines.slice(0, 12).map((l) => `  ${l.length > 160 ? `${l.slice(0, 157)}…` : l}`).join('\n'));
      if (lines.length > 12) out(`  … ${lines.length - 12} more lines`);
      out();
      out("What Gong made of it (no request of its own: it comes with the call):");
      out(formatCallInsights((await callIntelligence(store, [callId])).get(callId)!).replace(/^/gm, '  '));
    }
    out();
    out('Coaching, per rep (talk ratio of hosted calls, scorecards managers filled in):');
    out(formatCoachingTable(await repCoaching(store, { limit: 8 })).replace(/^/gm, '  '));
    out();
    out(`Status (pandora-gong status --db ${flags.db}):`);
    out(formatStatus(await collectStatus(store, report.budgetAccountKey)).replace(/^/gm, '  '));
    out();
    out('Next: `npx pandora-gong simulate` serves this company on a port; point `npx pandora-gong sync` at it with GONG_BASE_URL and GONG_API_KEY.');
    return EXIT.ok;
  } finally {
    await store.close();
    await sim.close();
  }
}

/**
 * The CRM side: the simulated company's Salesforce export is imported and every call linked,
 * then one account's calls and a search across all conversations are shown.
 */
async function showLinkingAndSearch(store: GongStore, company: Company, file: string, dbFlag: string, out: (text?: string) => void): Promise<void> {
  const crmDir = `${file}-crm`;
  rmSync(crmDir, { recursive: true, force: true });
  const files = writeCrmExport(company, crmDir);
  const imported = await importCrmFiles(store, files);
  const linked = await linkCalls(store);
  out();
  out(`CRM: imported ${imported.files.map((f) => `${f.loaded.toLocaleString('en-US')} ${f.kind}`).join(', ')} from the company's Salesforce export (${crmDir}),`);
  out(`     and linked ${linked.linkedCalls.toLocaleString('en-US')} calls to accounts and deals (pandora-gong crm import … && pandora-gong link).`);

  const top = await store.scoped
    .selectFrom('gong_call_links as l')
    .innerJoin('crm_accounts as a', (j) => j.onRef('a.id', '=', 'l.crm_object_id'))
    .select(['a.id', 'a.name', (eb) => eb.fn.countAll<number>().as('calls')])
    .where('l.crm_object_type', '=', 'account')
    .groupBy(['a.id', 'a.name'])
    .orderBy('calls', 'desc')
    .orderBy('a.id')
    .limit(1)
    .executeTakeFirst();
  if (top) {
    out();
    out(`Calls with ${top.name} (pandora-gong calls --account "${top.name}" --db ${dbFlag}):`);
    const calls = await listCallsForCrmObject(store, await resolveAccount(store, top.id), { limit: 5 });
    for (const c of calls) {
      const deal = c.links.find((l) => l.type === 'deal');
      out(`  ${c.startedAt.slice(0, 10)}  ${(c.title ?? '').padEnd(44).slice(0, 44)}  ${c.method} ${c.confidence.toFixed(2)}${deal ? `  deal: ${deal.name ?? deal.id}` : ''}`);
    }
    out(`  … ${Number(top.calls) - calls.length} more`);
  }

  out();
  out(`Search, best hit per call (pandora-gong search '"SOC 2" OR "single sign-on"' --affiliation external --per-call --limit 3 --db ${dbFlag}):`);
  const bestPerCall = await searchTranscripts(store, '"SOC 2" OR "single sign-on"', { affiliation: 'external', perCall: true, limit: 3 });
  out(formatSearchHits(bestPerCall).trimEnd().replace(/^(?=.)/gm, '  '));
}

/** The demo file is recreated each time, but never a database that is not a demo's. */
async function removePreviousDemo(file: string): Promise<void> {
  if (!existsSync(file)) return;
  const previous = await openStore(file).catch(() => undefined);
  const purpose = await previous?.getMeta('purpose').catch(() => undefined);
  await previous?.close();
  if (purpose !== DEMO_MARK) {
    throw new ConfigError(`refusing to overwrite ${file}: it is not a demo database (choose another --db)`);
  }
  for (const suffix of ['', '-wal', '-shm', '.sync-lock']) rmSync(`${file}${suffix}`, { force: true });
  rmSync(`${file}-crm`, { recursive: true, force: true });
}

/** A recent external call with a transcript and several speakers: a good first read. */
async function pickShowcaseCall(store: GongStore): Promise<string | undefined> {
  const row = await store.scoped
    .selectFrom('gong_calls as c')
    .innerJoin('gong_transcripts as t', (j) => j.onRef('t.call_id', '=', 'c.id'))
    .select('c.id')
    .where('c.scope', '=', 'External')
    .where('c.duration_seconds', '>', 900)
    .orderBy('c.started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}
