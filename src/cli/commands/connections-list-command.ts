import type { Command } from 'commander';
import { ConnectionRepository, type ConnectionInfo } from '../../connections/connection-repository.js';
import { requirePostgres } from '../../connections/connection-settings.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { dbLocation, withStore } from '../open-cli-store.js';

export function registerConnectionsListCommand(parent: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  parent
    .command('list')
    .description('the connections and their settings (never a secret)')
    .option('--json', 'a JSON array on stdout')
    .option('--db <url>', 'postgres:// URL (env PANDORA_GONG_DB)')
    .action((flags: { json?: boolean; db?: string }) =>
      run(() =>
        withStore(requirePostgres(dbLocation(flags.db, cli), 'connections list'), cli, async (store) => {
          // ConnectionInfo has no secret field: the sealed credentials never leave the repository.
          const list = await new ConnectionRepository(store).list();
          cli.stdout.write(flags.json ? `${JSON.stringify(list)}\n` : `${formatConnections(list)}\n`);
          return EXIT.ok;
        }),
      ),
    );
}

/**
 * `connections list` for people: one line per connection.
 *
 * @example cli.stdout.write(`${formatConnections(await new ConnectionRepository(store).list())}\n`);
 */
export function formatConnections(list: readonly ConnectionInfo[]): string {
  if (list.length === 0) return 'No connections yet: add one with `pandora-gong connections add NAME --base-url …`';
  const width = Math.max(4, ...list.map((c) => c.name.length));
  const lines = [`${'NAME'.padEnd(width)}  AUTH    SCHEDULE   RATE        BUDGET  BASE URL`];
  for (const c of list) {
    const every = c.everySeconds === null ? 'on demand' : `${c.everySeconds}s`;
    const group = c.limitKey === c.name ? '' : ` (limits shared with group ${c.limitKey})`;
    lines.push(
      `${c.name.padEnd(width)}  ${c.authKind.padEnd(6)}  ${every.padEnd(9)}  ${c.rate.padEnd(10)}  ${String(c.dailyBudget ?? 10_000).padEnd(6)}  ${c.baseUrl}${group}`,
    );
    if (c.lastError) lines.push(`${' '.repeat(width)}  last error: ${c.lastError}`);
  }
  return lines.join('\n');
}
