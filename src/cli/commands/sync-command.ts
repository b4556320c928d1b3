import type { Command } from 'commander';
import { syncGong, type SyncReport } from '../../sync/sync-gong.js';
import type { StreamName } from '../../sync/sync-events.js';
import { booleanSetting, dateOption, durationOption, listOption } from '../cli-options.js';
import { envNameOf, type CliRuntime } from '../cli-runtime.js';
import { setting } from '../env-config.js';
import { EXIT } from '../exit-codes.js';
import { gongFromConfig, type GongConnectionFlags } from '../gong-from-config.js';
import { withStore } from '../open-cli-store.js';
import { createProgress } from '../progress/create-progress.js';
import { formatSyncSummary } from '../format-sync-summary.js';
import { addGongConnectionOptions } from './shared-options.js';
import { ConfigError } from '../../errors.js';
import type { GongClient } from '../../client/gong-client.js';
import { createCallLinker, hasCrmData } from '../../crm/link/call-linker.js';

interface SyncFlags extends GongConnectionFlags {
  since?: string;
  until?: string;
  streams?: string;
  lookback?: string;
  includePrivate?: boolean;
  json?: boolean;
  db?: string;
}

const STREAMS: readonly StreamName[] = ['users', 'calls', 'transcripts'];

export function registerSyncCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  const command = program
    .command('sync')
    .description('incremental sync of users, calls and transcripts into the database')
    .option('--since <date>', 'start of the calls window (ISO-8601 or 30d); first run default 90d ago')
    .option('--until <date>', "end of the calls window (default: Gong's now)")
    .option('--streams <list>', 'comma-separated: users,calls,transcripts (default all)')
    .option('--lookback <duration>', 'how far before the watermark each run re-reads, for late calls', undefined)
    .option('--include-private', 'also store calls marked private in Gong')
    .option('--json', 'progress as JSON lines on stderr, summary as JSON on stdout')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB; default ./pandora-gong.db)');
  addGongConnectionOptions(command);
  command.action((flags: SyncFlags) => run(() => syncCommand(flags, cli)));
}

export async function syncCommand(flags: SyncFlags, cli: CliRuntime): Promise<number> {
  const env = cli.env();
  const now = Date.now();
  const json = flags.json ?? booleanSetting(envNameOf('--json'), env[envNameOf('--json')]) ?? false;
  const since = dateOption('--since', setting(flags.since, env, envNameOf('--since')), now);
  const until = dateOption('--until', setting(flags.until, env, envNameOf('--until')), now);
  const streams = listOption('--streams', setting(flags.streams, env, envNameOf('--streams')), STREAMS);
  const lookbackMs = durationOption('--lookback', setting(flags.lookback, env, envNameOf('--lookback')));
  const includePrivate = flags.includePrivate ?? booleanSetting(envNameOf('--include-private'), env[envNameOf('--include-private')]) ?? false;
  if (since !== undefined && until !== undefined && since >= until) throw new ConfigError('--since must be before --until');
  // Credentials are checked before the database is touched: a malformed key exits 2 at once.
  gongFromConfig(flags, env, undefined);
  return withStore(flags.db, cli, async (store) => {
    const holder: { client?: GongClient } = {};
    const progress = createProgress(cli.stderr, json, () => holder.client?.budget);
    const client = (holder.client = gongFromConfig(flags, env, store, (e) => progress.client(e)));
    await client.budget?.load();
    // With CRM data present, each committed page of calls is linked as it lands (docs/crm-linking.md).
    const linker = (await hasCrmData(store)) ? createCallLinker(store) : undefined;
    const started = Date.now();
    let report: SyncReport;
    try {
      report = await syncGong({
        client,
        store,
        streams,
        since,
        until,
        lookbackMs,
        includePrivate,
        signal: cli.signal,
        onProgress: (e) => progress.sync(e),
        ...(linker ? { callsPageHook: { prepare: () => linker.prepare(), withinPage: (writer, ids) => linker.linkWithin(writer, ids) } } : {}),
      });
    } finally {
      progress.close();
    }
    const links = linker?.totals;
    const summary = { ...report, elapsedMs: Date.now() - started, budgetLeft: client.budget?.remaining(), ...(links ? { links } : {}) };
    const linkLine = links
      ? `\n  links        ${links.linkedCalls.toLocaleString('en-US')} of ${links.calls.toLocaleString('en-US')} synced calls linked to CRM accounts (${links.added.toLocaleString('en-US')} links added, ${links.removed.toLocaleString('en-US')} removed)`
      : '';
    cli.stdout.write(json ? `${JSON.stringify(summary)}\n` : `${formatSyncSummary(summary)}${linkLine}\n`);
    return exitCodeOf(report);
  });
}

function exitCodeOf(report: SyncReport): number {
  if (report.status === 'completed') return EXIT.ok;
  if (report.stopReason === 'signal') return 130;
  return EXIT.budget;
}
