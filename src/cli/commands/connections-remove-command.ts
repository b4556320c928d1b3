import type { Command } from 'commander';
import { ConnectionRepository } from '../../connections/connection-repository.js';
import { requirePostgres } from '../../connections/connection-settings.js';
import { connectionRowCounts, removeConnection } from '../../connections/remove-connection.js';
import { confirmByTyping, type InputStream } from '../../connections/terminal-input.js';
import { ConfigError } from '../../errors.js';
import { DEFAULT_QUEUE_SCHEMA, openJobQueue, queueInstalled } from '../../workers/job-queue.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { dbLocation, withStore } from '../open-cli-store.js';

export function registerConnectionsRemoveCommand(parent: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  parent
    .command('remove')
    .description('remove a connection and all its data, after confirmation (or --yes)')
    .argument('<name>', 'the connection to remove')
    .option('--yes', 'do not ask for confirmation (required when stdin is not a terminal)')
    .option('--db <url>', 'postgres:// URL (env PANDORA_GONG_DB)')
    .action((name: string, flags: { yes?: boolean; db?: string }) => run(() => removeConnectionCommand(name, flags, cli)));
}

/**
 * Removes a connection with every row it owns, its queued jobs, its request counts and its
 * rate-limit cell; refuses while one of its syncs runs (exit 5).
 *
 * @example pandora-gong connections remove acme --yes --db postgres://…
 */
export async function removeConnectionCommand(name: string, flags: { yes?: boolean; db?: string }, cli: CliRuntime, stdin: InputStream = process.stdin): Promise<number> {
  const location = requirePostgres(dbLocation(flags.db, cli), 'connections remove');
  return withStore(location, cli, async (store) => {
    await new ConnectionRepository(store).require(name);
    if (!flags.yes) {
      if (!stdin.isTTY) throw new ConfigError(`refusing to remove connection "${name}" and its data without confirmation: pass --yes`);
      const rows = await connectionRowCounts(store, name);
      const summary = Object.entries(rows)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`)
        .join(', ');
      cli.stderr.write(`This deletes connection "${name}" and all its data${summary ? ` (${summary})` : ''}. It cannot be undone.\n`);
      if (!(await confirmByTyping(stdin, cli.stderr, `Type the connection name to confirm: `, name))) {
        cli.stderr.write('Not removed.\n');
        return EXIT.usage;
      }
    }
    // Queued jobs are cancelled in the deleting transaction; when no worker ever ran, there are none.
    const queue = (await queueInstalled(store.allTenants, DEFAULT_QUEUE_SCHEMA)) ? await openJobQueue(store, location, { role: 'client' }) : undefined;
    try {
      const deleted = await removeConnection(store, name, { inTransaction: async (tx) => void (await queue?.cancelJobsOf(tx, name)) });
      const total = Object.values(deleted).reduce((a, b) => a + b, 0);
      cli.stdout.write(`removed connection ${name} and ${total.toLocaleString('en-US')} rows\n`);
      return EXIT.ok;
    } finally {
      await queue?.close();
    }
  });
}
