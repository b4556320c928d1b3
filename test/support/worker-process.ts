import type { WorkerEvent } from '../../src/workers/worker-events.js';
import { startCli, type CliResult, type RunningCli } from './run-cli.js';

/** A `pandora-gong worker` child process and the JSON-line events it printed on stderr. */
export interface WorkerProcess {
  readonly child: RunningCli;
  readonly name: string;
  events(): WorkerEvent[];
  /** Job-start events without a matching job-end: what it is running now. */
  running(): string[];
  exited(): boolean;
  result: Promise<CliResult>;
}

export function startWorkerProcess(name: string, args: string[], env: Record<string, string>): WorkerProcess {
  const child = startCli(['worker', '--json', ...args], { env, timeoutMs: 600_000 });
  let done = false;
  child.result.then(() => (done = true));
  const events = (): WorkerEvent[] =>
    child
      .stderrText()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as WorkerEvent);
  return {
    child,
    name,
    events,
    running: () => {
      const open = new Map<string, string>();
      for (const e of events()) {
        if (e.type === 'job-start') open.set(e.jobId, e.connection);
        if (e.type === 'job-end' || e.type === 'job-retry') open.delete(e.jobId);
      }
      return [...open.values()];
    },
    exited: () => done,
    result: child.result,
  };
}

/** Polls `check` every 100 ms until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
