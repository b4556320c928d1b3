// The search benchmark (docs/search.md, "Size and latency"). Run after `npm run build`: `node
// bench/search.mjs`.
// - builds an index of at least 1,000,000 transcript sentences: the simulator's conversations,
//   written through the store's writer in pages of 100 calls as a sync does, so the triggers
//   index them as they land (build time with and without the index, and a full rebuild);
// - reports the index's size on disk next to the transcripts';
// - times a fixed set of ranked queries returning 20 hits (words, phrases, OR, prefix, NOT, with
//   and without filters): median and p95 over every run, goal p95 < 50 ms per query on both engines.
// Options: --calls N (default 4000, about 1.09M sentences), --runs N (default 15 per query),
// --quick (1000 calls), --postgres [URL] (also PostgreSQL: that server, else an embedded one with
// shared_buffers 1GB, bench/lib/embedded-postgres.mjs; --shared-buffers 128MB changes it).
// Each judged figure has its goal beside it (bench/lib/goals.mjs); exit code 1 if one is missed.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, rebuildSearchIndex, searchIndexStats, searchTranscripts } from '../dist/index.js';
import { generateCompany, parseSelector, toWireExtensiveCall } from '../dist/simulator/index.js';
import { callRecord, userRecord } from '../dist/store/mappers/core-rows.js';
import { BENCH_SHARED_BUFFERS, startEmbeddedPostgres } from './lib/embedded-postgres.mjs';
import { printTable } from './lib/table.mjs';
import { GOALS, NO_GOAL, judge, ratioText, settleGoals, verdict } from './lib/goals.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : fallback;
};
const quick = args.includes('--quick');
const CALLS = Number(option('--calls', quick ? 1000 : 4000));
const RUNS = Number(option('--runs', quick ? 7 : 15));
const WARMUP = 2;
const NOW = Date.parse('2026-11-20T15:00:00Z');
const DAY = 86_400_000;

const company = generateCompany({ seed: 1, calls: CALLS, now: NOW });
const selection = parseSelector({ exposedFields: { parties: true } });

/** Pages of `{ calls, transcripts }` as the sync commits them, generated on the fly. */
function* pages() {
  let calls = [];
  let transcripts = [];
  const fetchedAt = new Date(NOW).toISOString();
  for (const call of company.calls) {
    const monologues = company.transcriptFor(call.id);
    calls.push(callRecord(toWireExtensiveCall(company, call, selection, NOW, 'bench')));
    if (monologues) transcripts.push({ call_id: call.id, segments: monologues, text: '', fetched_at: fetchedAt });
    if (calls.length === 100) {
      yield { calls, transcripts };
      calls = [];
      transcripts = [];
    }
  }
  if (calls.length > 0) yield { calls, transcripts };
}

/** Writes the whole company; returns the milliseconds spent in the store (generation excluded). */
async function load(store) {
  const now = new Date(NOW).toISOString();
  let ms = 0;
  let sentences = 0;
  await store.write((w) => w.upsertUsers(company.users.map(userRecord), 'bench', now));
  for (const page of pages()) {
    for (const t of page.transcripts) for (const m of t.segments) sentences += m.sentences.length;
    const started = performance.now();
    await store.write(async (w) => {
      await w.upsertCalls(page.calls, now);
      await w.upsertTranscripts(page.transcripts);
    });
    ms += performance.now() - started;
  }
  // Accounts and call links from the ground truth, for the --account filter.
  const accounts = company.crm.accounts.map((a) => ({ connection_id: 'default', id: a.id, name: a.name, domain: a.domain, website: a.website, source: 'bench', raw: null, imported_at: now }));
  const links = company.calls.filter((c) => c.accountId).map((c) => ({
    connection_id: 'default', call_id: c.id, crm_object_type: 'account', crm_object_id: c.accountId, method: 'contact_email', confidence: 0.9, linked_at: now,
  }));
  await store.write(async (w) => {
    for (let i = 0; i < accounts.length; i += 500) await w.tx.insertInto('crm_accounts').values(accounts.slice(i, i + 500)).execute();
    for (let i = 0; i < links.length; i += 500) await w.tx.insertInto('gong_call_links').values(links.slice(i, i + 500)).execute();
  });
  return { ms, sentences };
}

/** The fixed query set: what a revenue team asks, plus very common words to show the worst case. */
function querySet() {
  const rep = company.users.find((u) => u.role === 'AE');
  const topAccount = [...company.calls.reduce((m, c) => (c.accountId ? m.set(c.accountId, (m.get(c.accountId) ?? 0) + 1) : m), new Map())]
    .sort((a, b) => b[1] - a[1])[0][0];
  const account = company.crm.accounts.find((a) => a.id === topAccount).name;
  const since90 = new Date(NOW - 90 * DAY).toISOString();
  const since30 = new Date(NOW - 30 * DAY).toISOString();
  return [
    ['word', 'pricing', {}],
    ['rare word', 'SAML', {}],
    ['phrase', '"SOC 2"', {}],
    ['hyphenated phrase', '"single sign-on"', {}],
    ['phrase', '"annual contract"', {}],
    ['OR', 'security OR compliance', {}],
    ['OR of three', 'Zentrix OR Callvana OR "Quorra Insights"', {}],
    ['prefix', 'renew*', {}],
    ['prefix', 'forecast*', {}],
    ['short prefix', 'pri*', {}],
    ['NOT', 'discount -annual', {}],
    ['OR + NOT', '(pricing OR discount) -"per seat"', {}],
    ['common word', 'the', {}],
    ['common word', 'we', {}],
    ['word + affiliation', 'discount', { affiliation: 'external' }],
    ['phrase + since', '"SOC 2"', { since: since90 }],
    ['word + speaker', 'demo', { speaker: `${rep.firstName} ${rep.lastName}` }],
    ['word + account', 'proposal', { account }],
    ['common + since', 'we', { since: since30 }],
    ['OR + until + unknown', 'GDPR OR "data residency"', { until: since30, affiliation: 'unknown' }],
  ];
}

function percentile(sortedMs, p) {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}

async function matchesOf(store, query) {
  // Context only: how many sentences the query matches in all (not part of the timings).
  const { parseSearchQuery, toFts5Match, toTsQuery } = await import('../dist/search/index.js'); // internal: the query compilers
  const ast = parseSearchQuery(query);
  const { rows } = store.kind === 'sqlite'
    ? await sql`SELECT count(*) AS n FROM gong_search_sentences WHERE gong_search_sentences MATCH ${toFts5Match(ast)}`.execute(store.allTenants)
    : await sql`SELECT count(*) AS n FROM gong_search_sentences WHERE tsv @@ to_tsquery('simple', gong_search_fold(${toTsQuery(ast)}))`.execute(store.allTenants);
  return Number(rows[0].n);
}

async function timeQueries(store) {
  const all = [];
  const rows = [];
  for (const [kind, query, options] of querySet()) {
    for (let i = 0; i < WARMUP; i++) await searchTranscripts(store, query, options);
    const times = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      hits = (await searchTranscripts(store, query, options)).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const p95 = percentile(times, 95);
    const filters = Object.entries(options).map(([k, v]) => `${k}=${String(v).slice(0, 10)}`).join(' ');
    rows.push({ kind, query: `${query}${filters ? ` [${filters}]` : ''}`, matches: await matchesOf(store, query), hits, 'median ms': percentile(times, 50).toFixed(1), 'p95 ms': p95.toFixed(1), goal: judge(p95 < GOALS.searchP95Ms, `p95 < ${GOALS.searchP95Ms} ms`) });
  }
  all.sort((a, b) => a - b);
  return { rows, median: percentile(all, 50), p95: percentile(all, 95), runs: all.length };
}

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

async function sqliteBench() {
  const dir = mkdtempSync(join(tmpdir(), 'pandora-gong-bench-search-'));
  try {
    // Without the index: the same writes with the search triggers dropped, for comparison.
    const bare = await openStore(join(dir, 'bare.db'));
    const { rows: triggers } = await sql`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gong_search_%'`.execute(bare.allTenants);
    await bare.write(async (w) => {
      for (const { name } of triggers) await sql`DROP TRIGGER ${sql.id(name)}`.execute(w.tx);
    });
    const without = await load(bare);
    await bare.close();

    const file = join(dir, 'search.db');
    const store = await openStore(file);
    const withIndex = await load(store);
    // Size and latency of the index as syncs leave it; a full rebuild is timed last.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.allTenants);
    const { rows: sizes } = await sql`SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name IN ('gong_transcripts', 'gong_calls') GROUP BY name`.execute(store.allTenants);
    const stats = await searchIndexStats(store);
    const fileBytes = statSync(file).size;
    const timings = await timeQueries(store);
    const started = performance.now();
    await rebuildSearchIndex(store);
    const rebuildMs = performance.now() - started;
    await store.close();
    return { withIndex, without, rebuildMs, stats, sizes: Object.fromEntries(sizes.map((r) => [r.name, Number(r.bytes)])), fileBytes, timings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresBench(url) {
  let server;
  if (!url) {
    server = await startEmbeddedPostgres({ sharedBuffers: option('--shared-buffers', BENCH_SHARED_BUFFERS) });
    url = server.url;
  }
  try {
    const store = await openStore(url);
    const withIndex = await load(store);
    await sql`ANALYZE`.execute(store.allTenants);
    const { rows } = await sql`SELECT pg_total_relation_size('gong_transcripts') AS t`.execute(store.allTenants);
    const stats = await searchIndexStats(store);
    const timings = await timeQueries(store);
    const started = performance.now();
    await rebuildSearchIndex(store);
    const rebuildMs = performance.now() - started;
    await store.close();
    return { withIndex, rebuildMs, stats, transcriptsBytes: Number(rows[0].t), timings };
  } finally {
    await server?.stop();
  }
}

const sqlite = await sqliteBench();
console.log(`\nSearch benchmark: ${CALLS} simulated calls, ${sqlite.withIndex.sentences.toLocaleString('en-US')} transcript sentences (${sqlite.stats.documents} transcripts)`);
// Index maintenance is judged as the write with the index against the same write without it.
const indexRatio = sqlite.withIndex.ms / sqlite.without.ms;
printTable('Index build, SQLite (writes in pages of 100 calls, as the sync commits them)', [
  { step: 'write calls + transcripts, no search index', 'time s': (sqlite.without.ms / 1000).toFixed(1), goal: NO_GOAL },
  { step: 'write calls + transcripts, index kept by triggers', 'time s': (sqlite.withIndex.ms / 1000).toFixed(1), goal: judge(indexRatio <= GOALS.indexOverPlainWrite, `≤ ${GOALS.indexOverPlainWrite}× the plain write (${ratioText(indexRatio)})`) },
  { step: 'rebuildSearchIndex (everything, one transaction)', 'time s': (sqlite.rebuildMs / 1000).toFixed(1), goal: NO_GOAL },
]);
printTable('Size on disk, SQLite', [
  { what: 'search index (FTS5 + documents + monologues)', MB: mb(sqlite.stats.bytes), 'bytes/sentence': (sqlite.stats.bytes / sqlite.stats.sentences).toFixed(1) },
  { what: 'gong_transcripts (segments JSON + rendered text)', MB: mb(sqlite.sizes.gong_transcripts), 'bytes/sentence': (sqlite.sizes.gong_transcripts / sqlite.stats.sentences).toFixed(1) },
  { what: 'whole database file', MB: mb(sqlite.fileBytes), 'bytes/sentence': (sqlite.fileBytes / sqlite.stats.sentences).toFixed(1) },
]);
printTable(`Ranked queries, 20 hits, SQLite (${RUNS} runs each after ${WARMUP} warm-up)`, sqlite.timings.rows);
// The goal is judged per query kind in the table; this overall line is context, not counted again.
const overall = (t) => `median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms over ${t.runs} runs (p95 < ${GOALS.searchP95Ms} ms overall: ${verdict(t.p95 < GOALS.searchP95Ms)})`;
console.log(`\nSQLite: ${overall(sqlite.timings)}`);

if (args.includes('--postgres')) {
  const url = option('--postgres', process.env.PANDORA_GONG_BENCH_PG);
  const pg = await postgresBench(url);
  // The same company written with the index on both engines: the rate ratio is the inverse time ratio.
  const rateRatio = sqlite.withIndex.ms / pg.withIndex.ms;
  printTable('PostgreSQL', [
    { what: 'write calls + transcripts, index kept by triggers', value: `${(pg.withIndex.ms / 1000).toFixed(1)} s`, goal: judge(rateRatio >= GOALS.postgresOverSqlite, `≥ ${GOALS.postgresOverSqlite}× SQLite's write rate (${ratioText(rateRatio)})`) },
    { what: 'rebuildSearchIndex', value: `${(pg.rebuildMs / 1000).toFixed(1)} s`, goal: NO_GOAL },
    { what: 'search index size (sentences + GIN + documents)', value: `${mb(pg.stats.bytes)} MB (${(pg.stats.bytes / pg.stats.sentences).toFixed(1)} bytes/sentence)`, goal: NO_GOAL },
    { what: 'gong_transcripts size', value: `${mb(pg.transcriptsBytes)} MB`, goal: NO_GOAL },
  ]);
  printTable(`Ranked queries, 20 hits, PostgreSQL (${RUNS} runs each after ${WARMUP} warm-up)`, pg.timings.rows);
  console.log(`\nPostgreSQL: ${overall(pg.timings)}`);
} else {
  console.log('\nPostgreSQL not run: its goals (write rate, query p95) are judged only with --postgres');
}
settleGoals();
