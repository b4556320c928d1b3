import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionRepository, type ConnectionSettings } from '../../../src/connections/connection-repository.js';
import { generateSecretKey, parseSecretKey } from '../../../src/connections/secret-key.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { nextUtcMidnight } from '../../../src/util/time.js';
import { collectConnectionsStatus } from '../../../src/workers/connections-status.js';
import { liveJobs, openJobQueue, type JobQueue } from '../../../src/workers/job-queue.js';
import { startWorker, type WorkerHandle } from '../../../src/workers/start-worker.js';
import type { WorkerEvent } from '../../../src/workers/worker-events.js';
import { freePort, startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';
import { waitFor } from '../../support/worker-process.js';

const key = parseSecretKey(generateSecretKey());
let pg: TestPostgres;
let store: GongStore;
let queue: JobQueue;
const open: { sims: Simulator[]; workers: WorkerHandle[] } = { sims: [], workers: [] };

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await openStore(pg.url);
  queue = await openJobQueue(store, pg.url, { role: 'client', queues: { settings: { jobTimeoutSeconds: 20, retryLimit: 4, retryDelaySeconds: 1 }, apply: true } });
});
afterEach(async () => {
  await Promise.all(open.workers.splice(0).map((w) => w.stop()));
  await Promise.all(open.sims.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await queue?.close();
  await store?.close();
  await pg?.stop();
});

async function addConnection(name: string, baseUrl: string, secret: string, extra: Partial<ConnectionSettings> = {}): Promise<void> {
  await new ConnectionRepository(store).add(
    { name, baseUrl, since: null, everySeconds: null, dailyBudget: null, rate: '3/s', limitKey: name, oauthTokenUrl: null, ...extra },
    { kind: 'basic', accessKey: `key-${name}`, accessKeySecret: secret },
    key,
  );
}

async function simulator(name: string, options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  const sim = await startSimulator({ seed: 9, calls: 120, credentials: { accessKey: `key-${name}`, accessKeySecret: `secret-${name}` }, ...options });
  open.sims.push(sim);
  return sim;
}

async function worker(events: WorkerEvent[], extra: Partial<Parameters<typeof startWorker>[0]> = {}): Promise<WorkerHandle> {
  const handle = await startWorker({
    url: pg.url,
    key,
    concurrency: 2,
    pollIntervalSeconds: 0.5,
    queue: { jobTimeoutSeconds: 20, retryLimit: 4, retryDelaySeconds: 1 },
    client: { retry: { maxAttempts: 1 }, timeoutMs: 3_000 },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  open.workers.push(handle);
  return handle;
}

const of = (events: WorkerEvent[], connection: string) => events.filter((e) => 'connection' in e && e.connection === connection);

describe('worker jobs: retries, refusals, the budget and stopping', () => {
  it('retries a transient failure with backoff until it succeeds', async () => {
    const port = await freePort();
    await addConnection('flaky', `http://127.0.0.1:${port}`, 'secret-flaky');
    const events: WorkerEvent[] = [];
    await worker(events);
    await queue.enqueueSync('flaky', { reason: 'on-demand' });
    await waitFor('a failed attempt', () => of(events, 'flaky').some((e) => e.type === 'job-retry'), 30_000);
    // Gong is back.
    await simulator('flaky', { port });
    // A sync longer than the job's slice hands itself on ('continued') until it completes.
    const end = await waitFor('the sync to complete', () => of(events, 'flaky').find((e) => e.type === 'job-end' && (e as { outcome?: string }).outcome !== 'continued'), 90_000);
    expect(end).toMatchObject({ outcome: 'completed' });
    const starts = of(events, 'flaky').filter((e) => e.type === 'job-start') as Extract<WorkerEvent, { type: 'job-start' }>[];
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.some((s) => s.attempt > 1)).toBe(true);
    const retry = of(events, 'flaky').find((e) => e.type === 'job-retry')!;
    // pg-boss backs off (retryDelay 1 s, doubled per retry, with jitter) before the next attempt.
    expect(Date.parse(starts[1]!.at) - Date.parse(retry.at)).toBeGreaterThanOrEqual(900);
    expect((await new ConnectionRepository(store).require('flaky')).lastError).toBeNull();
  });

  it('records a failure a retry cannot fix (refused credentials), without retrying', async () => {
    const sim = await simulator('refused');
    await addConnection('refused', sim.url, 'not-the-secret');
    const events: WorkerEvent[] = [];
    await worker(events);
    await queue.enqueueSync('refused', { reason: 'on-demand' });
    const end = await waitFor('the job to end', () => of(events, 'refused').find((e) => e.type === 'job-end'), 30_000);
    expect(end).toMatchObject({ outcome: 'failed' });
    expect(of(events, 'refused').some((e) => e.type === 'job-retry')).toBe(false);
    expect(await liveJobs(store.allTenants, 'pgboss', 'refused')).toEqual([]);
    const status = (await collectConnectionsStatus(store)).find((c) => c.name === 'refused')!;
    expect(status.lastError?.message).toMatch(/refused|credentials|401/i);
    expect(status.lastError?.message).not.toContain('not-the-secret');
    expect(status.lastSync?.status).toBe('failed');
  });

  it('stops at the shared daily budget and queues the rest for when it resumes', async () => {
    const sim = await simulator('budgeted');
    await addConnection('budgeted', sim.url, 'secret-budgeted', { dailyBudget: 2 });
    const events: WorkerEvent[] = [];
    await worker(events);
    await queue.enqueueSync('budgeted', { reason: 'on-demand' });
    const end = await waitFor('the job to end', () => of(events, 'budgeted').find((e) => e.type === 'job-end'), 30_000);
    expect(end).toMatchObject({ outcome: 'deferred', stopReason: 'budget', next: { reason: 'resume' } });
    expect(sim.log.count()).toBe(2);
    const [next] = await liveJobs(store.allTenants, 'pgboss', 'budgeted');
    expect(next?.state).toBe('created');
    expect(Date.parse(next!.startAfter)).toBe(nextUtcMidnight(sim.clock.now()));
    const status = (await collectConnectionsStatus(store)).find((c) => c.name === 'budgeted')!;
    expect(status).toMatchObject({ requestsToday: 2, dailyBudget: 2, next: { state: 'scheduled' } });
  });

  it('on stop, ends a long Retry-After wait after the grace and hands the job back', async () => {
    const sim = await simulator('throttled', { faults: '429=1:30s' });
    await addConnection('throttled', sim.url, 'secret-throttled');
    const events: WorkerEvent[] = [];
    const handle = await worker(events, { shutdownGraceMs: 1_000, client: { timeoutMs: 3_000 } });
    await queue.enqueueSync('throttled', { reason: 'on-demand' });
    await waitFor('Gong to answer 429', () => sim.log.count() > 0, 30_000);
    const began = Date.now();
    await handle.stop();
    expect(Date.now() - began).toBeLessThan(8_000);
    expect(of(events, 'throttled').find((e) => e.type === 'job-end')).toMatchObject({ outcome: 'continued', next: { reason: 'continue' } });
    const [released] = await liveJobs(store.allTenants, 'pgboss', 'throttled');
    expect(released?.state).toBe('created');
    expect(Date.parse(released!.startAfter)).toBeLessThanOrEqual(Date.now());
  });
});
