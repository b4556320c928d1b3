import { CompiledQuery } from 'kysely';
import type { StoreWriter } from '../../store/store-writer.js';
import { sqliteRebuildStatements } from '../../store/migrations/003-search.js';

/** Re-indexes the writer's connection with migration 003's own backfill statements (bound to the connection id). */
export async function rebuildSearchIndexSqlite(writer: StoreWriter): Promise<void> {
  for (const statement of sqliteRebuildStatements()) {
    await writer.tx.executeQuery(CompiledQuery.raw(statement, [writer.connectionId]));
  }
}
