import type { Readable, Writable } from 'node:stream';
import { loadEnvironment } from './env-config.js';

/** What every command runs with; tests and the demo can provide their own. */
export interface CliRuntime {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  cwd: string;
  /** The environment, `.env` included; read on first use so `--help` never touches the disk. */
  env(): Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM: long commands stop between pages and commit what they have. */
  signal: AbortSignal;
  /** Where a command asks for confirmation (`erase`); absent or not a TTY: nobody to ask. */
  stdin?: Readable & { isTTY?: boolean };
}

export function processRuntime(signal: AbortSignal): CliRuntime {
  let env: Record<string, string | undefined> | undefined;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: () => (env ??= loadEnvironment(process.cwd())),
    signal,
    stdin: process.stdin,
  };
}

/** The environment variable that backs a flag: `--include-private` → `PANDORA_GONG_INCLUDE_PRIVATE`. */
export function envNameOf(flag: string): string {
  return `PANDORA_GONG_${flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase()}`;
}
