// The sync benchmark (README.md, "Development and benchmarks"). Run after `npm run build`: `node
// bench/sync.mjs`.
// - requests used vs the minimum (users pages + extensive pages + transcript batches)
// - wall time vs the floor at 3 requests/s, against a simulator enforcing Gong's 3/s
// - records/s with the throttle off
// - peak RSS for 10,000 vs 50,000 calls (flat: pages stream to the store)
// Each judged figure has its goal beside it (bench/lib/goals.mjs); exit code 1 if one is missed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawnSimulator } from './lib/spawn-simulator.mjs';
import { printTable } from './lib/table.mjs';
import { GOALS, NO_GOAL, judge, ratioText, settleGoals } from './lib/goals.mjs';
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
  // Throttled: the company is generated before the clock starts (`--prepare`), so the time
  // against the 3/s floor is the connector's, not the generator's on the same cores.
  const sim = await spawnSimulator(['--calls', String(calls), '--rate-limit', throttled ? '3' : 'off', '--daily-limit', '1000000', ...(throttled ? ['--prepare'] : [])]);
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
/** Peak RSS per run, to judge flatness: a run against a smaller one with the same throttle. */
const peaks = [];
let perEndpoint;
for (const [calls, throttled] of quick ? [[2000, false], [2000, true]] : [[10000, true], [10000, false], [50000, false]]) {
  const { result, log, minimum } = await scenario(calls, { throttled, again: !throttled && !perEndpoint });
  if (result.again) perEndpoint = endpointTable(calls, result, log);
  const floorS = result.requests / 3;
  const elapsedS = result.elapsedMs / 1000;
  const perCpuS = Math.round(records(result) / (result.cpuMs / 1000));
  // Only judged when a smaller size ran (not in --quick, where both runs have the same size).
  const smaller = peaks.find((p) => p.throttled === throttled && p.calls < calls);
  peaks.push({ calls, throttled, rssMb: result.maxRssMb });
  rows.push({
    calls,
    throttle: throttled ? '3/s' : 'off',
    'calls stored': result.counts.gong_calls,
    transcripts: result.counts.gong_transcripts,
    requests: result.requests,
    minimum,
    'requests goal': judge(result.requests <= minimum, '≤ minimum'),
    '429s': log.entries.filter((e) => e.status === 429).length,
    'peak req/s': log.peakPerSecond,
    'time s': elapsedS.toFixed(1),
    'floor s (3/s)': throttled ? floorS.toFixed(1) : '-',
    // The floor only binds a throttled run: without the throttle there is nothing to compare.
    'time goal': throttled ? judge(elapsedS <= GOALS.throttledOverFloor * floorS, `≤ ${GOALS.throttledOverFloor}× floor (${ratioText(elapsedS / floorS)})`) : NO_GOAL,
    'records/s': Math.round(records(result) / elapsedS),
    'records per sync CPU-s': perCpuS,
    // CPU per record is the sync's own cost whatever the pacing, so every run is judged.
    'CPU goal': judge(perCpuS >= GOALS.syncRecordsPerCpuS, `≥ ${GOALS.syncRecordsPerCpuS.toLocaleString('en-US')}/CPU-s`),
    'peak RSS MB': result.maxRssMb.toFixed(0),
    'RSS goal': smaller
      ? judge(result.maxRssMb <= GOALS.peakRssGrowth * smaller.rssMb, `≤ ${GOALS.peakRssGrowth}× at ${smaller.calls} (${ratioText(result.maxRssMb / smaller.rssMb)})`)
      : NO_GOAL,
    'retained heap MB': result.retainedMb.toFixed(0),
  });
}
printTable('Sync benchmark (SQLite; simulator in its own process)', rows);
if (perEndpoint) printTable(`Requests per endpoint: a ${perEndpoint.calls.toLocaleString('en-US')}-call backfill, then a run with nothing new`, judgedEndpoints(perEndpoint.rows));
console.log('\nminimum = the sum of the per-endpoint minimums: a page per 100 records, one request per settings list and per library folder, one per day of interaction statistics (35 at most)');
console.log('records/s is wall-clock (the simulator, generating transcripts on the same 2 cores, is part of it); per sync CPU-s is our own cost');
console.log('retained heap = largest heap right after a full GC during the run: what the sync holds, independent of the number of calls');
console.log('peak RSS also counts the transient spike of the largest page (100 transcripts parsed at once) that V8 keeps committed');
console.log(`goals: requests no more than the minimum; throttled time ≤ ${GOALS.throttledOverFloor}× the 3/s floor; ≥ ${GOALS.syncRecordsPerCpuS.toLocaleString('en-US')} records per sync CPU-s; peak RSS flat (≤ ${GOALS.peakRssGrowth}× from 10,000 to 50,000 calls, judged only when both ran)`);
settleGoals();

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
    // At rest the calls stream re-reads its lookback window (once a day, the privacy re-check's
    // longer one): a page per 100 calls it read again (docs/streams.md).
    'POST /v2/calls/extensive': [pages(visibleCalls(result)), pages(result.again ? visibleCalls(result.again) : 0)],
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

/** The per-endpoint table as printed: each endpoint judged against its minimum and its documented re-reads. */
function judgedEndpoints(rows) {
  return rows.map((row) => ({
    ...row,
    goal: judge(row.backfill <= row['minimum (backfill)'] && row['no-change run'] <= row['documented (no-change)'], '≤ minimum, ≤ documented'),
  }));
}
