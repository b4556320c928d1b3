// The CRM import benchmark (docs/crm-linking.md, "Performance"). Run after `npm run build`:
// `node bench/crm-import.mjs [--quick] [--sizes 100000,1000000]`. Writes Salesforce-style
// contacts CSVs of each size into a temp dir and runs `crm import FILE --db tmp.db` on each in a
// fresh process, as a user would; its peak RSS is read from the child itself (getrusage, through
// bench/lib/report-max-rss.mjs). Goal (issue 15 §6): files are streamed, so the peak RSS stays
// flat: at the largest size at most 1.5× the smallest's. Exit code 1 when it is not met.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { GOALS, judge, NO_GOAL, ratioText, settleGoals } from './lib/goals.mjs';
import { printTable } from './lib/table.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = args.includes('--quick');
const SIZES = option('--sizes', quick ? '10000,100000' : '100000,1000000').split(',').map(Number);
const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const preload = fileURLToPath(new URL('./lib/report-max-rss.mjs', import.meta.url));

/** A contacts export as Salesforce writes one; a quoted name with a comma every 10th row, an accented one every 7th. */
async function writeContacts(path, rows) {
  const out = createWriteStream(path);
  out.write('Contact ID,First Name,Last Name,Email,Account ID,Title\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const id = `003B${String(i).padStart(14, '0')}`;
    const account = `001B${String(i % 20000).padStart(14, '0')}`;
    const last = i % 10 === 0 ? `"Smith, Jr."` : i % 7 === 0 ? 'Müller' : `Person${i}`;
    chunk += `${id},First${i % 500},${last},person${i}@company${i % 20000}.example,${account},${i % 3 === 0 ? 'VP Sales' : 'Engineer'}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const dir = mkdtempSync(join(tmpdir(), 'pgong-bench-crm-import-'));
const results = [];
try {
  for (const rows of SIZES) {
    const csv = join(dir, `contacts-${rows}.csv`);
    await writeContacts(csv, rows);
    const rssFile = join(dir, `rss-${rows}`);
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--import', preload, main, 'crm', 'import', csv, '--json', '--db', join(dir, `store-${rows}.db`)], {
      env: { ...process.env, PEAK_RSS_FILE: rssFile },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`crm import of ${rows} rows exited ${run.status}: ${run.stderr.trim().split('\n').at(-1)}`);
    const report = JSON.parse(run.stdout);
    if (report.totals.contacts !== rows) throw new Error(`crm import of ${rows} rows stored ${report.totals.contacts} contacts`);
    results.push({ rows, mb: statSync(csv).size / 1e6, seconds, peakMb: Number(readFileSync(rssFile, 'utf8')) / 1024 });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const smallest = results[0];
const growth = results.at(-1).peakMb / smallest.peakMb;
printTable(`crm import of a contacts CSV (SQLite, a fresh process per file; ${process.platform}, node ${process.version})`, results.map((r, i) => ({
  rows: r.rows.toLocaleString('en-US'),
  'file MB': r.mb.toFixed(1),
  seconds: r.seconds.toFixed(1),
  'rows/s': Math.round(r.rows / r.seconds).toLocaleString('en-US'),
  'peak RSS MB': r.peakMb.toFixed(0),
  goal: i === results.length - 1 && results.length > 1
    ? judge(growth <= GOALS.crmImportRssGrowth, `peak RSS flat (≤ ${GOALS.crmImportRssGrowth}× from ${smallest.rows.toLocaleString('en-US')} rows): ${ratioText(growth)}`)
    : NO_GOAL,
})));
settleGoals();
