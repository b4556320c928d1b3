// The sync benchmark (README.md, "Development and benchmarks"). Run after `npm run build`: `node
// bench/sync.mjs`.
// - requests used vs the minimum (users pages + extensive pages + transcript batches)
// - wall time vs the floor at 3 requests/s, against a simulator enforcing Gong's 3/s
// - records/s with the throttle off
// - peak RSS for 10,000 vs 50,000 calls (flat: pages stream to the store)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnSimulator } from './lib/spawn-simulator.mjs';
import { printTable } from './lib/table.mjs';
// Internal: how many days of interaction statistics a backfill reads.
import { INTERACTION_STATS_DAYS } from '../dist/sync/streams/coaching-streams.js';

const MEASURE = fileURLToPath(new URL('./lib/measure-sync.mjs', import.meta.url));
const quick = process.argv.includes('--quick');

function measure(options) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', MEASURE, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`measure-sync exited ${code}`))));
  });
}

async function scenario(calls, { throttled, again = false }) {
  const sim = await spawnSimulator(['--calls', String(calls), '--rate-limit', throttled ? '3' : 'off', '--daily-limit', '1000000']);
  try {
    const result = await measure({ url: sim.url, accessKey: sim.accessKey, accessKeySecret: sim.accessKeySecret, rate: throttled ? '3/s' : false, again });
    const log = await sim.log();
    const counts = log.countsByEndpoint ?? {};
    const minimum = endpointTable(calls, result, log).rows.reduce((sum, row) => sum + row['minimum (backfill)'], 0);
    return { sim, result, log, counts, minimum };
  } finally {
    await sim.stop();
  }
}

/** Rows written: calls, participants and transcripts. */
function records(result) {
  return result.counts.gong_calls + result.counts.gong_call_parties + result.counts.gong_transcripts;
}

/** Calls Gong returned (stored + private left out), from the sync's own statistics. */
function visibleCalls(result) {
  return result.stats.calls + result.stats.privateSkipped;
}

const rows = [];
let perEndpoint;
for (const [calls, throttled] of quick ? [[2000, false], [2000, true]] : [[10000, true], [10000, false], [50000, false]]) {
  const { result, log, minimum } = await scenario(calls, { throttled, again: !throttled && !perEndpoint });
  if (result.again) perEndpoint = endpointTable(calls, result, log);
  const floorS = result.requests / 3;
  rows.push({
    calls,
    throttle: throttled ? '3/s' : 'off',
    'calls stored': result.counts.gong_calls,
    transcripts: result.counts.gong_transcripts,
    requests: result.requests,
    minimum,
    '429s': log.entries.filter((e) => e.status === 429).length,
    'peak req/s': log.peakPerSecond,
    'time s': (result.elapsedMs / 1000).toFixed(1),
    'floor s (3/s)': throttled ? floorS.toFixed(1) : '-',
    'records/s': Math.round(records(result) / (result.elapsedMs / 1000)),
    'records per sync CPU-s': Math.round(records(result) / (result.cpuMs / 1000)),
    'peak RSS MB': result.maxRssMb.toFixed(0),
    'retained heap MB': result.retainedMb.toFixed(0),
  });
}
printTable('Sync benchmark (SQLite; simulator in its own process)', rows);
if (perEndpoint) printTable(`Requests per endpoint: a ${perEndpoint.calls.toLocaleString('en-US')}-call backfill, then a run with nothing new`, perEndpoint.rows);
console.log('\nminimum = the sum of the per-endpoint minimums: a page per 100 records, one request per settings list and per library folder, one per day of interaction statistics (35 at most)');
console.log('records/s is wall-clock (the simulator, generating transcripts on the same 2 cores, is part of it); per sync CPU-s is our own cost');
console.log('retained heap = largest heap right after a full GC during the run: what the sync holds, independent of the number of calls');
console.log('peak RSS also counts the transient spike of the largest page (100 transcripts parsed at once) that V8 keeps committed');

/**
 * Requests per endpoint of the backfill and of the no-change run after it, each beside its
 * minimum: a page per 100 records, one request per settings list, one per library folder, one
 * per day of interaction statistics, and for the quiet run the documented re-reads only.
 */
function endpointTable(calls, result, log) {
  const first = {};
  const second = {};
  log.entries.forEach((e, i) => {
    const target = i < result.requests ? first : second;
    target[e.endpoint] = (target[e.endpoint] ?? 0) + 1;
  });
  const s = result.stats;
  const pages = (n) => Math.max(1, Math.ceil((n ?? 0) / 100));
  const folders = s.libraryFolders ?? 0;
  const minimum = {
    'GET /v2/users': [pages(s.users), 1],
    'POST /v2/calls/extensive': [pages(visibleCalls(result)), 1],
    'POST /v2/calls/transcript': [pages(result.counts.gong_calls), pages(result.again?.stats.transcriptsPending ?? 0)],
    'GET /v2/workspaces': [1, 1],
    'GET /v2/settings/trackers': [1, 1],
    'GET /v2/settings/scorecards': [1, 1],
    'POST /v2/stats/activity/scorecards': [pages(s.answeredScorecards), 1],
    'POST /v2/stats/activity/day-by-day': [1, 1],
    // One period a day over the last INTERACTION_STATS_DAYS; at rest the lookback's days and today.
    'POST /v2/stats/interaction': [INTERACTION_STATS_DAYS, 4],
    'GET /v2/library/folders': [1, 1],
    'GET /v2/library/folder-content': [folders, folders],
    'GET /v2/calls/manual-crm-associations': [pages(s.manualAssociations), 1],
  };
  const rows = Object.entries(minimum).map(([endpoint, [min1, min2]]) => ({
    endpoint,
    backfill: first[endpoint] ?? 0,
    'minimum (backfill)': min1,
    'no-change run': second[endpoint] ?? 0,
    'documented (no-change)': min2,
  }));
  rows.push({ endpoint: 'call content (with calls)', backfill: 0, 'minimum (backfill)': 0, 'no-change run': 0, 'documented (no-change)': 0 });
  return { calls, rows };
}
