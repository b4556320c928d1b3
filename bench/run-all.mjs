// Runs every benchmark in turn and prints their tables. After `npm run build`:
// `node bench/run-all.mjs [--quick]` (or `npm run bench`). Each one can also run alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = ['simulator-company.mjs', 'client-throttle.mjs', 'sync.mjs', 'link.mjs', 'crm-import.mjs', 'search.mjs', 'workers.mjs', 'mcp.mjs'];
const extra = process.argv.slice(2);
let failed = 0;
for (const bench of benches) {
  const file = fileURLToPath(new URL(bench, import.meta.url));
  if (!existsSync(file)) continue;
  console.log(`\n=== ${bench} ===`);
  const { status } = spawnSync(process.execPath, [file, ...extra], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
