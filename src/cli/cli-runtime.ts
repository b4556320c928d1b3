import type { Writable } from 'node:stream';
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
}

export function processRuntime(signal: AbortSignal): CliRuntime {
  let env: Record<string, string | undefined> | undefined;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: () => (env ??= loadEnvironment(process.cwd())),
    signal,
  };
}

/** The environment variable that backs a flag: `--include-private` → `PANDORA_GONG_INCLUDE_PRIVATE`. */
export function envNameOf(flag: string): string {
  return `PANDORA_GONG_${flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase()}`;
}
