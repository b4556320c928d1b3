/**
 * A worker process's engine: it takes sync jobs from the PostgreSQL queue, `concurrency` at a
 * time, for any connection, and stops gracefully. Start as many as you like on as many machines
 * as you like: they coordinate through PostgreSQL only (the queue, the per-connection locks, the
 * shared rate limits and budgets).
 */
import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { GongClientOptions } from '../client/client-options.js';
import { ConnectionRepository } from '../connections/connection-repository.js';
import type { SecretKey } from '../connections/secret-key.js';
import { ConfigError, redact } from '../errors.js';
import { GongStore } from '../store/gong-store.js';
import { MAX_TIMER_MS } from '../util/clock.js';
import { DEFAULT_QUEUE_SETTINGS, openJobQueue, SCHEDULE_QUEUE, SYNC_QUEUE, type QueueSettings, type SyncJobData } from './job-queue.js';
import { queueDueSyncs } from './schedule-due-syncs.js';
import { runSyncJob } from './sync-job.js';
import type { WorkerEvent, WorkerEventListener } from './worker-events.js';

/** Most jobs one process runs at once (each holds a database session for its lock). */
export const MAX_CONCURRENCY = 32;

export interface WorkerOptions {
  /** The PostgreSQL database (`postgres://…`). */
  url: string;
  /** Opens the connections' credentials (`PANDORA_GONG_SECRET_KEY`). */
  key: SecretKey;
  /** Jobs run at once by this process (default 2). */
  concurrency?: number;
  /** Applied to the sync queue by this worker as it starts. */
  queue?: Partial<QueueSettings>;
  /** How often an idle worker asks for a job (seconds, ≥ 0.5; default 2). */
  pollIntervalSeconds?: number;
  /** After a stop request, how long running syncs get to finish their page before requests are cut (ms; default 25 s). */
  shutdownGraceMs?: number;
  /** pg-boss schema (default `pgboss`). */
  queueSchema?: string;
  onEvent?: WorkerEventListener;
  /** Test seams: the `fetch` and client options of every job's client. */
  fetch?: typeof globalThis.fetch;
  client?: Partial<GongClientOptions>;
}

export interface WorkerHandle {
  readonly id: string;
  /** Stops taking jobs, stops running syncs between pages, hands their jobs back, closes. */
  stop(): Promise<void>;
}

/**
 * @example
 * const worker = await startWorker({ url: 'postgres://…', key: secretKeyFromEnv(process.env), concurrency: 4 });
 * process.once('SIGTERM', () => worker.stop());
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const concurrency = options.concurrency ?? 2;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new ConfigError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  const settings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, ...options.queue };
  const poll = options.pollIntervalSeconds ?? 2;
  const graceMs = options.shutdownGraceMs ?? 25_000;
  checkWorkerSettings(settings, poll, graceMs);
  const workerId = randomUUID().slice(0, 8);
  const emit = (event: WorkerEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's failure must not fail a job.
    }
  };
  const at = () => new Date().toISOString();

  // Every running job holds one session for its sync lock and borrows one more at a time to write,
  // take a rate-limit slot or count a request: size the pool so that locks never starve the writes.
  // With pg-boss's pool, a worker uses at most 3 x concurrency + 7 database connections.
  const { openPostgresEngine } = await import('../store/postgres/open-postgres-engine.js');
  const engine = await openPostgresEngine(options.url, concurrency * 2 + 4);
  const store = new GongStore(engine);
  let boss: PgBoss | undefined;
  try {
    await engine.migrate();
    const connections = new ConnectionRepository(store);
    await connections.assertKeyMatches(options.key);
    const queue = await openJobQueue(store, options.url, {
      role: 'worker',
      schema: options.queueSchema,
      poolSize: concurrency + 3,
      // Crashed jobs are found by expiration: look often enough that recovery is a fraction of it.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(settings.jobTimeoutSeconds / 5))),
      queues: { settings, apply: true },
      onError: (error) => emit({ type: 'queue-error', workerId, error: redact(error.message), at: at() }),
    });
    boss = queue.boss;

    const soft = new AbortController();
    const hard = new AbortController();
    const ctx = { workerId, store, queue, connections, key: options.key, soft: soft.signal, hard: hard.signal, emit, fetch: options.fetch, client: options.client };

    const tick = async () => {
      const queued = await queueDueSyncs(queue);
      if (queued.length > 0) emit({ type: 'schedule', workerId, queued, at: at() });
    };
    await boss.schedule(SCHEDULE_QUEUE, '* * * * *');
    await boss.work(SCHEDULE_QUEUE, { pollingIntervalSeconds: Math.max(poll, 5) }, tick);
    await tick();
    for (let i = 0; i < concurrency; i++) {
      await boss.work<SyncJobData>(SYNC_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: poll }, async ([job]) =>
        job ? runSyncJob(job, ctx) : undefined,
      );
    }
    emit({ type: 'worker-start', workerId, pid: process.pid, concurrency, at: at() });

    let stopping: Promise<void> | undefined;
    const running = boss;
    return {
      id: workerId,
      stop: () =>
        (stopping ??= (async () => {
          emit({ type: 'worker-stopping', workerId, at: at() });
          soft.abort(new Error('the worker is stopping'));
          const cut = setTimeout(() => hard.abort(new Error('the worker stopped before the sync finished its page')), graceMs);
          try {
            // pg-boss stops fetching, waits for the running handlers (they hand their jobs back),
            // then fails whatever is still running so that another worker retries it.
            await running.stop({ graceful: true, timeout: graceMs + 5_000, close: true, wait: true });
          } finally {
            clearTimeout(cut);
            await store.close();
          }
          emit({ type: 'worker-stop', workerId, at: at() });
        })()),
    };
  } catch (error) {
    await boss?.stop({ graceful: false, close: true }).catch(() => {});
    await store.close().catch(() => {});
    throw error;
  }
}

/** pg-boss keeps retry counts and delays in `integer` columns. */
const MAX_INT4 = 2_147_483_647;

/**
 * Every setting in the range pg-boss and the timers can honour, before anything connects: out of
 * range, pg-boss fails its start with an assertion or a database error, and a timer longer than
 * `MAX_TIMER_MS` fires at once.
 */
function checkWorkerSettings(settings: QueueSettings, pollSeconds: number, graceMs: number): void {
  if (!(pollSeconds >= 0.5 && pollSeconds * 1000 <= MAX_TIMER_MS)) throw new ConfigError('--poll must be at least 0.5 seconds (pg-boss polls no faster) and at most 24 days');
  if (!(settings.jobTimeoutSeconds >= 5 && settings.jobTimeoutSeconds < 24 * 3600)) {
    throw new ConfigError('--job-timeout must be at least 5 seconds and under 24 hours (pg-boss expires a job within a day)');
  }
  if (!(Number.isInteger(settings.retryLimit) && settings.retryLimit >= 0 && settings.retryLimit <= MAX_INT4)) {
    throw new ConfigError(`--retry-limit must be a whole number from 0 to ${MAX_INT4}`);
  }
  if (!(Number.isInteger(settings.retryDelaySeconds) && settings.retryDelaySeconds >= 0 && settings.retryDelaySeconds <= MAX_INT4)) {
    throw new ConfigError(`--retry-delay must be a whole number of seconds from 0 to ${MAX_INT4}`);
  }
  // pg-boss's stop waits the grace plus 5 s on a timer.
  if (!(graceMs >= 0 && graceMs + 5_000 <= MAX_TIMER_MS)) throw new ConfigError('--shutdown-grace must be at most 24 days');
}
