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

async function scenario(calls, { throttled }) {
  const sim = await spawnSimulator(['--calls', String(calls), '--rate-limit', throttled ? '3' : 'off', '--daily-limit', '1000000']);
  try {
    const result = await measure({ url: sim.url, accessKey: sim.accessKey, accessKeySecret: sim.accessKeySecret, rate: throttled ? '3/s' : false });
    const log = await sim.log();
    const counts = log.countsByEndpoint ?? {};
    const minimum = Math.ceil(sim.users / 100) + Math.ceil(visibleCalls(result) / 100) + Math.ceil(result.counts.gong_calls / 100);
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
for (const [calls, throttled] of quick ? [[2000, false], [2000, true]] : [[10000, true], [10000, false], [50000, false]]) {
  const { result, log, minimum } = await scenario(calls, { throttled });
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
console.log('\nminimum = ceil(users/100) + ceil(calls Gong returned/100) + ceil(calls stored/100) transcript batches');
console.log('records/s is wall-clock (the simulator, generating transcripts on the same 2 cores, is part of it); per sync CPU-s is our own cost');
console.log('retained heap = largest heap right after a full GC during the run: what the sync holds, independent of the number of calls');
console.log('peak RSS also counts the transient spike of the largest page (100 transcripts parsed at once) that V8 keeps committed');
