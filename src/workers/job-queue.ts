/**
 * The job queue of multi-tenant mode: pg-boss 10 in the same PostgreSQL as the data (docs/workers.md
 * says why pg-boss). One queue of sync jobs, `singletonKey` = the connection's name, policy
 * `stately`: PostgreSQL's own unique index then allows at most one *active* job per connection,
 * whatever the number of workers (the store's per-connection advisory lock is the second guard).
 *
 * pg-boss 10 has a catch with `stately`/`singleton`: a queued job whose key already has an active
 * job fails the fetch's unique index, and since the fetch takes the oldest job first, that blocks
 * every worker on the queue (timgit/pg-boss#535). So every job we add goes through one gate,
 * `enqueueSync`, under a per-connection transaction lock: a connection never has more than one
 * live job (queued, retrying or active). A queued job therefore never sits behind an active job of
 * its own connection, and the fetch never trips. A running job hands over to its successor with
 * `handOff`, which completes it and queues the next in one transaction.
 */
import { inspect } from 'node:util';
import type PgBoss from 'pg-boss';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { ConfigError, SyncLockedError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import type { Database } from '../store/schema/index.js';
import type { UntypedKysely } from '../store/untyped-kysely.js';

/** Sync jobs, one live job per connection at most. */
export const SYNC_QUEUE = 'pandora-gong-sync';
/** The minute tick (pg-boss cron) that queues scheduled syncs that are due. */
export const SCHEDULE_QUEUE = 'pandora-gong-schedule';
/** pg-boss's tables live in this schema unless told otherwise. */
export const DEFAULT_QUEUE_SCHEMA = 'pgboss';

/** Advisory-lock namespace of the enqueue gate (distinct from the store's, `pgng`). */
const GATE_NAMESPACE = 0x70676e71; // "pgnq"
/** Session lock that serialises pg-boss start-up and queue creation across processes. */
const SETUP_LOCK = [0x70676e73, 1] as const; // "pgns"

/** The payload of a sync job. */
export interface SyncJobData {
  connectionId: string;
  /** Why it was queued: `on-demand`, `schedule`, `continue` (a slice or a shutdown), `resume` (after the budget). */
  reason: SyncReason;
}
export type SyncReason = 'on-demand' | 'schedule' | 'continue' | 'resume';

/** How the sync queue treats failures and how long a job may hold its connection. */
export interface QueueSettings {
  /** pg-boss expiration: a job still active this long after it started is failed and retried (crash recovery). */
  jobTimeoutSeconds: number;
  /** Retries of a failed job (transient failures, crashes). */
  retryLimit: number;
  /** First retry delay; pg-boss doubles it per retry, with jitter. */
  retryDelaySeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: Readonly<QueueSettings> = Object.freeze({
  jobTimeoutSeconds: 15 * 60,
  retryLimit: 5,
  retryDelaySeconds: 30,
});

export interface JobQueueOptions {
  /** pg-boss schema (default `pgboss`). */
  schema?: string;
  /** Workers maintain the queue (expire crashed jobs) and run the cron; the CLI does neither. */
  role: 'worker' | 'client';
  /** Connections in pg-boss's own pool. */
  poolSize?: number;
  /** How often expired jobs are looked for (workers; default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** Creates the queues with these settings; `apply` also updates existing ones (workers do). */
  queues?: { settings: QueueSettings; apply: boolean };
  onError?: (error: Error) => void;
}

/** What `enqueueSync` did. */
export type EnqueueResult =
  | { status: 'queued'; jobId: string; startAfter: string }
  | { status: 'moved-up'; jobId: string; startAfter: string }
  | { status: 'already-queued' | 'already-running'; jobId: string; startAfter: string };

/** A live job of a connection, as `status` shows it. */
export interface LiveJob {
  jobId: string;
  connectionId: string;
  state: 'created' | 'retry' | 'active';
  startAfter: string;
  startedOn: string | null;
  retryCount: number;
}

/**
 * pg-boss plus the store it coordinates: the gate runs its checks and pg-boss's inserts in one
 * transaction of the store's pool.
 *
 * @example
 * const queue = await openJobQueue(store, url, { role: 'client' });
 * await queue.enqueueSync('acme', { reason: 'on-demand' });
 * await queue.close();
 */
export class JobQueue {
  readonly boss: PgBoss;
  readonly schema: string;
  readonly store: GongStore;

  constructor(boss: PgBoss, store: GongStore, schema: string) {
    this.boss = boss;
    this.store = store;
    this.schema = schema;
  }

  /** pg-boss keeps the database URL, password included, in its config: inspect shows the store's safe location only. */
  [inspect.custom](): string {
    return `JobQueue(${this.schema} on ${this.store.engine.location})`;
  }

  toJSON(): object {
    return { schema: this.schema, location: this.store.engine.location };
  }

  /**
   * Creates the queues, or (for a worker) applies its settings to them. `updateQueue` needs the
   * policy again: pg-boss would otherwise reset it to `standard`.
   */
  async ensureQueues(settings: QueueSettings, apply: boolean): Promise<void> {
    const options: PgBoss.Queue = {
      name: SYNC_QUEUE,
      policy: 'stately',
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: settings.jobTimeoutSeconds,
    };
    await this.boss.createQueue(SYNC_QUEUE, options);
    if (apply) await this.boss.updateQueue(SYNC_QUEUE, options);
    // Ticks are idempotent (they queue through the gate), so a plain queue: no key to block on.
    await this.boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: 'standard', retryLimit: 0, expireInSeconds: 60 });
  }

  /**
   * Queues a sync of `connectionId` unless it already has a live job: the gate that keeps one
   * live job per connection. `pullForward` (on-demand syncs) moves a job that waits for a later
   * start (the next scheduled run) to now instead of leaving the request unanswered.
   */
  async enqueueSync(connectionId: string, options: { reason: SyncReason; startAfter?: Date; pullForward?: boolean }): Promise<EnqueueResult> {
    return this.store.engine.write(async (tx) => {
      await this.#lockGate(tx, connectionId);
      const live = await this.#liveJobsOf(tx, connectionId);
      const current = live[0];
      if (current) {
        if (current.state === 'active') return { status: 'already-running', jobId: current.jobId, startAfter: current.startAfter };
        const now = Date.now();
        if (!options.pullForward || current.state !== 'created' || Date.parse(current.startAfter) <= now) {
          return { status: 'already-queued', jobId: current.jobId, startAfter: current.startAfter };
        }
        // Cancelled jobs leave the stately index, so the replacement can be queued for now.
        await this.boss.cancel(SYNC_QUEUE, current.jobId, { db: boss(tx) });
        const jobId = await this.#send(tx, { connectionId, reason: options.reason }, new Date(now));
        return { status: 'moved-up', jobId, startAfter: new Date(now).toISOString() };
      }
      const startAfter = options.startAfter ?? new Date();
      const jobId = await this.#send(tx, { connectionId, reason: options.reason }, startAfter);
      return { status: 'queued', jobId, startAfter: startAfter.toISOString() };
    });
  }

  /**
   * Completes a running job and, when `next` is given, queues its successor, in one transaction:
   * the connection is never without its job in between (a crash between the two would otherwise
   * lose the continuation), and never has two.
   *
   * Returns false (and changes nothing) when the job is no longer this attempt's: it outlived its
   * expiration and pg-boss handed it to another worker, whose attempt it must not complete.
   */
  async handOff(
    job: { id: string; startedOn: Date | string },
    connectionId: string,
    output: object,
    next?: { reason: SyncReason; startAfter: Date },
  ): Promise<boolean> {
    return this.store.engine.write(async (tx) => {
      await this.#lockGate(tx, connectionId);
      const { rows } = await sql<{ started_on: string | Date | null }>`
        SELECT started_on FROM ${sql.table(`${this.schema}.job`)}
        WHERE name = ${SYNC_QUEUE} AND id = ${job.id}::uuid AND state = 'active'`.execute(tx);
      const startedOn = rows[0]?.started_on;
      // Both sides come from microsecond timestamps cut to milliseconds by two different parsers.
      if (!startedOn || Math.abs(new Date(startedOn).getTime() - new Date(job.startedOn).getTime()) > 1) return false;
      await this.boss.complete(SYNC_QUEUE, job.id, output, { db: boss(tx) });
      if (next) await this.#send(tx, { connectionId, reason: next.reason }, next.startAfter);
      return true;
    });
  }

  /**
   * Cancels a connection's queued jobs inside the caller's transaction (`connections remove`),
   * and refuses while one of its jobs is active. The job rows are locked first: a worker's fetch
   * that is activating one right now is waited for (and then seen as active), and no later fetch
   * can take a row we are about to cancel (pg-boss fetches with SKIP LOCKED).
   *
   * @throws SyncLockedError when a job of the connection is running
   */
  async cancelJobsOf(tx: Kysely<Database>, connectionId: string): Promise<number> {
    await this.#lockGate(tx, connectionId);
    const { rows } = await sql<{ id: string; state: string }>`
      SELECT id, state::text AS state FROM ${sql.table(`${this.schema}.job`)}
      WHERE name = ${SYNC_QUEUE} AND singleton_key = ${connectionId} AND state < 'completed'
      FOR UPDATE`.execute(tx);
    if (rows.some((r) => r.state === 'active')) {
      throw new SyncLockedError(`a sync of connection "${connectionId}" is running: stop it (or wait for it to finish) and try again`);
    }
    if (rows.length > 0) await this.boss.cancel(SYNC_QUEUE, rows.map((r) => r.id), { db: boss(tx) });
    return rows.length;
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, close: true });
  }

  async #send(tx: Kysely<Database>, data: SyncJobData, startAfter: Date): Promise<string> {
    const id = await this.boss.send(SYNC_QUEUE, data, { singletonKey: data.connectionId, startAfter, db: boss(tx) });
    // Under the gate a refusal means the stately index saw a job we did not: never silent.
    if (!id) throw new Error(`the job queue refused a sync job for connection "${data.connectionId}" (another live job exists)`);
    return id;
  }

  async #lockGate(tx: Kysely<Database>, connectionId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${GATE_NAMESPACE}, hashtext(${connectionId}))`.execute(tx);
  }

  #liveJobsOf(tx: Kysely<Database>, connectionId: string): Promise<LiveJob[]> {
    return liveJobs(tx, this.schema, connectionId);
  }
}

/**
 * Live sync jobs (queued, retrying, active), of one connection or of all. Reads pg-boss's job
 * table, whose columns are stable within pg-boss 10 (the version this package pins).
 *
 * @example const live = await liveJobs(store.allTenants, 'pgboss');
 */
export async function liveJobs(db: UntypedKysely, schema: string, connectionId?: string): Promise<LiveJob[]> {
  const table = sql.table(`${schema}.job`);
  const filter = connectionId === undefined ? sql`` : sql`AND singleton_key = ${connectionId}`;
  const { rows } = await sql<{ id: string; singleton_key: string; state: LiveJob['state']; start_after: string | Date; started_on: string | Date | null; retry_count: number }>`
    SELECT id, singleton_key, state::text AS state, start_after, started_on, retry_count FROM ${table}
    WHERE name = ${SYNC_QUEUE} AND state < 'completed' ${filter}
    ORDER BY created_on`.execute(db);
  return rows.map((r) => ({
    jobId: r.id,
    connectionId: r.singleton_key,
    state: r.state,
    startAfter: new Date(r.start_after).toISOString(),
    startedOn: r.started_on === null ? null : new Date(r.started_on).toISOString(),
    retryCount: Number(r.retry_count),
  }));
}

/**
 * Whether pg-boss's tables exist in `schema` (status works before any worker ran).
 *
 * @example if (await queueInstalled(store.allTenants, 'pgboss')) console.log(await liveJobs(store.allTenants, 'pgboss'));
 */
export async function queueInstalled(db: UntypedKysely, schema: string): Promise<boolean> {
  const { rows } = await sql<{ name: string | null }>`SELECT to_regclass(${`${schema}.job`})::text AS name`.execute(db);
  return rows[0]?.name != null;
}

/**
 * Starts pg-boss on the store's database (installing or migrating its schema under pg-boss's own
 * advisory lock, so many workers starting at once are safe).
 *
 * @example const queue = await openJobQueue(store, url, { role: 'worker', maintenanceIntervalSeconds: 30 });
 */
export async function openJobQueue(store: GongStore, url: string, options: JobQueueOptions): Promise<JobQueue> {
  const schema = options.schema ?? DEFAULT_QUEUE_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new ConfigError(`queue schema "${schema}" is not a plain lower-case identifier`);
  const worker = options.role === 'worker';
  // Loaded on first use: the library's other users (single-company SQLite) never pay for it.
  const { default: PgBossClass } = await import('pg-boss');
  const boss = new PgBossClass({
    connectionString: url,
    schema,
    max: options.poolSize ?? (worker ? 4 : 2),
    application_name: worker ? 'pandora-gong-worker' : 'pandora-gong',
    migrate: true,
    supervise: worker,
    schedule: worker,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  // pg-boss reports background failures as events; an unhandled 'error' event would kill the process.
  boss.on('error', (error) => options.onError?.(error));
  const queue = new JobQueue(boss, store, schema);
  // pg-boss 10's queue creation (a partition per queue) deadlocks when several processes create
  // queues at once, as a fleet of workers starting together does: one process at a time here.
  try {
    await store.allTenants.connection().execute(async (session) => {
      await sql`SELECT pg_advisory_lock(${SETUP_LOCK[0]}, ${SETUP_LOCK[1]})`.execute(session);
      try {
        await boss.start();
        if (options.queues) await queue.ensureQueues(options.queues.settings, options.queues.apply);
      } finally {
        await sql`SELECT pg_advisory_unlock(${SETUP_LOCK[0]}, ${SETUP_LOCK[1]})`.execute(session);
      }
    });
  } catch (error) {
    // A started pg-boss keeps its pool and timers: left running, they would keep the process alive forever.
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw error;
  }
  return queue;
}

/** pg-boss's `db` option: its statements run on our transaction. */
function boss(tx: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await tx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows };
    },
  };
}
