/**
 * The full-refresh skeleton (users, settings, library): every record every run, each page
 * committed as it arrives; only after a complete, error-free pass is what the pass did not see
 * marked deleted (or removed). An empty pass concludes nothing: Gong answers "no results" both
 * when there are none and when a key cannot see them (docs/gong-api.md §4.3).
 */
import { toUtcIso } from '../../util/time.js';
import { checkPage } from './check-page.js';
import { commitPage } from './commit-page.js';
import { readAhead } from './read-ahead.js';
import { shouldSkipFullRefresh } from './resume-rules.js';
import type { StreamContext } from './stream-context.js';
import { deletedCounterOf } from './stream-counters.js';
import type { AnyStream, FullRefreshSource } from './stream-definition.js';

export async function runFullRefresh(ctx: StreamContext, stream: AnyStream, source: FullRefreshSource<unknown>, derived: readonly AnyStream[]): Promise<void> {
  const state = await ctx.sink.readState(stream.name);
  if (shouldSkipFullRefresh({ resuming: ctx.resuming, state, lastCompletedAt: ctx.lastCompletedAt })) {
    ctx.emit({ type: 'stream-skip', stream: stream.name, reason: `${stream.name} were refreshed by the interrupted run this one resumes` });
    return;
  }
  ctx.emit({ type: 'stream-start', stream: stream.name });
  const seen = { column: source.sweep.seenColumn, marker: ctx.runId };
  let done = 0;
  for await (const page of readAhead(source.read(ctx))) {
    checkPage(stream, page.items);
    await commitPage(ctx, stream, derived, page.items, { seen, doneBefore: done, total: page.total });
    done += page.items.length;
  }
  const now = toUtcIso(ctx.now());
  const main = stream.tables[0]!;
  const result = await ctx.sink.commit({
    stream: stream.name,
    tables: [],
    now,
    ...(done > 0 ? { sweep: { table: main, action: source.sweep.action, seenColumn: seen.column, marker: seen.marker } } : {}),
    state: [{ stream: stream.name, patch: { watermark: now, completedAt: now } }],
  });
  const deleted = result.markedDeleted + result.removed;
  if (deleted > 0) ctx.count(deletedCounterOf(stream), deleted);
  ctx.emit({ type: 'stream-end', stream: stream.name, records: done });
}
