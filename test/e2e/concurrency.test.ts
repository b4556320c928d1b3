/**
 * Concurrency on ONE SQLite database (RELIABILITY.md, "Concurrency"), with separate OS processes
 * running the built CLI (plus the library in-process where it says so). What this file proves:
 *
 * 1. `sync` against a slow simulated Gong while `crm import` and `link` run in other processes
 *    (started together on a file that does not exist yet, then another `link` mid-sync): every
 *    process exits 0 (import and link wait for the write lock, they never fail with SQLITE_BUSY),
 *    `PRAGMA integrity_check` is ok, and the Gong and CRM tables equal those of a sequential run
 *    (sync; crm import; link) on a fresh file. The call links converge after one final `link`:
 *    a sync that started before the CRM was imported does not link its pages (the linker is
 *    chosen when the sync starts), and a `link` sees only the calls stored when it read them, so
 *    calls stored after it are unlinked until the next `link`, by design. Before that final
 *    `link`, every link present is one the sequential run has too.
 * 2. With the CRM imported first (the sync then links each page in the transaction that stores
 *    it), `link` processes running during the sync's calls stream must not undo the sync's
 *    links: the end state equals the sequential run WITHOUT a final `link`. The interleaving that
 *    broke this (a `link` deleting, as "stale", the links of calls stored after it read its
 *    batch) is also forced deterministically in-process (test 3), since processes hit it only
 *    by chance.
 * 4. `search`, `status` and `export calls` in loops (CLI processes, and `searchTranscripts`
 *    in-process) while a sync writes: every run exits 0 with empty stderr, results are
 *    well-formed, hit and row counts never decrease across iterations (a first sync only adds),
 *    every hit and exported row seen mid-sync is identical (score aside) to the one the finished
 *    reference database gives, and after the sync the results equal the reference's exactly.
 *
 * No timing assertions: overlap is shown by counts (a `link` that saw fewer calls than the final
 * total, a search that saw part of the index), never by durations.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, writeCrmExport, type Simulator } from '../../src/simulator/index.js';
import { openStore } from '../../src/store/open-store.js';
import { linkCalls } from '../../src/crm/link/link-calls.js';
import { searchTranscripts } from '../../src/search/search-transcripts.js';
import type { SearchHit } from '../../src/search/search-hit.js';
import { snapshotOf } from '../support/db-snapshot.js';
import { ensureBuilt } from '../support/ensure-built.js';
import { runCli, startCli, type CliResult, type RunningCli } from '../support/run-cli.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = '2026-05-01';
/** A phrase with a few hundred matching sentences: under the 1000-hit limit, so counts are exact. */
const QUERY = '"single sign-on"';
const GONG_TABLES = ['gong_users', 'gong_calls', 'gong_call_parties', 'gong_transcripts'];
const CRM_TABLES: Record<string, string[]> = {
  crm_accounts: ['id'],
  crm_contacts: ['id'],
  crm_deals: ['id'],
  crm_deal_contacts: ['deal_id', 'contact_id'],
};

let fast: Simulator;
let slow: Simulator;
let dir: string;
let fastEnv: Record<string, string>;
let slowEnv: Record<string, string>;
let crmFiles: string[];
let refDb: string;
let reference: Awaited<ReturnType<typeof snapshotOf>>;
let referenceCrm: Record<string, Record<string, unknown>[]>;
let referenceHits: SearchHit[];

beforeAll(async () => {
  await ensureBuilt();
  // One company, served twice: at full speed for the reference run, and slowly (small pages,
  // 150 ms an answer) so that a sync lasts several seconds and commits ~40 pages.
  fast = await startSimulator({ seed: 7, calls: 400, now: NOW, frozenClock: true, rateLimit: false, pageSize: 20 });
  slow = await startSimulator({ company: fast.company, now: NOW, frozenClock: true, rateLimit: false, pageSize: 20, latencyMs: 150 });
  dir = mkdtempSync(join(tmpdir(), 'pgong-concurrency-'));
  const key = `${fast.credentials.accessKey}:${fast.credentials.accessKeySecret}`;
  fastEnv = { GONG_BASE_URL: fast.url, GONG_API_KEY: key, PANDORA_GONG_RATE: 'off' };
  slowEnv = { GONG_BASE_URL: slow.url, GONG_API_KEY: key, PANDORA_GONG_RATE: 'off' };
  crmFiles = writeCrmExport(fast.company, join(dir, 'crm'));

  // The reference: the same steps one after another on a fresh file.
  refDb = join(dir, 'reference.db');
  for (const args of [['sync', '--since', SINCE], ['crm', 'import', ...crmFiles], ['link']]) {
    const result = await runCli([...args, '--db', refDb], { env: fastEnv });
    expect(result.code, `${args[0]}: ${result.stderr}`).toBe(0);
  }
  reference = await snapshotOf(refDb);
  referenceCrm = crmSnapshot(refDb);
  referenceHits = await searchCli(refDb);
  // The premises the comparisons rest on: data in every table, hits not capped by the limit.
  for (const table of [...GONG_TABLES, 'gong_call_links']) expect(reference[table]!.length, table).toBeGreaterThan(0);
  for (const table of Object.keys(CRM_TABLES)) expect(referenceCrm[table]!.length, table).toBeGreaterThan(0);
  expect(referenceHits.length).toBeGreaterThan(20);
  expect(referenceHits.length).toBeLessThan(1000);
});

afterAll(async () => {
  await fast?.close();
  await slow?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('one SQLite database, many processes', () => {
  it('sync while crm import and link run: all exit 0, integrity ok, same data as a sequential run (links after a final link)', async () => {
    const file = join(dir, 'sync-import-link.db'); // does not exist yet: creation and migration race too
    const sync = startCli(['sync', '--since', SINCE, '--db', file, '--json'], { env: slowEnv });
    const importing = startCli(['crm', 'import', ...crmFiles, '--db', file]);
    // `link` refuses a database that does not exist (nothing was synced into it): it starts as
    // soon as one of the two above has created the file, and races their migration.
    await waitFor(() => existsSync(file) || sync.exitCode !== null);
    const linking = startCli(['link', '--json', '--db', file]);
    const [imported, firstLink] = await Promise.all([importing.result, linking.result]);
    // Another link once the CRM is in and calls are landing.
    await waitFor(() => pages(sync, 'calls') >= 2 || sync.exitCode !== null);
    const secondLink = await runCli(['link', '--json', '--db', file]);
    const syncStillRunning = sync.exitCode === null;
    const synced = await sync.result;

    for (const [name, result] of [['sync', synced], ['crm import', imported], ['link', firstLink], ['link mid-sync', secondLink]] as const) {
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      expect(result.stderr, name).not.toMatch(/SQLITE_BUSY|database is locked/i);
    }
    expect(imported.stderr).toBe('');
    // They overlapped: the sync was still running after the second link, which saw part of the calls.
    expect(syncStillRunning).toBe(true);
    const midSync = JSON.parse(secondLink.stdout) as { calls: number };
    expect(midSync.calls).toBeGreaterThan(0);
    expect(midSync.calls).toBeLessThan(reference.gong_calls!.length);

    expect(integrity(file)).toBe('ok');
    const after = await snapshotOf(file);
    for (const table of GONG_TABLES) expect(after[table], table).toEqual(reference[table]);
    expect(crmSnapshot(file)).toEqual(referenceCrm);
    // Before the final link: every call that has links has exactly the reference's links.
    const refLinks = linksByCall(reference.gong_call_links!);
    for (const [callId, links] of linksByCall(after.gong_call_links!)) expect(links, callId).toEqual(refLinks.get(callId));

    const finalLink = await runCli(['link', '--db', file]);
    expect(finalLink.code, finalLink.stderr).toBe(0);
    expect((await snapshotOf(file)).gong_call_links).toEqual(reference.gong_call_links);
    expect(integrity(file)).toBe('ok');
  });

  it('link running during a sync that links its own pages does not undo them: same data without a final link', async () => {
    const file = join(dir, 'import-then-sync-and-link.db');
    const imported = await runCli(['crm', 'import', ...crmFiles, '--db', file]);
    expect(imported.code, imported.stderr).toBe(0);
    const sync = startCli(['sync', '--since', SINCE, '--db', file, '--json'], { env: slowEnv });
    await waitFor(() => pages(sync, 'calls') >= 1 || sync.exitCode !== null);
    const links: CliResult[] = [];
    while (sync.exitCode === null && !streamEnded(sync, 'calls')) links.push(await runCli(['link', '--json', '--db', file]));
    const synced = await sync.result;

    expect(synced.code, synced.stderr).toBe(0);
    for (const result of links) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
    }
    // At least one link ran while calls were still arriving.
    expect(links.map((r) => (JSON.parse(r.stdout) as { calls: number }).calls).some((n) => n < reference.gong_calls!.length)).toBe(true);
    // The sync linked every call it stored, page by page.
    expect((JSON.parse(synced.stdout) as { links?: { calls: number } }).links?.calls).toBe(reference.gong_calls!.length);

    expect(integrity(file)).toBe('ok');
    expect(await snapshotOf(file)).toEqual(reference);
    expect(crmSnapshot(file)).toEqual(referenceCrm);
  });

  it('link never deletes the links of a call another writer stored after link read its batch (forced interleaving, in-process)', async () => {
    const file = join(dir, 'forced-interleaving.db');
    const source = new BetterSqlite3(refDb, { readonly: true });
    source.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
    source.close();
    const store = await openStore(file);
    const other = await openStore(file); // "the sync": another connection to the same file
    try {
      const links = await store.allTenants.selectFrom('gong_call_links').selectAll().orderBy('call_id').orderBy('crm_object_type').orderBy('crm_object_id').execute();
      const linked = [...new Set(links.map((l) => l.call_id))];
      // A linked call in the middle of the id range: stored "later" by the other writer.
      const late = linked[Math.floor(linked.length / 2)]!;
      // A call that is gone while its links stayed: link must still remove those.
      const gone = linked[1]!;
      expect(late).not.toBe(gone);
      const lateCall = await store.allTenants.selectFrom('gong_calls').selectAll().where('id', '=', late).executeTakeFirstOrThrow();
      const lateParties = await store.allTenants.selectFrom('gong_call_parties').selectAll().where('call_id', '=', late).execute();
      const lateLinks = links.filter((l) => l.call_id === late);
      await store.write(async ({ tx }) => {
        for (const table of ['gong_call_links', 'gong_call_parties'] as const) await tx.deleteFrom(table).where('call_id', '=', late).execute();
        await tx.deleteFrom('gong_calls').where('id', 'in', [late, gone]).execute();
      });

      // Between link's read of its batch and its write, the other writer commits the late call
      // with its links, as the sync's page transaction does.
      const write = store.write.bind(store);
      vi.spyOn(store, 'write').mockImplementationOnce(async (fn) => {
        await other.write(async ({ tx }) => {
          await tx.insertInto('gong_calls').values(lateCall).execute();
          await tx.insertInto('gong_call_parties').values(lateParties).execute();
          await tx.insertInto('gong_call_links').values(lateLinks).execute();
        });
        return write(fn);
      });
      const report = await linkCalls(store);
      expect(store.write).toHaveBeenCalled();

      const stored = async (callId: string) => (await other.allTenants.selectFrom('gong_call_links').selectAll().where('call_id', '=', callId).orderBy('crm_object_type').orderBy('crm_object_id').execute());
      expect(await stored(late)).toEqual(lateLinks);
      expect(await stored(gone)).toEqual([]);
      expect(report.removed).toBe(links.filter((l) => l.call_id === gone).length);
    } finally {
      vi.restoreAllMocks();
      await other.close();
      await store.close();
    }
  });

  it('search, status and export during a sync: always exit 0, well-formed, monotone, and equal to the reference after it', async () => {
    const file = join(dir, 'search-during-sync.db');
    const sync = startCli(['sync', '--since', SINCE, '--db', file, '--json'], { env: slowEnv });
    await waitFor(() => sync.stderrText().includes('"event":"run-start"') || sync.exitCode !== null);
    const running = () => sync.exitCode === null && sync.signalCode === null;

    // In-process: the library, on its own connection, as fast as it can go.
    const library = (async () => {
      const store = await openStore(file);
      const seen: SearchHit[][] = [];
      try {
        while (running()) {
          seen.push(await searchTranscripts(store, QUERY, { limit: 1000 }));
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        await store.close();
      }
      return seen;
    })();
    // Processes: search in one loop, status and export in another.
    const searches = (async () => {
      const seen: CliResult[] = [];
      while (running()) seen.push(await runCli(['search', QUERY, '--limit', '1000', '--json', '--db', file]));
      return seen;
    })();
    const reads = (async () => {
      const seen: { status: CliResult[]; exports: CliResult[] } = { status: [], exports: [] };
      while (running()) {
        seen.status.push(await runCli(['status', '--json', '--db', file]));
        seen.exports.push(await runCli(['export', 'calls', '--db', file]));
      }
      return seen;
    })();
    const [synced, libraryHits, cliSearches, { status, exports }] = await Promise.all([sync.result, library, searches, reads]);
    expect(synced.code, synced.stderr).toBe(0);

    const referenceByKey = new Map(referenceHits.map((h) => [hitKey(h), withoutScore(h)]));
    const checkSequence = (runs: SearchHit[][], name: string) => {
      let previous = new Set<string>();
      for (const [i, hits] of runs.entries()) {
        const keys = new Set(hits.map(hitKey));
        expect(keys.size, `${name} #${i}: one hit per sentence`).toBe(hits.length);
        // Monotone: a first sync only adds transcripts, so every earlier hit is still there.
        for (const key of previous) expect(keys.has(key), `${name} #${i} lost ${key}`).toBe(true);
        for (const hit of hits) {
          expectWellFormed(hit);
          // Whatever the moment, a hit is the finished database's hit (the score moves with the index).
          expect(withoutScore(hit), `${name} #${i}`).toEqual(referenceByKey.get(hitKey(hit)));
        }
        previous = keys;
      }
    };

    for (const result of cliSearches) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
    }
    const cliHits = cliSearches.map((r) => JSON.parse(r.stdout) as SearchHit[]);
    checkSequence(cliHits, 'cli search');
    checkSequence(libraryHits, 'library search');
    // The searches overlapped the sync: some saw an index still growing.
    expect(cliHits.some((hits) => hits.length < referenceHits.length)).toBe(true);
    expect(libraryHits.some((hits) => hits.length > 0 && hits.length < referenceHits.length)).toBe(true);
    expect(new Set(libraryHits.map((hits) => hits.length)).size).toBeGreaterThan(2);

    // status: every run parses, counts only grow, none beyond the reference's.
    let lastCounts: Record<string, number> = {};
    expect(status.length).toBeGreaterThan(0);
    for (const result of status) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      const counts = (JSON.parse(result.stdout) as { counts: Record<string, number> }).counts;
      for (const table of GONG_TABLES) {
        expect(counts[table], table).toBeGreaterThanOrEqual(lastCounts[table] ?? 0);
        expect(counts[table], table).toBeLessThanOrEqual(reference[table]!.length);
      }
      lastCounts = counts;
    }
    // export calls: every run parses, ids strictly ascending, each row the reference's row.
    const referenceCalls = new Map(exportedCalls((await runCli(['export', 'calls', '--db', refDb])).stdout).map((c) => [c.id, c]));
    let lastExported = 0;
    for (const result of exports) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      const rows = exportedCalls(result.stdout);
      expect(rows.length).toBeGreaterThanOrEqual(lastExported);
      lastExported = rows.length;
      for (const [i, row] of rows.entries()) {
        if (i > 0) expect(row.id > rows[i - 1]!.id).toBe(true);
        expect(row).toEqual(referenceCalls.get(row.id));
      }
    }
    expect(exports.some((r) => exportedCalls(r.stdout).length < referenceCalls.size)).toBe(true);

    // After the sync: the same answers as the reference database, scores and order included.
    expect(await searchCli(file)).toEqual(referenceHits);
    const store = await openStore(file);
    try {
      expect(await searchTranscripts(store, QUERY, { limit: 1000 })).toEqual(referenceHits);
    } finally {
      await store.close();
    }
    const finalStatus = await runCli(['status', '--json', '--db', file]);
    const finalCounts = (JSON.parse(finalStatus.stdout) as { counts: Record<string, number> }).counts;
    for (const table of GONG_TABLES) expect(finalCounts[table], table).toBe(reference[table]!.length);
    expect(integrity(file)).toBe('ok');
    expect(await snapshotOf(file, GONG_TABLES)).toEqual(Object.fromEntries(GONG_TABLES.map((t) => [t, reference[t]])));
  });
});

/** Progress events of one kind seen so far on a running sync's stderr (`--json` lines). */
function events(sync: RunningCli): { event: string; stream?: string }[] {
  return sync
    .stderrText()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .map((line) => JSON.parse(line) as { event: string; stream?: string });
}
const pages = (sync: RunningCli, stream: string) => events(sync).filter((e) => e.event === 'page' && e.stream === stream).length;
const streamEnded = (sync: RunningCli, stream: string) => events(sync).some((e) => e.event === 'stream-end' && e.stream === stream);

async function searchCli(file: string): Promise<SearchHit[]> {
  const result = await runCli(['search', QUERY, '--limit', '1000', '--json', '--db', file]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as SearchHit[];
}

const hitKey = (h: SearchHit) => `${h.callId}/${h.monologueIndex}/${h.sentenceIndex}`;
const withoutScore = ({ score: _score, ...rest }: SearchHit) => rest;

function expectWellFormed(hit: SearchHit): void {
  expect(hit.callId).toMatch(/^\d+$/);
  expect(hit.title === null || typeof hit.title === 'string').toBe(true);
  expect(hit.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
  expect(typeof hit.speaker).toBe('string');
  expect(typeof hit.affiliation).toBe('string');
  expect(Number.isInteger(hit.offsetMs) && hit.offsetMs >= 0).toBe(true);
  expect(hit.snippet).toMatch(/«.+»/i);
  expect(hit.url).toMatch(/^https?:\/\//);
  expect(Number.isFinite(hit.score)).toBe(true);
}

function exportedCalls(stdout: string): { id: string }[] {
  return stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string });
}

function linksByCall(rows: Record<string, unknown>[]): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) out.set(row.call_id as string, [...(out.get(row.call_id as string) ?? []), row]);
  return out;
}

function integrity(file: string): string {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** The CRM tables as sorted rows, bookkeeping columns left out. */
function crmSnapshot(file: string): Record<string, Record<string, unknown>[]> {
  const db = new BetterSqlite3(file, { fileMustExist: true, readonly: true });
  try {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const [table, key] of Object.entries(CRM_TABLES)) {
      const rows = db.prepare(`SELECT * FROM ${table} ORDER BY ${key.join(', ')}`).all() as Record<string, unknown>[];
      out[table] = rows.map(({ imported_at: _at, ...rest }) => rest);
    }
    return out;
  } finally {
    db.close();
  }
}

async function waitFor(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
