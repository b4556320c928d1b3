import { Command, CommanderError } from 'commander';
import { PACKAGE_VERSION } from '../util/package-version.js';
import type { CliRuntime } from './cli-runtime.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { describeError } from './report-error.js';
import { registerSyncCommand } from './commands/sync-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerTranscriptCommand } from './commands/transcript-command.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerSearchCommand } from './commands/search-command.js';
import { registerCrmCommand } from './commands/crm-command.js';
import { registerLinkCommand } from './commands/link-command.js';
import { registerCallsCommand } from './commands/calls-command.js';
import { registerSimulateCommand } from './commands/simulate-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerConnectionsCommand } from './commands/connections-command.js';
import { registerWorkerCommand } from './commands/worker-command.js';
import { registerEraseCommand } from './commands/erase-command.js';
import { registerAirbyteCommand } from './commands/airbyte-command.js';
import { registerSingerCommand } from './commands/singer-command.js';
import { registerMcpCommand } from './commands/mcp-command.js';

/**
 * The `pandora-gong` command line: one commander program, one file per command. Every action
 * returns an exit code; every error becomes one line on stderr and the code of its kind
 * (README.md, "Errors and exit codes").
 */
export function buildProgram(cli: CliRuntime): { program: Command; exitCode: () => number } {
  let exitCode: number = EXIT.ok;
  const run = async (fn: () => Promise<number>) => {
    try {
      exitCode = await fn();
    } catch (error) {
      cli.stderr.write(`pandora-gong: ${describeError(error, Boolean(cli.env().PANDORA_GONG_DEBUG))}\n`);
      exitCode = exitCodeFor(error);
    }
  };
  const program = new Command('pandora-gong')
    .description('Sync Gong calls, transcripts and users into SQLite or PostgreSQL, and link calls to CRM accounts and deals.')
    .version(PACKAGE_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => cli.stdout.write(text),
      writeErr: (text) => cli.stderr.write(text),
      // Usage errors are one line too: commander's "(Did you mean …?)" joins the line, and the hint ends it.
      outputError: (text, write) => write(`pandora-gong: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`),
    });
  registerSyncCommand(program, cli, run);
  registerStatusCommand(program, cli, run);
  registerTranscriptCommand(program, cli, run);
  registerExportCommand(program, cli, run);
  registerSearchCommand(program, cli, run);
  registerCrmCommand(program, cli, run);
  registerLinkCommand(program, cli, run);
  registerCallsCommand(program, cli, run);
  registerSimulateCommand(program, cli, run);
  registerDemoCommand(program, cli, run);
  registerConnectionsCommand(program, cli, run);
  registerWorkerCommand(program, cli, run);
  registerEraseCommand(program, cli, run);
  registerSingerCommand(program, cli, run);
  registerAirbyteCommand(program, cli, run);
  registerMcpCommand(program, cli, run);
  for (const command of program.commands) command.exitOverride();
  return { program, exitCode: () => exitCode };
}

/** Parses argv and runs the command; resolves to the process exit code. */
export async function runCli(argv: readonly string[], cli: CliRuntime): Promise<number> {
  const { program, exitCode } = buildProgram(cli);
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      // Help shown on stderr because something was missing (no command, no subcommand) is a usage error.
      return error.code === 'commander.help' && error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return exitCode();
}
