// How long the simulator takes to generate a big company (50,000 calls): the figure a test used to
// assert ("within 5 s"), which only measured how busy the machine was. Prints a table and exits
// 1 past 5 s (meaningful on an idle machine). Run after `npm run build`:
// `node bench/simulator-company.mjs`.
import { performance } from 'node:perf_hooks';
import { generateCompany } from '../dist/simulator/index.js';
import { printTable } from './lib/table.mjs';

const CALLS = 50_000;
const BUDGET_MS = 5_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');

const runs = [];
for (const seed of [1, 2, 3]) {
  const started = performance.now();
  const company = generateCompany({ seed, calls: CALLS, now: NOW });
  runs.push({ seed, calls: company.calls.length, users: company.users.length, 'time ms': Math.round(performance.now() - started) });
}
printTable(`Generating a simulated company of ${CALLS.toLocaleString('en')} calls`, runs);
const slowest = Math.max(...runs.map((r) => r['time ms']));
const ok = slowest <= BUDGET_MS;
console.log(ok ? `\nOK: the slowest run took ${slowest} ms (budget ${BUDGET_MS} ms).` : `\nFAILED: the slowest run took ${slowest} ms, over ${BUDGET_MS} ms.`);
process.exitCode = ok ? 0 : 1;
