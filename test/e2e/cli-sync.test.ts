import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { openStore } from '../../src/store/open-store.js';
import { DAY } from '../../src/util/time.js';
import { snapshotOf } from '../support/db-snapshot.js';
import { spawnSync } from 'node:child_process';
import { CLI, runCli, startCli } from '../support/run-cli.js';

const NOW = Date.parse('2026-11-20T15:00:00Z');
const CALLS = 800;

let sim: Simulator;
let dir: string;
let env: Record<string, string>;
let n = 0;
const db = () => join(dir, `e2e-${n++}.db`);

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, calls: CALLS, now: NOW, frozenClock: true, rateLimit: false });
  dir = mkdtempSync(join(tmpdir(), 'pgong-e2e-'));
  env = {
    GONG_BASE_URL: sim.url,
    GONG_API_KEY: `${sim.credentials.accessKey}:${sim.credentials.accessKeySecret}`,
    PANDORA_GONG_RATE: 'off',
  };
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});


const SINCE = '2026-05-01';

describe('pandora-gong CLI end to end', () => {
  let cleanDb: string;

  it('prints help for every command and exits 0', async () => {
    for (const command of ['', 'sync', 'status', 'transcript', 'export', 'simulate', 'demo']) {
      const result = await runCli([...(command ? [command] : []), '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout).toMatch(/Usage: pandora-gong/);
    }
  });

  it('syncs into a new 0600 SQLite file and reports on stdout, progress as JSON lines on stderr', async () => {
    cleanDb = db();
    const result = await runCli(['sync', '--since', SINCE, '--db', cleanDb], { env });
    expect(result.stderr.split('\n').filter(Boolean).every((l) => JSON.parse(l).event)).toBe(true);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sync complete/);
    expect(statSync(cleanDb).mode & 0o777).toBe(0o600);
    const snap = await snapshotOf(cleanDb);
    const expected = sim.company.calls.filter((c) => c.startedMs >= Date.parse(SINCE) && sim.company.isVisible(c, NOW) && !sim.company.isPrivateAt(c, NOW));
    expect(snap.gong_calls!.length).toBe(expected.length);
    expect(snap.gong_transcripts!.length).toBe(expected.filter((c) => sim.company.hasTranscriptAt(c, NOW)).length);
  });

  it('status --json has watermarks, counts, requestsToday and pendingTranscripts', async () => {
    const result = await runCli(['status', '--json', '--db', cleanDb], { env });
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.watermarks.calls).toMatch(/Z$/);
    expect(status.counts.gong_calls).toBeGreaterThan(0);
    expect(status.requestsToday).toBeGreaterThan(0);
    expect(status.pendingTranscripts).toMatchObject({ waiting: expect.any(Number), gaveUp: expect.any(Number) });
    const text = await runCli(['status', '--db', cleanDb], { env });
    expect(text.stdout).toMatch(/Watermarks/);
  });

  it('renders a transcript as text, markdown and json, and says so in one line when a call is not there', async () => {
    const store = await openStore(cleanDb);
    const row = await store.allTenants.selectFrom('gong_transcripts').select('call_id').limit(1).executeTakeFirstOrThrow();
    await store.close();
    const text = await runCli(['transcript', row.call_id, '--db', cleanDb]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^\[\d{2}:\d{2}\] .+/);
    const md = await runCli(['transcript', row.call_id, '--format', 'markdown', '--db', cleanDb]);
    expect(md.stdout).toMatch(/^# /);
    const json = JSON.parse((await runCli(['transcript', row.call_id, '--format', 'json', '--db', cleanDb])).stdout);
    expect(json.monologues.length).toBeGreaterThan(0);
    const missing = await runCli(['transcript', '123', '--db', cleanDb]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/call 123 is not in the database/);
  });

  it('exports tables as JSON lines and CSV', async () => {
    const jsonl = await runCli(['export', 'calls', '--db', cleanDb]);
    const lines = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe((await snapshotOf(cleanDb)).gong_calls!.length);
    expect(lines[0].raw.metaData.id).toBe(lines[0].id);
    const csv = await runCli(['export', 'call_parties', '--format', 'csv', '--db', cleanDb]);
    expect(csv.stdout.split('\r\n')[0]).toBe('call_id,party_id,speaker_id,user_id,email,name,title,affiliation,phone');
    expect((await runCli(['export', 'nope', '--db', cleanDb])).code).toBe(2);
  });

  it('stops quietly with exit 0 when the reader goes away (`export calls | head -1`)', () => {
    const script = `"${process.execPath}" "${CLI}" export calls --db "${cleanDb}" 2>"${join(dir, 'epipe.err')}" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "${join(dir, 'epipe.err')}"`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    // Before the fix: exit 1 and "unexpected error: write EPIPE".
    expect(result.stdout).toBe('0\n');
  });

  it('refuses bad input with one line and exit 2', async () => {
    const cases: string[][] = [
      ['sync', '--since', '2026-02-30'],
      ['sync', '--since', '2026-09-02', '--until', '2026-09-01'],
      ['sync', '--streams', 'calls,meetings'],
      ['sync', '--lookback', 'three days'],
      ['sync', '--bogus'],
      ['frobnicate'],
      ['sync', '--db', join(dir, 'no-such-dir', 'x.db')],
    ];
    for (const args of cases) {
      const result = await runCli(args, { env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^pandora-gong: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses malformed keys (exit 2) and wrong ones (exit 3) without printing the secret', async () => {
    const secret = 'Sup3rS3cretValue-do-not-print';
    for (const [key, code] of [
      [`no-colon-${secret}`, 2],
      [`key:${secret}:extra`, 2],
      [`key :${secret}`, 2],
      [`:${secret}`, 2],
      [`${sim.credentials.accessKey}:${secret}`, 3],
    ] as const) {
      const file = db();
      const result = await runCli(['sync', '--db', file], { env: { ...env, GONG_API_KEY: key } });
      expect(result.code, key).toBe(code);
      const everything = result.stdout + result.stderr;
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(Buffer.from(`${sim.credentials.accessKey}:${secret}`).toString('base64'));
      if (code === 2) expect(result.stderr).toMatch(/<accessKey>:<accessKeySecret>/);
      else expect(result.stderr).toMatch(/refused the credentials/);
    }
  });

  it('stops with exit 4 when the daily budget is spent, and the next run resumes to the same data', async () => {
    const file = db();
    const first = await runCli(['sync', '--since', SINCE, '--db', file, '--daily-budget', '4'], { env });
    expect(first.code).toBe(4);
    expect(first.stdout).toMatch(/Sync stopped early/);
    const second = await runCli(['sync', '--since', SINCE, '--db', file, '--daily-budget', '1000'], { env });
    expect(second.code).toBe(0);
    expect(await snapshotOf(file)).toEqual(await snapshotOf(cleanDb));
  });

  it('exits 5 when another sync holds the lock', async () => {
    const slow = await startSimulator({ seed: 3, calls: CALLS, now: NOW, frozenClock: true, rateLimit: false, latencyMs: 300 });
    try {
      const file = db();
      const slowEnv = { ...env, GONG_BASE_URL: slow.url };
      const first = startCli(['sync', '--since', SINCE, '--db', file], { env: slowEnv });
      await waitFor(() => first.stderrText().includes('"event":"page"'));
      const second = await runCli(['sync', '--db', file], { env: slowEnv });
      expect(second.code).toBe(5);
      expect(second.stderr).toMatch(/another sync is running/);
      expect((await first.result).code).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('gives the same data as a clean run after kill -9 at random moments and a resume', async () => {
    const file = db();
    // Seeded kill points: after the k-th progress event, plus a few milliseconds.
    const points = [3, 9, 14, 22, 31];
    for (const [i, point] of points.entries()) {
      const child = startCli(['sync', '--since', SINCE, '--db', file], { env });
      await waitFor(() => child.stderrText().split('\n').length > point || child.exitCode !== null);
      await new Promise((r) => setTimeout(r, (i * 7) % 25));
      child.kill('SIGKILL');
      await child.result;
    }
    const resumed = await runCli(['sync', '--since', SINCE, '--db', file], { env });
    expect(resumed.code).toBe(0);
    expect(await snapshotOf(file)).toEqual(await snapshotOf(cleanDb));
  });

  it('gives the same data as a clean run against a faulty Gong', async () => {
    const faulty = await startSimulator({
      seed: 3,
      calls: CALLS,
      now: NOW,
      frozenClock: true,
      rateLimit: false,
      faults: '5xx=0.1,reset=0.05,429=0.05,malformed=0.03,truncate=0.03,expire=0.2',
      faultSeed: 5,
    });
    try {
      const file = db();
      const result = await runCli(['sync', '--since', SINCE, '--db', file], { env: { ...env, GONG_BASE_URL: faulty.url } });
      expect(result.code).toBe(0);
      expect(faulty.log.entries.filter((e) => e.fault).length).toBeGreaterThan(3);
      expect(await snapshotOf(file)).toEqual(await snapshotOf(cleanDb));
    } finally {
      await faulty.close();
    }
  });

  it('a second run after Gong moves on fetches only the new and late data', async () => {
    const file = db();
    expect((await runCli(['sync', '--since', SINCE, '--db', file], { env })).code).toBe(0);
    const moving = await startSimulator({ seed: 3, calls: CALLS, now: NOW, frozenClock: true, rateLimit: false });
    try {
      moving.advance(2 * DAY);
      const result = await runCli(['sync', '--since', SINCE, '--db', file, '--json'], { env: { ...env, GONG_BASE_URL: moving.url } });
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      const later = NOW + 2 * DAY;
      const expected = moving.company.calls.filter((c) => c.startedMs >= Date.parse(SINCE) && c.startedMs < later && moving.company.isVisible(c, later) && !moving.company.isPrivateAt(c, later));
      expect((await snapshotOf(file)).gong_calls!.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
      // The privacy re-check reads 30 days once a day; nothing older is read again.
      const reread = moving.company.calls.filter((c) => c.startedMs >= later - 30 * DAY && c.startedMs < later && moving.company.isVisible(c, later)).length;
      expect(moving.log.count('POST /v2/calls/extensive')).toBe(Math.ceil(reread / 100));
      expect(report.stats.requests).toBe(moving.log.entries.length);
    } finally {
      await moving.close();
    }
  });
});

async function waitFor(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

