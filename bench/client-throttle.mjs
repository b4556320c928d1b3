// Issue 2's benchmark: list 5,000 calls with parties from a simulator that enforces Gong's
// 3 requests/second (and answers without artificial delay). The client's throttle must keep the
// server-measured peak at or under 3 requests in every second, use exactly ceil(5000/100)
// extensive requests, and provoke no 429. Run after `npm run build`: `node bench/client-throttle.mjs`.
import { GongClient } from '../dist/index.js';
import { spawnSimulator } from './lib/spawn-simulator.mjs';
import { printTable } from './lib/table.mjs';

const LISTED = 5000;
const sim = await spawnSimulator(['--calls', '9000', '--rate-limit', '3']);
try {
  // A window that holds exactly 5,000 visible calls: from the first visible call's start to the
  // start of the 5,001st (Gong's `toDateTime` is exclusive).
  const visible = await (await fetch(`${sim.url}/__simulator/ground-truth/calls?visible=true`)).json();
  const from = visible[0].startedMs;
  const to = visible[LISTED].startedMs;
  await fetch(`${sim.url}/__simulator/reset-log`, { method: 'POST' });

  let waits = 0;
  const client = new GongClient({
    baseUrl: sim.url,
    accessKey: sim.accessKey,
    accessKeySecret: sim.accessKeySecret,
    onEvent: (e) => e.type === 'throttle-wait' && waits++,
  });
  const started = performance.now();
  let calls = 0;
  let parties = 0;
  for await (const call of client.callsExtensive({ from, to, contentSelector: { exposedFields: { parties: true } } })) {
    calls++;
    parties += call.parties?.length ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  const log = await sim.log();
  const extensive = log.counts['POST /v2/calls/extensive'] ?? 0;
  printTable('Listing 5,000 calls with parties at 3 requests/second', [
    {
      'calls listed': calls,
      parties,
      'extensive requests': extensive,
      'expected ceil(5000/100)': Math.ceil(LISTED / 100),
      '429s': log.entries.filter((e) => e.status === 429).length,
      'peak requests in any 1 s (server)': log.peakPerSecond,
      'time s': seconds.toFixed(1),
      'floor s at 3/s': ((extensive - 1) / 3).toFixed(1),
      'throttle waits': waits,
    },
  ]);
  const ok = calls === LISTED && extensive === Math.ceil(LISTED / 100) && log.peakPerSecond <= 3 && !log.entries.some((e) => e.status === 429);
  console.log(ok ? '\nOK: within Gong\'s limits with the minimum number of requests.' : '\nFAILED: see the table.');
  process.exitCode = ok ? 0 : 1;
} finally {
  await sim.stop();
}
