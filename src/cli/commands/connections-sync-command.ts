import type { Command } from 'commander';
import { ConnectionRepository } from '../../connections/connection-repository.js';
import { requirePostgres } from '../../connections/connection-settings.js';
import { ConfigError } from '../../errors.js';
import { DEFAULT_QUEUE_SETTINGS, openJobQueue, type EnqueueResult } from '../../workers/job-queue.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { dbLocation, withStore } from '../open-cli-store.js';

export function registerConnectionsSyncCommand(parent: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  parent
    .command('sync')
    .description('queue a sync of these connections now (a worker runs it)')
    .argument('[names...]', 'connections to sync')
    .option('--all', 'every connection')
    .option('--json', 'one JSON object per connection on stdout')
    .option('--db <url>', 'postgres:// URL (env PANDORA_GONG_DB)')
    .action((names: string[], flags: { all?: boolean; json?: boolean; db?: string }) => run(() => syncConnectionsCommand(names, flags, cli)));
}

const SAY: Record<EnqueueResult['status'], string> = {
  queued: 'queued',
  'moved-up': 'queued (its next scheduled run moved to now)',
  'already-queued': 'already queued',
  'already-running': 'already running',
};

/**
 * Queues on-demand syncs through the one-job-per-connection gate.
 *
 * @example pandora-gong connections sync acme globex --db postgres://…
 */
export async function syncConnectionsCommand(names: string[], flags: { all?: boolean; json?: boolean; db?: string }, cli: CliRuntime): Promise<number> {
  const location = requirePostgres(dbLocation(flags.db, cli), 'connections sync');
  if (flags.all && names.length > 0) throw new ConfigError('give connection names or --all, not both');
  if (!flags.all && names.length === 0) throw new ConfigError('give the connections to sync, or --all');
  return withStore(location, cli, async (store) => {
    const repository = new ConnectionRepository(store);
    const targets = flags.all ? (await repository.list()).map((c) => c.name) : names;
    for (const name of targets) await repository.require(name);
    const queue = await openJobQueue(store, location, { role: 'client', queues: { settings: DEFAULT_QUEUE_SETTINGS, apply: false } });
    try {
      for (const name of targets) {
        const result = await queue.enqueueSync(name, { reason: 'on-demand', pullForward: true });
        cli.stdout.write(flags.json ? `${JSON.stringify({ connection: name, ...result })}\n` : `${name}: ${SAY[result.status]}\n`);
      }
    } finally {
      await queue.close();
    }
    return EXIT.ok;
  });
}
