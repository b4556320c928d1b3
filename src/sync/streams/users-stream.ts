import { toUtcIso } from '../../util/time.js';
import { userRecord } from '../mappers.js';
import type { SyncContext } from '../sync-context.js';

/**
 * Users: a full refresh every run (Gong has no "updated since" filter for users; README §3.1,
 * peers A15). Each page is committed as it arrives; only after a complete, error-free pass are
 * users that Gong no longer lists marked deleted.
 */
export async function syncUsers(ctx: SyncContext): Promise<void> {
  ctx.emit({ type: 'stream-start', stream: 'users' });
  let done = 0;
  for await (const page of ctx.client.users().pages()) {
    const records = page.items.map(userRecord);
    const now = toUtcIso(ctx.now());
    await ctx.store.write((w) => w.upsertUsers(records, ctx.runId, now));
    done += records.length;
    ctx.stats.users += records.length;
    ctx.emit({ type: 'page', stream: 'users', records: records.length, done, total: page.records?.totalRecords });
    ctx.checkpoint();
  }
  const now = toUtcIso(ctx.now());
  ctx.stats.deletedUsers += await ctx.store.write(async (w) => {
    // An empty list is Gong's 404 "no users" answer, which a key without visibility also gets
    // (README §4.3): never read it as "every user was deleted".
    const deleted = done > 0 ? await w.markUnseenUsersDeleted(ctx.runId, now) : 0;
    await w.setStreamState('users', { watermark: now, completedAt: now }, now);
    return deleted;
  });
  ctx.emit({ type: 'stream-end', stream: 'users', records: done });
}
