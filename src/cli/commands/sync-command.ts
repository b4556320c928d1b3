import type { Command } from 'commander';
import { runSync, type RunSyncReport } from '../../sync/run-sync.js';
import { STREAM_NAMES } from '../../sync/streams/registry.js';
import { booleanSetting, dateOption, durationOption, listOption } from '../cli-options.js';
import { envNameOf, type CliRuntime } from '../cli-runtime.js';
import { setting } from '../env-config.js';
import { EXIT } from '../exit-codes.js';
import { clientSettings, type GongConnectionFlags } from '../client-settings.js';
import { withStore } from '../open-cli-store.js';
import { createProgress } from '../progress/create-progress.js';
import { formatSyncSummary } from '../format-sync-summary.js';
import { addGongConnectionOptions } from './shared-options.js';
import { ConfigError } from '../../errors.js';

interface SyncFlags extends GongConnectionFlags {
  since?: string;
  until?: string;
  streams?: string;
  lookback?: string;
  includePrivate?: boolean;
  json?: boolean;
  db?: string;
}

export function registerSyncCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  const command = program
    .command('sync')
    .description('incremental sync of every stream into the database')
    .option('--since <date>', 'start of the windows (ISO-8601 or 30d); first run default 90d ago')
    .option('--until <date>', "end of the windows (default: Gong's now)")
    .option('--streams <list>', `comma-separated, of: ${STREAM_NAMES.join(',')} (default all)`)
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
  const streams = listOption('--streams', setting(flags.streams, env, envNameOf('--streams')), STREAM_NAMES);
  const lookbackMs = durationOption('--lookback', setting(flags.lookback, env, envNameOf('--lookback')));
  const includePrivate = flags.includePrivate ?? booleanSetting(envNameOf('--include-private'), env[envNameOf('--include-private')]) ?? false;
  if (since !== undefined && until !== undefined && since >= until) throw new ConfigError('--since must be before --until');
  // Credentials and client settings are checked before the database is touched: exit 2 at once.
  const client = clientSettings(flags, env);
  return withStore(flags.db, cli, async (store) => {
    const progress = createProgress(cli.stderr, json);
    let report: RunSyncReport;
    try {
      report = await runSync({
        store,
        client,
        sync: { streams, since, until, lookbackMs, includePrivate },
        signal: cli.signal,
        onProgress: (e) => progress.sync(e),
        onClientEvent: (e) => progress.client(e),
      });
    } finally {
      progress.close();
    }
    const links = report.links;
    const linkLine = links
      ? `\n  links        ${links.linkedCalls.toLocaleString('en-US')} of ${links.calls.toLocaleString('en-US')} synced calls linked to CRM accounts (${links.added.toLocaleString('en-US')} links added, ${links.removed.toLocaleString('en-US')} removed)`
      : '';
    cli.stdout.write(json ? `${JSON.stringify(report)}\n` : `${formatSyncSummary(report)}${linkLine}\n`);
    return exitCodeOf(report);
  });
}

function exitCodeOf(report: RunSyncReport): number {
  if (report.status === 'completed') return EXIT.ok;
  if (report.stopReason === 'signal') return 130;
  return EXIT.budget;
}
