import { openStore, DEFAULT_DB } from '../store/open-store.js';
import type { GongStore } from '../store/gong-store.js';
import { setting } from './env-config.js';
import type { CliRuntime } from './cli-runtime.js';

/** The database of `--db`, else `PANDORA_GONG_DB`, else `./pandora-gong.db` (README.md, "Configuration"). */
export function dbLocation(flag: string | undefined, cli: CliRuntime): string {
  return setting(flag, cli.env(), 'PANDORA_GONG_DB', DEFAULT_DB)!;
}

export function openCliStore(flag: string | undefined, cli: CliRuntime): Promise<GongStore> {
  return openStore(dbLocation(flag, cli));
}

/** Runs `fn` with the store open, and closes it whatever happens. */
export async function withStore<T>(flag: string | undefined, cli: CliRuntime, fn: (store: GongStore) => Promise<T>): Promise<T> {
  const store = await openCliStore(flag, cli);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
