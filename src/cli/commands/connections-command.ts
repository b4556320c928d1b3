import type { Command } from 'commander';
import type { CliRuntime } from '../cli-runtime.js';
import { registerConnectionsAddCommand } from './connections-add-command.js';
import { registerConnectionsListCommand } from './connections-list-command.js';
import { registerConnectionsRemoveCommand } from './connections-remove-command.js';
import { registerConnectionsSyncCommand } from './connections-sync-command.js';
import { registerConnectionsRotateKeyCommand } from './connections-rotate-key-command.js';

/**
 * `pandora-gong connections add|list|remove|sync|rotate-key`: the Gong accounts a fleet of workers syncs
 * into one PostgreSQL database (multi-tenant mode, docs/workers.md).
 */
export function registerConnectionsCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  const connections = program
    .command('connections')
    .description('multi-tenant mode on PostgreSQL: add, list, remove and sync the Gong connections workers serve');
  registerConnectionsAddCommand(connections, cli, run);
  registerConnectionsListCommand(connections, cli, run);
  registerConnectionsRemoveCommand(connections, cli, run);
  registerConnectionsSyncCommand(connections, cli, run);
  registerConnectionsRotateKeyCommand(connections, cli, run);
}
