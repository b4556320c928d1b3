/**
 * The store as a sink: each page in one transaction of the store (rows, removals, sweep, the
 * stream's own store rule, page hooks such as CRM linking, and the state that points past them),
 * so a crash at any moment leaves either all of a page or none of it.
 */
import type { GongStore } from '../../store/gong-store.js';
import type { StoreWriter } from '../../store/store-writer.js';
import type { AnyTable } from '../../store/schema/index.js';
import type { AnyStream } from '../engine/stream-definition.js';
import type { CommitResult, PageWrite } from './page-write.js';
import type { SyncSink } from './sync-sink.js';

/** Work that commits with each page of one stream (CRM linking of calls). */
export interface PageHook {
  /** Runs once, outside any transaction, before the first page with records. */
  prepare?(): Promise<void>;
  /**
   * Runs inside the page's transaction with the ids of the rows written to the main table, or,
   * for a table without an `id` (manual associations), the calls its rows are about.
   */
  withinPage(writer: StoreWriter, ids: string[]): Promise<unknown>;
}

export interface StoreSinkOptions {
  /** The streams whose pages this sink receives (for their store rules). */
  streams: readonly AnyStream[];
  /** Work to commit with each page, by stream name. */
  pageHooks?: Readonly<Record<string, PageHook>>;
}

/**
 * @example const sink = storeSink(store, { streams: STREAMS, pageHooks: { calls: linkerHook } });
 */
export function storeSink(store: GongStore, options: StoreSinkOptions): SyncSink {
  const prepared = new Set<string>();
  return {
    readState: (stream) => store.getStreamState(stream),

    async commit(write: PageWrite): Promise<CommitResult> {
      const hook = options.pageHooks?.[write.stream];
      const main = write.tables[0];
      const mainIds = main ? hookIds(main.table, main.rows) : [];
      if (hook?.prepare && mainIds.length > 0 && !prepared.has(write.stream)) {
        await hook.prepare();
        prepared.add(write.stream);
      }
      const stream = options.streams.find((s) => s.name === write.stream);
      return store.write(async (w) => {
        const written = new Map<string, string[]>();
        for (const { table, rows } of write.tables) {
          const parents = table.parent ? written.get(table.parent.table) : undefined;
          if (parents) await w.deleteChildren(table, parents);
          const seen = write.seen && table === main?.table ? { [write.seen.column]: write.seen.marker } : {};
          if (write.newestWins && table === main?.table) await w.replaceNewest(table, rows, write.newestWins, { synced_at: write.now });
          else await w.upsertPlain(table, rows, { synced_at: write.now, ...seen });
          if ('id' in table.columns) written.set(table.name, rows.map((r) => String(r.id)));
        }
        await stream?.withinStoreCommit?.(w, write);
        let removed = write.remove ? await w.removeWithDependents(write.remove.table, write.remove.ids) : 0;
        if (hook && mainIds.length > 0) await hook.withinPage(w, mainIds);
        let markedDeleted = 0;
        if (write.sweep) {
          const swept = await w.sweepUnseen({ ...write.sweep, now: write.now });
          if (write.sweep.action === 'remove') removed += swept;
          else markedDeleted += swept;
        }
        const misses = write.transcriptMisses;
        const gaveUp = misses ? (await w.recordTranscriptMisses(misses.misses, misses.now, misses.giveUpBefore)).gaveUp : 0;
        for (const { stream: name, patch } of write.state ?? []) await w.setStreamState(name, patch, write.now);
        return { removed, markedDeleted, gaveUp };
      });
    },

    callsAwaitingTranscript: (limit, after) => store.callsNeedingTranscript(limit, after),

    async speakerDirectory(callIds) {
      const parties = await store.partiesOfCalls(callIds);
      const users = await store.userNames([...parties.values()].flat().flatMap((p) => (p.user_id ? [p.user_id] : [])));
      return { parties, users };
    },
  };
}

/**
 * The ids a page hook is given: the main rows' `id`, else the distinct calls they are about
 * (manual associations: the calls to link again).
 */
function hookIds(table: AnyTable, rows: readonly Record<string, unknown>[]): string[] {
  if ('id' in table.columns) return rows.map((r) => String(r.id));
  if (!('call_id' in table.columns)) return [];
  return [...new Set(rows.map((r) => String(r.call_id)))];
}
