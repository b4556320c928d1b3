import type { Command } from 'commander';
import { requirePostgres } from '../../connections/connection-settings.js';
import { secretKeyFromEnv } from '../../connections/secret-key.js';
import { DEFAULT_QUEUE_SETTINGS } from '../../workers/job-queue.js';
import { startWorker, MAX_CONCURRENCY } from '../../workers/start-worker.js';
import type { WorkerEvent } from '../../workers/worker-events.js';
import { booleanSetting, durationOption, positiveIntOption } from '../cli-options.js';
import { envNameOf, type CliRuntime } from '../cli-runtime.js';
import { setting } from '../env-config.js';
import { EXIT } from '../exit-codes.js';
import { dbLocation } from '../open-cli-store.js';

interface WorkerFlags {
  concurrency?: string;
  db?: string;
  jobTimeout?: string;
  retryLimit?: string;
  retryDelay?: string;
  retryFor?: string;
  poll?: string;
  shutdownGrace?: string;
  json?: boolean;
}

export function registerWorkerCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('worker')
    .description('run scheduled and on-demand syncs of every connection from the PostgreSQL job queue, until SIGTERM')
    .option('--concurrency <n>', `syncs run at once by this process, 1-${MAX_CONCURRENCY} (env PANDORA_GONG_CONCURRENCY; default 2)`)
    .option('--db <url>', 'postgres:// URL (env PANDORA_GONG_DB)')
    .option('--job-timeout <duration>', 'how long a job may hold its connection before another worker takes it over (default 15m)')
    .option('--retry-limit <n>', 'retries of a failed job (default 5)')
    .option('--retry-delay <duration>', 'first retry delay, doubled per retry (default 30s)')
    .option('--retry-for <duration>', 'how long a job keeps retrying a request while Gong is unavailable before the job is retried instead (default 10m, at most the job\'s slice)')
    .option('--poll <duration>', 'how often an idle worker asks for a job (default 2s)')
    .option('--shutdown-grace <duration>', 'on SIGTERM, how long running syncs get to commit their page (default 25s)')
    .option('--json', 'events as JSON lines on stderr (the default when stderr is not a terminal)')
    .action((flags: WorkerFlags) => run(() => workerCommand(flags, cli)));
}

/**
 * Runs a worker until the runtime's signal (SIGINT/SIGTERM) aborts, then stops gracefully: the
 * running syncs commit their page, their jobs go back to the queue, the process exits 0.
 *
 * @example pandora-gong worker --concurrency 4 --db postgres://pandora@db/pandora
 */
export async function workerCommand(flags: WorkerFlags, cli: CliRuntime): Promise<number> {
  const env = cli.env();
  const url = requirePostgres(dbLocation(flags.db, cli), 'worker');
  const key = secretKeyFromEnv(env);
  const seconds = (flag: string, value: string | undefined) => {
    const ms = durationOption(flag, value);
    return ms === undefined ? undefined : ms / 1000;
  };
  const concurrency = positiveIntOption('--concurrency', setting(flags.concurrency, env, envNameOf('--concurrency'))) ?? 2;
  const json = flags.json ?? booleanSetting(envNameOf('--json'), env[envNameOf('--json')]) ?? !cli.stderr.isTTY;
  const print = (event: WorkerEvent) => cli.stderr.write(json ? `${JSON.stringify(event)}\n` : `${formatWorkerEvent(event)}\n`);
  const graceSeconds = seconds('--shutdown-grace', setting(flags.shutdownGrace, env, envNameOf('--shutdown-grace')));
  const retryForMs = durationOption('--retry-for', setting(flags.retryFor, env, envNameOf('--retry-for')));
  const worker = await startWorker({
    url,
    key,
    concurrency,
    queue: {
      jobTimeoutSeconds: seconds('--job-timeout', setting(flags.jobTimeout, env, envNameOf('--job-timeout'))) ?? DEFAULT_QUEUE_SETTINGS.jobTimeoutSeconds,
      retryLimit: positiveIntOption('--retry-limit', setting(flags.retryLimit, env, envNameOf('--retry-limit')), { allowZero: true }) ?? DEFAULT_QUEUE_SETTINGS.retryLimit,
      retryDelaySeconds: Math.max(1, Math.round(seconds('--retry-delay', setting(flags.retryDelay, env, envNameOf('--retry-delay'))) ?? DEFAULT_QUEUE_SETTINGS.retryDelaySeconds)),
    },
    pollIntervalSeconds: seconds('--poll', setting(flags.poll, env, envNameOf('--poll'))),
    shutdownGraceMs: graceSeconds === undefined ? undefined : graceSeconds * 1000,
    ...(retryForMs === undefined ? {} : { client: { retry: { retryForMs } } }),
    onEvent: print,
  });
  await new Promise<void>((resolve) => {
    if (cli.signal.aborted) return resolve();
    cli.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await worker.stop();
  return EXIT.ok;
}

/**
 * One worker event for people.
 *
 * @example formatWorkerEvent({ type: 'worker-stop', workerId: 'a1b2c3d4', at: new Date().toISOString() }) // '22:05:48 worker a1b2c3d4 stopped'
 */
export function formatWorkerEvent(event: WorkerEvent): string {
  const time = event.at.slice(11, 19);
  switch (event.type) {
    case 'worker-start':
      return `${time} worker ${event.workerId} started (pid ${event.pid}, ${event.concurrency} at a time)`;
    case 'worker-stopping':
      return `${time} worker ${event.workerId} stopping: running syncs commit their page and hand their jobs back`;
    case 'worker-stop':
      return `${time} worker ${event.workerId} stopped`;
    case 'job-start':
      return `${time} ${event.connection}: sync started (${event.reason}, attempt ${event.attempt})`;
    case 'job-end': {
      const stats = event.stats ? ` · ${event.stats.calls} calls, ${event.stats.transcripts} transcripts, ${event.stats.requests} requests` : '';
      const next = event.next ? ` · next ${event.next.reason} at ${event.next.startAfter}` : '';
      const error = event.error ? ` · ${event.error}` : '';
      return `${time} ${event.connection}: ${event.outcome} in ${(event.ms / 1000).toFixed(1)}s${stats}${next}${error}`;
    }
    case 'job-retry':
      return `${time} ${event.connection}: failed, will retry: ${event.error}`;
    case 'schedule':
      return `${time} scheduled: ${event.queued.join(', ')}`;
    case 'oauth-refresh':
      return `${time} ${event.connection}: OAuth tokens rotated`;
    case 'queue-error':
      return `${time} job queue: ${event.error}`;
  }
}
