import type { Command } from 'commander';
import { singerCommand, type SingerFlags } from '../../pipelines/singer/singer-commands.js';
import type { CliRuntime } from '../cli-runtime.js';

/** `pandora-gong singer --config F [--state F] [--catalog F] | --discover`: a Singer tap (docs/pipelines.md). */
export function registerSingerCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('singer')
    .description('run as a Singer tap: SCHEMA, RECORD and STATE messages on stdout')
    .requiredOption('--config <file>', 'the tap config (JSON)')
    .option('--state <file>', 'the state of the last run (JSON)')
    .option('--catalog <file>', 'the catalog: which streams and fields to read (JSON)')
    .option('--discover', 'print the catalog and exit')
    .action((flags: SingerFlags) => run(() => singerCommand(flags, cli)));
}
