/**
 * The one place a page of records becomes a sink write: records the stream keeps become rows of
 * its tables (and of the streams derived from it), records it does not keep are removed, the
 * state rides along, and statistics and the progress event follow the commit.
 */
import { toUtcIso } from '../../util/time.js';
import type { PageWrite, TableRows } from '../sink/page-write.js';
import type { StatePatch } from '../sink/stream-state.js';
import type { StreamContext } from './stream-context.js';
import type { AnyStream } from './stream-definition.js';
import { counterOf, deletedCounterOf } from './stream-counters.js';

export interface PageExtras {
  /** Work for the sink in the same commit (transcripts: the calls still waiting). */
  misses?: PageWrite['transcriptMisses'];
  /** Stamp the main table's rows with the pass that saw them. */
  seen?: { column: string; marker: string };
  /** States to write with the page. */
  state?: { stream: string; patch: StatePatch }[];
  /** Progress: records of this stream so far in the run (before this page), and Gong's total. */
  doneBefore: number;
  total?: number | undefined;
}

/**
 * Commits one page of `stream` with the streams derived from it. Returns how many records it kept.
 *
 * @example await commitPage(ctx, usersStream, [], page.items, { seen: { column: 'seen_run_id', marker: ctx.runId }, doneBefore: done })
 */
export async function commitPage<R>(
  ctx: StreamContext,
  stream: AnyStream,
  derived: readonly AnyStream[],
  records: readonly R[],
  extras: PageExtras,
): Promise<number> {
  const kept = stream.keep ? records.filter((r) => stream.keep!(r, ctx)) : [...records];
  const dropped = stream.keep && stream.idOf ? records.filter((r) => !stream.keep!(r, ctx)).map((r) => stream.idOf!(r)) : [];
  const tables = rowsOf(stream, kept, ctx, await stream.lookup?.(kept, ctx));
  const derivedCounts = derived.map((d) => {
    const rows = rowsOf(d, kept, ctx, undefined);
    tables.push(...rows);
    return rows[0]?.rows.length ?? 0;
  });
  const write: PageWrite = {
    stream: stream.name,
    tables,
    now: toUtcIso(ctx.now()),
    ...(extras.seen ? { seen: extras.seen } : {}),
    ...(stream.newestWins ? { newestWins: stream.newestWins } : {}),
    ...(dropped.length > 0 ? { remove: { table: stream.tables[0]!, ids: dropped } } : {}),
    ...(extras.state ? { state: extras.state } : {}),
    ...(extras.misses ? { transcriptMisses: extras.misses } : {}),
  };
  const result = await ctx.sink.commit(write);
  ctx.count(counterOf(stream), kept.length);
  if (stream.droppedCounter) ctx.count(stream.droppedCounter, records.length - kept.length);
  for (const { table, rows } of tables) {
    const counter = stream.rowCounters?.[table.name];
    if (counter) ctx.count(counter, rows.length);
  }
  derived.forEach((d, i) => ctx.count(counterOf(d), derivedCounts[i]!));
  if (result.removed > 0) ctx.count(deletedCounterOf(stream), result.removed);
  ctx.emit({ type: 'page', stream: stream.name, records: records.length, done: extras.doneBefore + records.length, total: extras.total });
  ctx.checkpoint();
  return kept.length;
}

/** Every table of a stream, in declared order, with the rows of these records (possibly none). */
function rowsOf<R>(stream: AnyStream, records: readonly R[], ctx: StreamContext, lookup: unknown): TableRows[] {
  const byName = new Map<string, Record<string, unknown>[]>(stream.tables.map((t) => [t.name, []]));
  for (const record of records) {
    const rows = stream.toRows(record, ctx, lookup);
    for (const [table, list] of Object.entries(rows)) {
      const target = byName.get(table);
      if (!target) throw new TypeError(`stream ${stream.name} mapped rows to ${table}, which it does not declare`);
      for (const row of list) target.push(row);
    }
  }
  return stream.tables.map((table) => ({ table, rows: byName.get(table.name)! }));
}
