/**
 * One sync job: open the connection's secrets, build its own client settings, run `runSync` (the
 * same as the CLI's, CRM linking included) for at most one time slice, then hand the connection over to its next job in the same transaction that
 * completes this one (`JobQueue.handOff`).
 *
 * Outcomes:
 * - completed: the next scheduled run is queued `every` after now (when the connection has one);
 * - stopped between pages (slice over, worker stopping): the continuation is queued for now, for
 *   any worker; the next run resumes from the last committed page;
 * - stopped by the budget or a long Retry-After: queued again for `resumeAfter`;
 * - a failure: by the error's kind (`failure-outcome.ts`): retried by pg-boss with exponential
 *   backoff (`retryLimit`, `retryDelay`, `retryBackoff`), deferred until the quota resumes, or
 *   recorded on the connection and not retried (a scheduled connection is tried again at its
 *   next run). One exception: Gong refusing an OAuth access token before its time is retried
 *   after the token is marked stale, so the retry refreshes it.
 */
import type PgBoss from 'pg-boss';
import { GongAuthError, GongScopeError, redact } from '../errors.js';
import type { ConnectionRepository } from '../connections/connection-repository.js';
import { UnknownConnectionError } from '../connections/connection-errors.js';
import type { SecretKey } from '../connections/secret-key.js';
import type { GongClientOptions } from '../client/client-options.js';
import { defaultRetryPolicy } from '../client/retry-decision.js';
import type { GongStore } from '../store/gong-store.js';
import { runSync } from '../sync/run-sync.js';
import type { SyncReport } from '../sync/sync-gong.js';
import { clientForConnection } from './connection-client.js';
import { DEFAULT_DEFER_MS, deferUntil, failureOutcome } from './failure-outcome.js';
import type { JobQueue, SyncJobData, SyncReason } from './job-queue.js';
import { jobStops } from './stop-signals.js';
import type { JobOutcome, WorkerEvent } from './worker-events.js';

/** Of a job's pg-boss expiration: the slice it syncs for, then the grace before a hard stop. */
const SLICE_SHARE = 0.7;
const GRACE_SHARE = 0.2;

export interface SyncJobContext {
  workerId: string;
  store: GongStore;
  queue: JobQueue;
  connections: ConnectionRepository;
  key: SecretKey;
  /** The worker's stop: soft (SIGTERM) and hard (the shutdown grace is spent). */
  soft: AbortSignal;
  hard: AbortSignal;
  emit: (event: WorkerEvent) => void;
  fetch?: typeof globalThis.fetch;
  client?: Partial<GongClientOptions>;
}

/**
 * Runs one job to one of the outcomes above. Resolves when the job is handed over; rejects (and
 * pg-boss retries the job) on a transient failure.
 *
 * @example await boss.work(SYNC_QUEUE, { batchSize: 1, includeMetadata: true }, ([job]) => runSyncJob(job!, ctx));
 */
export async function runSyncJob(job: PgBoss.JobWithMetadata<SyncJobData>, ctx: SyncJobContext): Promise<object> {
  const connection = job.data.connectionId;
  const began = Date.now();
  const at = () => new Date().toISOString();
  ctx.emit({ type: 'job-start', workerId: ctx.workerId, connection, jobId: job.id, reason: job.data.reason, attempt: job.retryCount + 1, at: at() });
  const end = async (outcome: JobOutcome, extra: { report?: SyncReport; next?: { reason: SyncReason; startAfter: Date }; error?: string } = {}) => {
    const output = { outcome, runId: extra.report?.runId, status: extra.report?.status, error: extra.error };
    const owned = await ctx.queue.handOff(job, connection, output, extra.next);
    ctx.emit({
      type: 'job-end',
      workerId: ctx.workerId,
      connection,
      jobId: job.id,
      outcome,
      runId: extra.report?.runId,
      stopReason: extra.report?.stopReason,
      stats: extra.report?.stats,
      next: owned && extra.next ? { reason: extra.next.reason, startAfter: extra.next.startAfter.toISOString() } : undefined,
      error: extra.error,
      ms: Date.now() - began,
      at: at(),
    });
    return output;
  };

  // Fetched just as the worker began to stop: give the job straight back.
  if (ctx.soft.aborted) return end('continued', { next: { reason: 'continue', startAfter: new Date() } });

  let opened;
  try {
    opened = await ctx.connections.openSecrets(connection, ctx.key);
  } catch (error) {
    if (error instanceof UnknownConnectionError) return end('gone');
    // A wrong key or damaged credentials fail (retrying cannot help, and nothing was touched);
    // the database going away for a moment is retried.
    const message = messageOf(error);
    if (failureOutcome(error) === 'retry') return retry(ctx, job, connection, message);
    await ctx.connections.recordError(connection, message);
    return end('failed', { error: message });
  }
  const { info, secrets } = opened;
  const scheduled = (from: number) =>
    info.everySeconds === null ? undefined : { reason: 'schedule' as const, startAfter: new Date(from + info.everySeconds * 1000) };

  const expireMs = Math.max(1, job.expireInSeconds) * 1000;
  const sliceMs = expireMs * SLICE_SHARE;
  const stops = jobStops(ctx.soft, ctx.hard, sliceMs, expireMs * GRACE_SHARE);
  const built = clientForConnection({
    info,
    secrets,
    store: ctx.store,
    key: ctx.key,
    hard: stops.hard,
    fetch: ctx.fetch,
    client: withinSlice(ctx.client, sliceMs),
    onOAuthRefresh: () => ctx.emit({ type: 'oauth-refresh', workerId: ctx.workerId, connection, at: at() }),
  });
  try {
    const report = await runSync({
      client: built.client,
      store: ctx.store.forConnection(connection),
      sync: { since: info.since === null ? undefined : Date.parse(info.since) },
      signal: stops.soft,
    });
    if (report.status === 'completed') {
      await ctx.connections.recordError(connection, null);
      return await end('completed', { report, next: scheduled(Date.now()) });
    }
    if (report.stopReason === 'signal') return await end('continued', { report, next: { reason: 'continue', startAfter: new Date() } });
    const resumeAfter = report.resumeAfter ? new Date(report.resumeAfter) : new Date(Date.now() + DEFAULT_DEFER_MS);
    return await end('deferred', { report, next: { reason: 'resume', startAfter: resumeAfter } });
  } catch (error) {
    // The hard stop cut a request short: the pages before it are committed, so this is a
    // continuation like any other, not a failure to retry.
    if (stops.hard.aborted) return end('continued', { next: { reason: 'continue', startAfter: new Date() }, error: messageOf(error) });
    const message = messageOf(error);
    if (error instanceof GongAuthError && !(error instanceof GongScopeError) && built.oauth) {
      // Gong refused an OAuth token before its time: mark it stale so the retry refreshes it.
      const token = built.oauth.lastToken();
      if (token) await built.oauth.tokens.invalidate(token);
      return retry(ctx, job, connection, message);
    }
    switch (failureOutcome(error)) {
      case 'defer':
        return end('deferred', { error: message, next: { reason: 'resume', startAfter: deferUntil(error, Date.now()) } });
      case 'fail':
        await ctx.connections.recordError(connection, message);
        return end('failed', { error: message, next: scheduled(Date.now()) });
      case 'retry':
        return retry(ctx, job, connection, message);
    }
  } finally {
    stops.dispose();
  }
}

/**
 * The client's own retries of a failing request end with the job's slice: past it, the hard stop
 * would cut the wait and the outage would pass for a continuation (due at once, no error
 * recorded, forever). The failure then goes back to pg-boss, which retries the job with backoff
 * and records the error (docs/workers.md, "Hand-off").
 */
function withinSlice(client: Partial<GongClientOptions> | undefined, sliceMs: number): Partial<GongClientOptions> {
  const retryForMs = Math.min(client?.retry?.retryForMs ?? defaultRetryPolicy.retryForMs, sliceMs);
  return { ...client, retry: { ...client?.retry, retryForMs } };
}

/** Records the error and rethrows it for pg-boss, which retries the job with backoff. */
async function retry(ctx: SyncJobContext, job: PgBoss.Job<SyncJobData>, connection: string, message: string): Promise<never> {
  await ctx.connections.recordError(connection, message).catch(() => {});
  ctx.emit({ type: 'job-retry', workerId: ctx.workerId, connection, jobId: job.id, error: message, at: new Date().toISOString() });
  throw new Error(message);
}

function messageOf(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').slice(0, 500);
}
