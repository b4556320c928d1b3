import { sql } from 'kysely';
import type { StoreWriter } from '../../store/store-writer.js';

/** Re-indexes the writer's connection with migration 003's `gong_search_rebuild` function. */
export async function rebuildSearchIndexPostgres(writer: StoreWriter): Promise<void> {
  await sql`SELECT gong_search_rebuild(${writer.connectionId})`.execute(writer.scoped);
}
