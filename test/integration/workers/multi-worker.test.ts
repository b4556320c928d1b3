import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { GongClient } from '../../../src/client/gong-client.js';
import { generateSecretKey } from '../../../src/connections/secret-key.js';
import { startSimulator, type Company, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { DAY } from '../../../src/util/time.js';
import { liveJobs } from '../../../src/workers/job-queue.js';
import type { WorkerEvent } from '../../../src/workers/worker-events.js';
import { snapshot } from '../../support/db-snapshot.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { startOAuthTokenServer, SYNC_SCOPES, type OAuthTokenServer } from '../../support/oauth-token-server.js';
import { quietCompanies } from '../../support/quiet-companies.js';
import { runCli } from '../../support/run-cli.js';
import { startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';
import { startWorkerProcess, waitFor, type WorkerProcess } from '../../support/worker-process.js';

/**
 * Issue 6, "Done when": three worker processes sync five connections against five simulator
 * companies (each limited to 3 requests per second); one worker is killed with SIGKILL and another
 * stopped with SIGTERM in the middle of syncs. Every connection must end complete, apart, and
 * equal to a clean single-process sync; no two workers may ever run one connection at once; no
 * company may ever see more than its limit.
 */
const SPECS = [
  { name: 'c1', seed: 601, calls: 600 },
  { name: 'c2', seed: 602, calls: 900 },
  { name: 'c3', seed: 603, calls: 250, stdin: true },
  { name: 'c4', seed: 604, calls: 250, every: '1h' },
  { name: 'c5', seed: 605, calls: 250, oauth: true },
] as const;
type Spec = (typeof SPECS)[number];

const KEY = generateSecretKey();
const WORKER_ARGS = ['--concurrency', '1', '--job-timeout', '20s', '--retry-delay', '1s', '--poll', '0.5s', '--shutdown-grace', '10s'];

let pg: TestPostgres;
let store: GongStore;
let now: number;
let companies: Company[];
const sims = new Map<string, Simulator>();
let oauth: OAuthTokenServer;
let env: Record<string, string>;
const workers: WorkerProcess[] = [];
const secretOf = (name: string) => `secret-of-${name}-${KEY.slice(0, 8)}`;

beforeAll(async () => {
  await ensureBuilt();
  ({ now, companies } = quietCompanies(SPECS, Date.parse('2026-11-20T15:00:00Z'), 20 * 60_000));
  pg = await startTestPostgres();
  store = await openStore(pg.url);
  env = { PANDORA_GONG_SECRET_KEY: KEY, PANDORA_GONG_DB: pg.url };
  for (const [i, spec] of SPECS.entries()) {
    const tokens: Record<string, string[]> = {};
    if ('oauth' in spec) {
      // The token answers name the simulator as the company's API host (api_base_url_for_customer).
      oauth = await startOAuthTokenServer({ apiBaseUrl: () => sims.get(spec.name)!.url, expiresInSeconds: 3, tokens: 300 });
      for (const t of oauth.accessTokens) tokens[t] = SYNC_SCOPES;
    }
    const sim = await startSimulator({
      company: companies[i]!,
      now,
      rateLimit: { perSecond: 3, daily: 10_000 },
      credentials: { accessKey: `key-${spec.name}`, accessKeySecret: secretOf(spec.name) },
      tokens,
    });
    sims.set(spec.name, sim);
  }
}, 120_000);

afterAll(async () => {
  for (const w of workers) if (!w.exited()) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.result));
  await store?.close();
  await Promise.all([...sims.values()].map((s) => s.close()));
  await oauth?.close();
  await pg?.stop();
});

async function addConnection(spec: Spec): Promise<void> {
  const sim = sims.get(spec.name)!;
  const since = new Date(now - 200 * DAY).toISOString();
  const args = ['connections', 'add', spec.name, '--base-url', sim.url, '--since', since];
  if ('every' in spec) args.push('--every', spec.every);
  let extra: Record<string, string> = { GONG_ACCESS_KEY: `key-${spec.name}`, GONG_ACCESS_KEY_SECRET: secretOf(spec.name) };
  let input: string | undefined;
  if ('stdin' in spec) {
    args.push('--credentials-stdin');
    extra = {};
    input = `key-${spec.name}:${secretOf(spec.name)}`;
  }
  if ('oauth' in spec) {
    args.push('--oauth', '--token-url', oauth.tokenUrl);
    extra = { GONG_OAUTH_CLIENT_ID: oauth.clientId, GONG_OAUTH_CLIENT_SECRET: oauth.clientSecret, GONG_OAUTH_REFRESH_TOKEN: oauth.initialRefreshToken };
  }
  const result = await runCli(args, { env: { ...env, ...extra }, input });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

async function callsOf(name: string): Promise<number> {
  return (await store.forConnection(name).counts()).gong_calls ?? 0;
}

async function runsOf(name: string) {
  return store.allTenants.selectFrom('sync_runs').selectAll().where('connection_id', '=', name).orderBy('started_at').execute();
}

/** Every connection's last run completed and nothing is running, retrying or due. */
async function allDone(): Promise<boolean> {
  for (const spec of SPECS) {
    const runs = await runsOf(spec.name);
    if (runs.at(-1)?.status !== 'completed') return false;
  }
  const live = await liveJobs(store.allTenants, 'pgboss');
  return live.every((j) => j.state === 'created' && Date.parse(j.startAfter) > Date.now() + 60_000);
}

describe('three workers, five companies, one killed and one stopped mid-sync', () => {
  it('ends with five complete, separate datasets equal to single-process syncs, within every limit', async () => {
    for (const spec of SPECS) await addConnection(spec);
    for (let i = 1; i <= 3; i++) workers.push(startWorkerProcess(`w${i}`, WORKER_ARGS, env));
    await waitFor('the workers to start', () => workers.every((w) => w.events().some((e) => e.type === 'worker-start')), 60_000).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await diagnose()}`);
    });
    // c4 is scheduled (--every 1h): the workers' first tick has queued it already.
    const queued = await runCli(['connections', 'sync', '--all'], { env });
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(/^c1: queued\nc2: queued\nc3: queued\nc4: already (queued|running)\nc5: queued\n$/);

    // SIGKILL the worker running c1 once c1 has committed pages. Time slices end jobs often, and
    // on a loaded machine the job seen running may have ended by the time the kill lands: the
    // worker is frozen first (SIGSTOP), and killed only if, once everything it printed before
    // stopping has been read, c1 is still its running job; otherwise it goes on and we look again.
    const victim = await waitFor('a worker frozen in the middle of c1, with committed pages', async () => {
      const w = workers.find((x) => !x.exited() && x.running().includes('c1'));
      if (!w || (await callsOf('c1')) < 200) return undefined;
      w.child.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 500)); // what it wrote before it stopped reaches us
      if (w.running().includes('c1')) return w;
      w.child.kill('SIGCONT');
      return undefined;
    });
    victim.child.kill('SIGKILL');
    const killedAt = new Date().toISOString();
    await victim.result;

    // SIGTERM the worker running c2 (another process): it commits its page, hands c2 back, exits 0.
    const stopped = await waitFor('c2 to be running with committed pages', async () => {
      const w = workers.find((x) => x !== victim && !x.exited() && x.running().includes('c2'));
      return w && (await callsOf('c2')) >= 200 ? w : undefined;
    });
    stopped.child.kill('SIGTERM');
    const exit = await stopped.result;
    expect(exit.code).toBe(0);
    const stoppedEnd = stopped.events().filter((e) => e.type === 'job-end' && e.connection === 'c2').at(-1);
    expect(stoppedEnd).toMatchObject({ outcome: 'continued', next: { reason: 'continue' } });

    // A fourth process joins; the survivors finish everything, including the killed job.
    workers.push(startWorkerProcess('w4', WORKER_ARGS, env));
    await waitFor('every connection to be synced', allDone, 150_000).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await diagnose()}`);
    });
    for (const w of workers.filter((x) => !x.exited())) w.child.kill('SIGTERM');
    for (const w of workers) {
      const r = await w.result;
      if (w !== victim) expect(r.code, `${w.name} exit code`).toBe(0);
    }

    // 1. Complete and equal to a clean single-process sync, per connection, rows kept apart.
    const reference = await openStore(await pg.createDatabase());
    try {
      await Promise.all(
        SPECS.map(async (spec, i) => {
          const frozen = await startSimulator({ company: companies[i]!, now, frozenClock: true, rateLimit: false, credentials: { accessKey: 'ref', accessKeySecret: 'ref' } });
          try {
            const client = new GongClient({ baseUrl: frozen.url, accessKey: 'ref', accessKeySecret: 'ref', rateLimit: false, budget: false });
            const report = await syncGong({ client, store: reference.forConnection(spec.name), since: now - 200 * DAY });
            expect(report.status).toBe('completed');
          } finally {
            await frozen.close();
          }
        }),
      );
      for (const spec of SPECS) {
        const expected = await snapshot(reference.forConnection(spec.name));
        const actual = await snapshot(store.forConnection(spec.name));
        expect(actual.gong_calls!.length, spec.name).toBeGreaterThan(0);
        expect(actual, spec.name).toEqual(expected);
      }
      const { rows } = await sql<{ connection_id: string; n: string }>`SELECT connection_id, count(*) AS n FROM gong_calls GROUP BY connection_id ORDER BY connection_id`.execute(store.allTenants);
      expect(rows.map((r) => r.connection_id)).toEqual(SPECS.map((s) => s.name));
    } finally {
      await reference.close();
    }

    // 2. No company saw another company's credentials, and Gong's 3 requests a second held.
    // Requests leave at slots a third of a second apart (the slot spacing itself is checked in
    // postgres-rate-limiter.test.ts); on a loaded machine their arrival can bunch, so a sliding
    // second of arrivals may hold a fourth and the simulator, enforcing the limit, may answer a
    // rare 429, which the client waits out without failing. The five simulators run in this test's
    // own busy process and stamp arrivals when their event loop gets to them, which bunches them
    // further: at most one request in twenty.
    for (const [name, sim] of sims) {
      expect(sim.log.peakPerSecond(), `${name} peak`).toBeLessThanOrEqual(4);
      expect(sim.log.entries.filter((e) => e.status === 401 || e.status === 403), name).toEqual([]);
      expect(sim.log.entries.filter((e) => e.status === 429).length, `${name} 429s`).toBeLessThanOrEqual(Math.ceil(sim.log.entries.length / 20));
      // The shared daily budget counted every request the company served (and at most the one killed in flight).
      // (Counted per UTC day of Gong's clock: the simulator's, days away from the machine's.)
      const { rows: budget } = await sql<{ used: string }>`SELECT sum(used) AS used FROM request_budget WHERE account_key = ${name}`.execute(store.allTenants);
      const used = Number(budget[0]!.used);
      expect(used, `${name} budget`).toBeGreaterThanOrEqual(sim.log.count());
      expect(used, `${name} budget`).toBeLessThanOrEqual(sim.log.count() + 2);
    }

    // 3. Never two workers on one connection: runs never overlap, and neither do jobs across processes.
    const events = workers.flatMap((w) => w.events().map((e) => ({ ...e, process: w.name })));
    for (const spec of SPECS) {
      const runs = await runsOf(spec.name);
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.started_at >= runs[i - 1]!.finished_at!, spec.name).toBe(true);
      const intervals = jobIntervals(events, spec.name, victim.name, killedAt);
      for (let i = 1; i < intervals.length; i++) expect(intervals[i]!.start >= intervals[i - 1]!.end, `${spec.name} jobs overlap`).toBe(true);
    }

    // 4. The killed job and the stopped one were each picked up by another process.
    const c1Starts = events.filter((e) => e.type === 'job-start' && e.connection === 'c1');
    const c1Story = events.filter((e) => 'connection' in e && e.connection === 'c1').map((e) => `${e.process} ${e.type} ${'attempt' in e ? e.attempt : ''} ${'reason' in e ? e.reason : ''} ${'outcome' in e ? e.outcome : ''} ${e.at}`);
    expect(c1Starts.some((e) => e.process !== victim.name && e.type === 'job-start' && e.attempt >= 2), `c1 (killed at ${killedAt}):\n${c1Story.join('\n')}`).toBe(true);
    expect(events.some((e) => e.type === 'job-start' && e.connection === 'c2' && e.reason === 'continue' && e.process !== stopped.name)).toBe(true);
    expect((await runsOf('c1')).some((r) => r.status === 'failed' && /interrupted/.test(r.error ?? ''))).toBe(true);
    expect((await runsOf('c2')).some((r) => r.status === 'stopped')).toBe(true);

    // 5. OAuth: tokens rotated while syncing, and no refresh token was ever used twice.
    expect(oauth.refreshes()).toBeGreaterThanOrEqual(2);
    expect(oauth.reuses()).toBe(0);

    // 6. The scheduled connection has its next run queued an hour after its last; no secret was printed.
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout) as { connections: { name: string; next: { state: string; at: string } | null; lastSync: { status: string; finishedAt: string } | null; requestsToday: number }[] };
    const c4 = status.connections.find((c) => c.name === 'c4')!;
    expect(c4.next?.state).toBe('scheduled');
    expect(Date.parse(c4.next!.at) - Date.parse(c4.lastSync!.finishedAt)).toBeGreaterThan(3_500_000);
    expect(status.connections.every((c) => c.lastSync?.status === 'completed' && c.requestsToday > 0)).toBe(true);
    const printed = workers.map((w) => w.child.stderrText() + w.child.stdoutText()).join('\n');
    for (const spec of SPECS) expect(printed).not.toContain(secretOf(spec.name));
    for (const token of [...oauth.issuedRefreshTokens(), oauth.clientSecret]) expect(printed).not.toContain(token);
  }, 300_000);
});

/** What the queue, the runs and the workers say, for a failure message. */
async function diagnose(): Promise<string> {
  const lines: string[] = [];
  for (const spec of SPECS) {
    const runs = await runsOf(spec.name);
    lines.push(`${spec.name}: ${runs.map((r) => `${r.status}${r.error ? `(${r.error})` : ''}`).join(', ')} · ${await callsOf(spec.name)} calls`);
  }
  lines.push(`live jobs: ${JSON.stringify(await liveJobs(store.allTenants, 'pgboss'))}`);
  for (const w of workers) lines.push(`${w.name} (exited ${w.exited()}):`, ...w.child.stderrText().trim().split('\n').slice(-25));
  return lines.join('\n');
}

/** Each job attempt of a connection as [start, end), across processes; the killed one ends at the kill. */
function jobIntervals(events: (WorkerEvent & { process: string })[], connection: string, killed: string, killedAt: string) {
  const out: { start: string; end: string }[] = [];
  const open = new Map<string, string>();
  for (const e of events) {
    if (!('connection' in e) || e.connection !== connection) continue;
    const key = `${e.process}:${'jobId' in e ? e.jobId : ''}`;
    if (e.type === 'job-start') open.set(key, e.at);
    if (e.type === 'job-end' || e.type === 'job-retry') {
      out.push({ start: open.get(key)!, end: e.at });
      open.delete(key);
    }
  }
  for (const [key, start] of open) out.push({ start, end: key.startsWith(`${killed}:`) ? killedAt : new Date().toISOString() });
  return out.sort((a, b) => a.start.localeCompare(b.start));
}
