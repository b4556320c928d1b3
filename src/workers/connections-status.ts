/**
 * `status` on PostgreSQL: every connection with its last sync, its next one, its rows, the
 * requests its limit key spent today and its last error. A few grouped queries, whatever the
 * number of connections.
 */
import { sql } from 'kysely';
import { ConnectionRepository } from '../connections/connection-repository.js';
import type { GongStore } from '../store/gong-store.js';
import type { RunStats } from '../store/records.js';
import { utcDay } from '../util/time.js';
import { DEFAULT_QUEUE_SCHEMA, liveJobs, queueInstalled } from './job-queue.js';
import type { UntypedKysely } from '../store/untyped-kysely.js';

export interface ConnectionStatus {
  name: string;
  baseUrl: string;
  auth: 'basic' | 'bearer' | 'oauth';
  everySeconds: number | null;
  limitKey: string;
  lastSync: { startedAt: string; finishedAt: string | null; status: string; stats: RunStats | null; error: string | null } | null;
  lastCompletedAt: string | null;
  /** The live job: `running` since, `queued` (due), `scheduled` (a later start), `retrying` at. */
  next: { state: 'running' | 'queued' | 'scheduled' | 'retrying'; at: string } | null;
  rows: { calls: number; transcripts: number; users: number };
  requestsToday: number;
  dailyBudget: number;
  lastError: { message: string; at: string | null } | null;
}

const DEFAULT_DAILY = 10_000;

/**
 * @example const connections = await collectConnectionsStatus(store); // one entry per connection
 */
export async function collectConnectionsStatus(store: GongStore, options: { queueSchema?: string; now?: number } = {}): Promise<ConnectionStatus[]> {
  const now = options.now ?? Date.now();
  const list = await new ConnectionRepository(store).list();
  if (list.length === 0) return [];
  // The fleet's status reads every connection's runs and rows: across tenants by design.
  const db = store.allTenants as UntypedKysely;
  const lastRuns = new Map<string, { started_at: string; finished_at: string | null; status: string; stats: string | null; error: string | null }>();
  const latest = await sql<{ connection_id: string; started_at: string; finished_at: string | null; status: string; stats: string | null; error: string | null }>`
    SELECT DISTINCT ON (connection_id) connection_id, started_at, finished_at, status, stats, error
    FROM sync_runs ORDER BY connection_id, started_at DESC, id DESC`.execute(db);
  for (const r of latest.rows) lastRuns.set(r.connection_id, r);
  const completed = await grouped(db, sql`SELECT connection_id AS k, max(finished_at) AS v FROM sync_runs WHERE status = 'completed' GROUP BY connection_id`);
  const calls = await grouped(db, sql`SELECT connection_id AS k, count(*) AS v FROM gong_calls GROUP BY connection_id`);
  const transcripts = await grouped(db, sql`SELECT connection_id AS k, count(*) AS v FROM gong_transcripts GROUP BY connection_id`);
  const users = await grouped(db, sql`SELECT connection_id AS k, count(*) AS v FROM gong_users GROUP BY connection_id`);
  const requests = await grouped(db, sql`SELECT account_key AS k, used AS v FROM request_budget WHERE day = ${utcDay(now)}`);
  const schema = options.queueSchema ?? DEFAULT_QUEUE_SCHEMA;
  const jobs = new Map((await queueInstalled(db, schema)) ? (await liveJobs(db, schema)).map((j) => [j.connectionId, j] as const) : []);

  return list.map((c) => {
    const run = lastRuns.get(c.name);
    const job = jobs.get(c.name);
    let next: ConnectionStatus['next'] = null;
    if (job?.state === 'active') next = { state: 'running', at: job.startedOn ?? job.startAfter };
    else if (job?.state === 'retry') next = { state: 'retrying', at: job.startAfter };
    else if (job) next = { state: Date.parse(job.startAfter) > now ? 'scheduled' : 'queued', at: job.startAfter };
    const runError = run && run.status === 'failed' ? run.error : null;
    const message = c.lastError ?? runError;
    return {
      name: c.name,
      baseUrl: c.baseUrl,
      auth: c.authKind,
      everySeconds: c.everySeconds,
      limitKey: c.limitKey,
      lastSync: run
        ? { startedAt: run.started_at, finishedAt: run.finished_at, status: run.status, stats: run.stats ? (JSON.parse(run.stats) as RunStats) : null, error: run.error }
        : null,
      lastCompletedAt: (completed.get(c.name) as string | undefined) ?? null,
      next,
      rows: { calls: Number(calls.get(c.name) ?? 0), transcripts: Number(transcripts.get(c.name) ?? 0), users: Number(users.get(c.name) ?? 0) },
      requestsToday: Number(requests.get(c.limitKey) ?? 0),
      dailyBudget: c.dailyBudget ?? DEFAULT_DAILY,
      lastError: message ? { message, at: c.lastError ? c.lastErrorAt : (run?.finished_at ?? null) } : null,
    };
  });
}

async function grouped(db: UntypedKysely, query: ReturnType<typeof sql>): Promise<Map<string, unknown>> {
  const { rows } = await (query as ReturnType<typeof sql<{ k: string; v: unknown }>>).execute(db);
  return new Map(rows.map((r) => [r.k, r.v]));
}
