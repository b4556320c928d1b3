import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Prng, startSimulator, writeCrmExport, type Simulator } from '../../src/simulator/index.js';
import { snapshotOf } from '../support/db-snapshot.js';
import { CLI, runCli, startCli } from '../support/run-cli.js';

/**
 * Crash campaign and full disk (RELIABILITY.md, "Crash campaign" and "Full disk"). The built CLI is
 * killed with SIGKILL at 20 seeded moments (while fetching, while committing, while migrating a new
 * database) and resumed; the final data, CRM links included (the database holds an imported CRM, so
 * every page of calls is linked as it is stored), must equal a clean run's every time. A disk that
 * fills up mid-sync must give one clear line and leave a database that passes SQLite's integrity
 * check and resumes.
 */
const NOW = Date.parse('2026-11-20T15:00:00Z');
const SINCE = '2026-06-01';
let sim: Simulator;
let dir: string;
let env: Record<string, string>;
let reference: Awaited<ReturnType<typeof snapshotOf>>;
let crmFiles: string[];


function integrity(file: string): string {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, calls: 1200, now: NOW, frozenClock: true, rateLimit: false, latencyMs: 5 });
  dir = mkdtempSync(join(tmpdir(), 'pgong-crash-'));
  env = { GONG_BASE_URL: sim.url, GONG_API_KEY: `${sim.credentials.accessKey}:${sim.credentials.accessKeySecret}`, PANDORA_GONG_RATE: 'off' };
  crmFiles = writeCrmExport(sim.company, join(dir, 'crm'));
  const clean = join(dir, 'clean.db');
  expect((await runCli(['crm', 'import', ...crmFiles, '--db', clean], { env })).code).toBe(0);
  expect((await runCli(['sync', '--since', SINCE, '--db', clean], { env })).code).toBe(0);
  reference = await snapshotOf(clean);
  expect(reference.gong_call_links!.length).toBeGreaterThan(100);
});

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('crash campaign', () => {
  it('resumes to the clean data after SIGKILL at 20 seeded moments', { timeout: 15 * 60_000 }, async () => {
    const rng = new Prng(77);
    const file = join(dir, 'crashed.db');
    expect((await runCli(['crm', 'import', ...crmFiles, '--db', file], { env })).code).toBe(0);
    const kinds: Record<string, number> = { fetch: 0, commit: 0, migration: 0 };
    const fullSchemaTables = tableCount(join(dir, 'clean.db'));
    let migratedBeforeKill = 0;
    for (let k = 0; k < 20; k++) {
      const kind = k % 5 === 0 ? 'migration' : k % 2 === 0 ? 'commit' : 'fetch';
      kinds[kind]!++;
      if (kind === 'migration') {
        // A brand-new database: the kill lands while the schema is being created (by `crm
        // import`: `status` now refuses a database that does not exist rather than create it).
        const fresh = join(dir, `migrating-${k}.db`);
        const child = startCli(['crm', 'import', ...crmFiles, '--db', fresh], { env });
        await waitFor(() => existsSync(fresh) || child.exitCode !== null);
        await sleep(rng.int(0, 4));
        child.kill('SIGKILL');
        await child.result;
        expect(integrity(fresh)).toBe('ok');
        // Migrations run in one transaction: after a kill the schema is all there or not at all.
        const tables = tableCount(fresh);
        if (tables > 0) migratedBeforeKill++;
        expect([0, fullSchemaTables]).toContain(tables);
        const after = await runCli(['status', '--json', '--db', fresh], { env });
        expect(after.code).toBe(0);
        continue;
      }
      const child = startCli(['sync', '--since', SINCE, '--db', file], { env });
      // `fetch`: somewhere between pages; `commit`: right after a page event, when the next
      // page's transaction or the state write is likely in flight.
      const events = rng.int(2, 40);
      await waitFor(() => child.stderrText().split('\n').length > events || child.exitCode !== null);
      await sleep(kind === 'commit' ? rng.int(0, 3) : rng.int(5, 40));
      child.kill('SIGKILL');
      await child.result;
      expect(integrity(file)).toBe('ok');
    }
    const resumed = await runCli(['sync', '--since', SINCE, '--db', file], { env });
    expect(resumed.code).toBe(0);
    expect(await snapshotOf(file)).toEqual(reference);
    expect(kinds).toEqual({ fetch: 8, commit: 8, migration: 4 });
    console.log(`crash campaign: ${migratedBeforeKill} of 4 migration kills landed after the schema was committed`);
  });
});

describe('full disk', () => {
  it('stops with one clear line, leaves an intact database, and resumes once there is room', { timeout: 5 * 60_000 }, async () => {
    const small = join(dir, 'small-disk');
    mkdirSync(small);
    const file = join(small, 'full.db');
    // A 3 MB tmpfs where the system allows mounting one; otherwise a file-size limit
    // (SIGXFSZ ignored, so writes fail with EFBIG like a full disk would with ENOSPC).
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', small]).status === 0;
    try {
      const args = ['sync', '--since', SINCE, '--db', file];
      const result = mounted
        ? await runCli(args, { env })
        : await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
            const script = `trap '' XFSZ; ulimit -f 6144; exec "${process.execPath}" "${CLI}" ${args.map((a) => `'${a}'`).join(' ')}`;
            const child = spawnSync('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
            resolve({ code: child.status, stdout: child.stdout, stderr: child.stderr });
          });
      expect(result.code).toBe(1);
      const lastLine = result.stderr.trim().split('\n').at(-1)!;
      expect(lastLine).toMatch(/^pandora-gong: (the disk is full|database error)/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(integrity(file)).toBe('ok');
      // Move the database (and its WAL) somewhere with room; the next sync resumes to the clean data.
      const roomy = join(dir, 'roomy.db');
      for (const suffix of ['', '-wal']) if (existsSync(file + suffix)) copyFileSync(file + suffix, roomy + suffix);
      const committed = (await snapshotOf(roomy)).gong_calls!.length;
      expect(committed).toBeGreaterThan(0);
      const resumed = await runCli(['sync', '--since', SINCE, '--db', roomy], { env });
      expect(resumed.code).toBe(0);
      // This database never had a CRM imported, so it is compared without links.
      const tables = ['gong_users', 'gong_calls', 'gong_call_parties', 'gong_transcripts'];
      expect(await snapshotOf(roomy, tables)).toEqual(Object.fromEntries(tables.map((t) => [t, reference[t]])));
    } finally {
      if (mounted) execFileSync('umount', [small]);
    }
  });
});

function tableCount(file: string): number {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function waitFor(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await sleep(2);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
