import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { openStore, DEFAULT_DB, isPostgresUrl } from '../store/open-store.js';
import type { GongStore } from '../store/gong-store.js';
import { setting } from './env-config.js';
import type { CliRuntime } from './cli-runtime.js';

/** The database of `--db`, else `PANDORA_GONG_DB`, else `./pandora-gong.db` (README.md, "Configuration"). */
export function dbLocation(flag: string | undefined, cli: CliRuntime): string {
  return setting(flag, cli.env(), 'PANDORA_GONG_DB', DEFAULT_DB)!;
}

export interface CliStoreOptions {
  /**
   * The command only reads: a SQLite file that does not exist is refused with one line naming
   * it, rather than created empty (which would print zeros as if nothing had been synced).
   */
  existing?: boolean;
}

export function openCliStore(flag: string | undefined, cli: CliRuntime, options: CliStoreOptions = {}): Promise<GongStore> {
  const location = dbLocation(flag, cli);
  if (options.existing && !isPostgresUrl(location) && location !== ':memory:' && !existsSync(resolve(cli.cwd, location))) {
    throw new ConfigError(`no database at ${location}: run \`npx pandora-gong sync\` first, or point --db / PANDORA_GONG_DB at an existing one`);
  }
  return openStore(location);
}

/** Runs `fn` with the store open, and closes it whatever happens. */
export async function withStore<T>(flag: string | undefined, cli: CliRuntime, fn: (store: GongStore) => Promise<T>, options: CliStoreOptions = {}): Promise<T> {
  const store = await openCliStore(flag, cli, options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
