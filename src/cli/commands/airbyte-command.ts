import type { Command } from 'commander';
import { airbyteCheck, airbyteDiscover, airbyteRead, airbyteSpec } from '../../pipelines/airbyte/airbyte-commands.js';
import type { CliRuntime } from '../cli-runtime.js';

/** `pandora-gong airbyte spec|check|discover|read`: an Airbyte source (docs/pipelines.md). */
export function registerAirbyteCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  const airbyte = program.command('airbyte').description('run as an Airbyte source (protocol messages on stdout)');
  airbyte
    .command('spec')
    .description('print the connection specification')
    .action(() => run(() => airbyteSpec(cli)));
  airbyte
    .command('check')
    .description('check the config reaches Gong: SUCCEEDED or FAILED (exits 0 either way)')
    .requiredOption('--config <file>', 'the connector config (JSON)')
    .action((flags: { config: string }) => run(() => airbyteCheck(flags, cli)));
  airbyte
    .command('discover')
    .description('print the catalog: every stream with its JSON Schema, key and sync modes')
    .requiredOption('--config <file>', 'the connector config (JSON)')
    .action((flags: { config: string }) => run(() => airbyteDiscover(flags, cli)));
  airbyte
    .command('read')
    .description('read the configured streams: RECORD, per-stream STATE, STREAM_STATUS and TRACE messages')
    .requiredOption('--config <file>', 'the connector config (JSON)')
    .requiredOption('--catalog <file>', 'the configured catalog (JSON)')
    .option('--state <file>', 'the state of the last read (JSON list of STATE messages)')
    .action((flags: { config: string; catalog: string; state?: string }) => run(() => airbyteRead(flags, cli)));
}
