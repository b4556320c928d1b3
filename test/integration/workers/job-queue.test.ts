import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ConnectionRepository } from '../../../src/connections/connection-repository.js';
import { generateSecretKey, parseSecretKey } from '../../../src/connections/secret-key.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { liveJobs, openJobQueue, SYNC_QUEUE, type JobQueue, type SyncJobData } from '../../../src/workers/job-queue.js';
import { queueDueSyncs } from '../../../src/workers/schedule-due-syncs.js';
import { SyncLockedError } from '../../../src/errors.js';
import { startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';

let pg: TestPostgres;
let store: GongStore;
let queue: JobQueue;

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await openStore(pg.url);
  queue = await openJobQueue(store, pg.url, { role: 'client' });
  await queue.ensureQueues({ jobTimeoutSeconds: 30, retryLimit: 2, retryDelaySeconds: 1 }, true);
});
afterAll(async () => {
  await queue?.close();
  await store?.close();
  await pg?.stop();
});

async function clear(): Promise<void> {
  await sql`DELETE FROM pgboss.job`.execute(store.allTenants);
}

async function fetchOne() {
  const jobs = await queue.boss.fetch<SyncJobData>(SYNC_QUEUE, { includeMetadata: true, batchSize: 1 });
  return jobs[0];
}

describe('the sync queue (pg-boss 10, stately, behind the one-live-job gate)', () => {
  it('keeps one live job per connection: queued, already queued, already running', async () => {
    await clear();
    expect((await queue.enqueueSync('a', { reason: 'on-demand' })).status).toBe('queued');
    expect((await queue.enqueueSync('a', { reason: 'schedule' })).status).toBe('already-queued');
    const job = await fetchOne();
    expect(job?.data).toEqual({ connectionId: 'a', reason: 'on-demand' });
    expect((await queue.enqueueSync('a', { reason: 'on-demand', pullForward: true })).status).toBe('already-running');
    expect((await liveJobs(store.allTenants, 'pgboss', 'a')).map((j) => j.state)).toEqual(['active']);
  });

  it('never blocks other connections behind a running one (the head-of-line trap of stately queues)', async () => {
    await clear();
    await queue.enqueueSync('a', { reason: 'on-demand' });
    expect((await fetchOne())?.data.connectionId).toBe('a');
    // Through the gate, a second job for `a` is refused while `a` runs, so `b` is fetched.
    await queue.enqueueSync('a', { reason: 'on-demand' });
    await queue.enqueueSync('b', { reason: 'on-demand' });
    expect((await fetchOne())?.data.connectionId).toBe('b');

    // Why the gate exists: a job for a running key sent past it blocks every fetch of pg-boss 10.
    await clear();
    await queue.enqueueSync('a', { reason: 'on-demand' });
    await fetchOne();
    await queue.boss.send(SYNC_QUEUE, { connectionId: 'a', reason: 'on-demand' }, { singletonKey: 'a' });
    await queue.enqueueSync('c', { reason: 'on-demand' });
    expect(await fetchOne()).toBeUndefined();
  });

  it('moves a scheduled run forward for an on-demand sync instead of ignoring it', async () => {
    await clear();
    const later = new Date(Date.now() + 3_600_000);
    expect((await queue.enqueueSync('a', { reason: 'schedule', startAfter: later })).status).toBe('queued');
    expect(await fetchOne()).toBeUndefined();
    expect((await queue.enqueueSync('a', { reason: 'on-demand' })).status).toBe('already-queued');
    const moved = await queue.enqueueSync('a', { reason: 'on-demand', pullForward: true });
    expect(moved.status).toBe('moved-up');
    expect((await fetchOne())?.data).toEqual({ connectionId: 'a', reason: 'on-demand' });
  });

  it('hands a job over to its successor atomically, and never completes an attempt it no longer owns', async () => {
    await clear();
    await queue.enqueueSync('a', { reason: 'on-demand' });
    const first = (await fetchOne())!;
    expect(await queue.handOff(first, 'a', { outcome: 'continued' }, { reason: 'continue', startAfter: new Date() })).toBe(true);
    expect(await queue.handOff(first, 'a', { outcome: 'continued' }, { reason: 'continue', startAfter: new Date() })).toBe(false);
    const live = await liveJobs(store.allTenants, 'pgboss', 'a');
    expect(live).toHaveLength(1);
    expect(live[0]!.state).toBe('created');
    expect((await queue.boss.getJobById(SYNC_QUEUE, first.id))?.state).toBe('completed');

    // An attempt that outlived its expiration: pg-boss failed it and another worker took it.
    const second = (await fetchOne())!;
    await queue.boss.fail(SYNC_QUEUE, second.id, { message: 'expired' });
    await sql`UPDATE pgboss.job SET start_after = now() WHERE id = ${second.id}::uuid`.execute(store.allTenants);
    const retried = (await fetchOne())!;
    expect(retried.id).toBe(second.id);
    expect(await queue.handOff(second, 'a', { outcome: 'completed' })).toBe(false);
    expect((await queue.boss.getJobById(SYNC_QUEUE, second.id))?.state).toBe('active');
    expect(await queue.handOff(retried, 'a', { outcome: 'completed' })).toBe(true);
  });

  it('queues scheduled connections that are due and have no live job (the minute tick)', async () => {
    await clear();
    const key = parseSecretKey(generateSecretKey());
    const repo = new ConnectionRepository(store);
    const base = { baseUrl: 'http://127.0.0.1:9', since: null, dailyBudget: null, rate: '3/s', oauthTokenUrl: null };
    await repo.add({ ...base, name: 'hourly', everySeconds: 3600, limitKey: 'hourly' }, { kind: 'basic', accessKey: 'k', accessKeySecret: 's' }, key);
    await repo.add({ ...base, name: 'manual', everySeconds: null, limitKey: 'manual' }, { kind: 'basic', accessKey: 'k', accessKeySecret: 's' }, key);
    await repo.add({ ...base, name: 'ran', everySeconds: 600, limitKey: 'ran' }, { kind: 'basic', accessKey: 'k', accessKeySecret: 's' }, key);
    const finished = new Date(Date.now() - 60_000).toISOString();
    await store.forConnection('ran').write(async (w) => {
      await w.startRun('r1', finished);
      await w.finishRun('r1', 'completed', { users: 0, deletedUsers: 0, calls: 0, parties: 0, privateSkipped: 0, deletedCalls: 0, transcripts: 0, transcriptsPending: 0, transcriptsGaveUp: 0, requests: 0 }, null, finished);
    });
    expect(await queueDueSyncs(queue)).toEqual(['hourly', 'ran']);
    expect(await queueDueSyncs(queue)).toEqual([]);
    const live = new Map((await liveJobs(store.allTenants, 'pgboss')).map((j) => [j.connectionId, j]));
    expect(live.has('manual')).toBe(false);
    expect(Date.parse(live.get('hourly')!.startAfter)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(live.get('ran')!.startAfter)).toBe(Date.parse(finished) + 600_000);

    // `connections remove` cancels queued jobs inside its transaction, and refuses while one runs.
    const cancelled = await store.engine.write((tx) => queue.cancelJobsOf(tx, 'hourly'));
    expect(cancelled).toBe(1);
    expect(await liveJobs(store.allTenants, 'pgboss', 'hourly')).toEqual([]);
    await sql`UPDATE pgboss.job SET start_after = now() WHERE singleton_key = 'ran'`.execute(store.allTenants);
    expect((await fetchOne())?.data.connectionId).toBe('ran');
    await expect(store.engine.write((tx) => queue.cancelJobsOf(tx, 'ran'))).rejects.toThrow(SyncLockedError);
    expect((await liveJobs(store.allTenants, 'pgboss', 'ran')).map((j) => j.state)).toEqual(['active']);
  });
});

describe('openJobQueue when the queue setup fails', () => {
  it('stops the pg-boss it started, so a refused setting never leaves a process that cannot exit', async () => {
    const sessions = async () =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'pandora-gong-worker'`.execute(store.allTenants)).rows[0]!.n);
    expect(await sessions()).toBe(0);
    // pg-boss refuses an expiration of a day or more only once it has started (its pool open, its timers set).
    const failed = openJobQueue(store, pg.url, { role: 'worker', queues: { settings: { jobTimeoutSeconds: 2 * 86_400, retryLimit: 1, retryDelaySeconds: 1 }, apply: false } });
    await expect(failed).rejects.toThrow(/expiration cannot exceed 24 hours/);
    expect(await sessions()).toBe(0);
  });
});
