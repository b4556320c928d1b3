/**
 * Scheduled syncs. A connection with `--every` normally carries its next run as a delayed job,
 * queued by the job before it (`handOff`). This tick is the safety net, run by pg-boss's cron
 * once a minute (and by each worker as it starts): any scheduled connection without a live job
 * (a new connection, or one whose retries ran out) is queued for `every` after its last run.
 */
import { sql } from 'kysely';
import { liveJobs, type JobQueue } from './job-queue.js';

/**
 * Queues the scheduled connections that have no live job; returns their names.
 *
 * @example await queueDueSyncs(queue) // ['acme']
 */
export async function queueDueSyncs(queue: JobQueue, now: number = Date.now()): Promise<string[]> {
  // Scheduling looks at every connection's last run: across tenants by design.
  const db = queue.store.allTenants;
  const { rows } = await sql<{ id: string; every_seconds: number; last_finished: string | null }>`
    SELECT c.id, c.every_seconds,
      (SELECT max(r.finished_at) FROM sync_runs r WHERE r.connection_id = c.id) AS last_finished
    FROM connections c WHERE c.every_seconds IS NOT NULL ORDER BY c.id`.execute(db);
  if (rows.length === 0) return [];
  const busy = new Set((await liveJobs(db, queue.schema)).map((j) => j.connectionId));
  const queued: string[] = [];
  for (const row of rows) {
    if (busy.has(row.id)) continue;
    const due = row.last_finished === null ? now : Math.max(now, Date.parse(row.last_finished) + Number(row.every_seconds) * 1000);
    const result = await queue.enqueueSync(row.id, { reason: 'schedule', startAfter: new Date(due) });
    if (result.status === 'queued') queued.push(row.id);
  }
  return queued;
}
