/** Multi-tenant mode, part two: the job queue, the shared rate limiter and the worker. */
export { startWorker, MAX_CONCURRENCY, type WorkerOptions, type WorkerHandle } from './start-worker.js';
export {
  openJobQueue,
  liveJobs,
  JobQueue,
  SYNC_QUEUE,
  SCHEDULE_QUEUE,
  DEFAULT_QUEUE_SCHEMA,
  DEFAULT_QUEUE_SETTINGS,
  type QueueSettings,
  type SyncJobData,
  type SyncReason,
  type EnqueueResult,
  type LiveJob,
} from './job-queue.js';
export { PostgresRateLimiter, fleetSpacingMs, type PostgresRateLimiterOptions } from './postgres-rate-limiter.js';
export { queueDueSyncs } from './schedule-due-syncs.js';
export { collectConnectionsStatus, type ConnectionStatus } from './connections-status.js';
export type { WorkerEvent, WorkerEventListener, JobOutcome } from './worker-events.js';
