// One sync in a fresh process, measured: run as `node measure-sync.mjs '<json options>'`; prints
// one JSON line with elapsed time, requests, records and this process's peak RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GongClient, openStore, syncGong } from '../../dist/index.js';

const options = JSON.parse(process.argv[2]);
const dir = mkdtempSync(join(tmpdir(), 'pgong-bench-'));
const store = await openStore(options.db ?? join(dir, 'bench.db'));
const client = new GongClient({
  baseUrl: options.url,
  accessKey: options.accessKey,
  accessKeySecret: options.accessKeySecret,
  rateLimit: options.rate ?? false,
  budget: { store: store.budgetStore(), dailyLimit: 1_000_000 },
});
// What the sync keeps alive: the heap right after a full collection, sampled through the run
// (needs --expose-gc). Peak RSS also counts memory V8 keeps committed after transient spikes.
let retainedMb = 0;
const sampler = setInterval(() => {
  globalThis.gc?.();
  retainedMb = Math.max(retainedMb, process.memoryUsage().heapUsed / 1_048_576);
}, 2000);
const started = performance.now();
const report = await syncGong({ client, store, since: Date.now() - 400 * 86_400_000 });
const elapsedMs = performance.now() - started;
clearInterval(sampler);
// A second run straight after, with nothing new in Gong: what an incremental run costs at rest.
const again = options.again ? await syncGong({ client, store, since: Date.now() - 400 * 86_400_000 }) : undefined;
const counts = await store.counts();
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ status: report.status, elapsedMs, requests: report.stats.requests, stats: report.stats, counts, maxRssMb: process.resourceUsage().maxRSS / 1024, retainedMb, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000, again: again && { status: again.status, requests: again.stats.requests, stats: again.stats } })}\n`,
);
