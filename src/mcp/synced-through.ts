import type { GongStore } from '../store/gong-store.js';

/**
 * How fresh the data is: the calls stream's watermark (calls that started before it are all
 * stored), else the last time a sync completed, else null (nothing synced yet).
 */
export async function syncedThrough(store: GongStore): Promise<string | null> {
  const calls = await store.getStreamState('calls');
  return calls?.watermark ?? calls?.completedAt ?? null;
}
