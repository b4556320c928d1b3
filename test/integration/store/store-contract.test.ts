import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/open-store.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import type { UserRecord } from '../../../src/store/records.js';
import { STORE_TARGETS } from '../../support/store-targets.js';
import { sampleCall } from '../../support/sample-records.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { TABLES } from '../../../src/store/schema/index.js';
import { storedKey, type AnyColumn } from '../../../src/store/schema/table.js';
import { storedColumns, storedPrimaryKey } from '../../support/stored-columns.js';
import { openStoreInProcesses } from '../../support/open-store-in-processes.js';
import { ConnectionRepository } from '../../../src/connections/connection-repository.js';
import { connectionRowCounts, removeConnection } from '../../../src/connections/remove-connection.js';
import { generateSecretKey, parseSecretKey } from '../../../src/connections/secret-key.js';

const NOW = '2026-11-20T10:00:00.000Z';

function user(id: string, extra: Partial<UserRecord> = {}): UserRecord {
  return {
    id,
    email: `${id}@northwind.example`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    title: null,
    manager_id: null,
    active: true,
    created_at: '2026-01-02T03:04:05.678Z',
    raw: { id, emailAddress: `${id}@northwind.example`, created: '2026-01-02T05:04:05.678+02:00' },
    ...extra,
  };
}

const call = sampleCall;

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`store contract: ${target.name}`, () => {
    let store: GongStore;

    beforeAll(async () => {
      await target.setup();
      store = await openStore(await target.location());
    });
    afterAll(async () => {
      await store?.close();
      await target.teardown();
    });

    it('has every table exactly as the schema describes it: columns, nullability and key', async () => {
      for (const table of TABLES) {
        const columns = await storedColumns(store, table.name);
        const described = new Map<string, boolean>(Object.entries(table.columns).map(([name, c]) => [name, (c as AnyColumn).isNullable]));
        if (table.tenant) described.set('connection_id', false);
        expect([...columns].sort(), table.name).toEqual([...described].sort());
        expect(await storedPrimaryKey(store, table.name), table.name).toEqual(storedKey(table));
      }
    });

    it('migrates once, and reopening is a no-op', async () => {
      const location = await target.location();
      const stores = await Promise.all([openStore(location), openStore(location), openStore(location)]);
      const again = await openStore(location);
      const rows = await again.allTenants.selectFrom('schema_migrations' as any).selectAll().execute();
      expect(rows.map((r: any) => r.id).sort()).toEqual(MIGRATIONS.map((m) => m.id).sort());
      await Promise.all([...stores, again].map((s) => s.close()));
    });

    it('migrates exactly once when several processes open a new database at the same moment', async () => {
      await ensureBuilt();
      const location = await target.location();
      const exits = await openStoreInProcesses(location, 4);
      expect(exits.map((e) => [e.code, e.stderr])).toEqual(exits.map(() => [0, '']));
      const check = await openStore(location);
      const rows = await check.allTenants.selectFrom('schema_migrations' as any).select('id').execute();
      expect(rows.map((r: any) => r.id).sort()).toEqual(MIGRATIONS.map((m) => m.id).sort());
      await check.close();
    });

    it('upserts users idempotently and deletes only those a complete pass did not see', async () => {
      await store.write((w) => w.upsertUsers([user('1'), user('2'), user('3')], 'run-a', NOW));
      await store.write((w) => w.upsertUsers([user('1', { title: 'VP "Sales"; DROP TABLE gong_users;--' }), user('2')], 'run-b', NOW));
      const deleted = await store.write((w) => w.markUnseenUsersDeleted('run-b', NOW));
      expect(deleted).toBe(1);
      const rows = await store.allTenants.selectFrom('gong_users').selectAll().orderBy('id').execute();
      expect(rows.map((r) => [r.id, r.deleted_at])).toEqual([
        ['1', null],
        ['2', null],
        ['3', NOW],
      ]);
      expect(rows[0]!.title).toBe('VP "Sales"; DROP TABLE gong_users;--');
      expect(Boolean(rows[0]!.active)).toBe(true);
      expect(rows[0]!.created_at).toBe('2026-01-02T03:04:05.678Z');
      expect(JSON.parse(rows[0]!.raw)).toEqual(user('1').raw);
      // A user who comes back is undeleted.
      await store.write((w) => w.upsertUsers([user('3')], 'run-c', NOW));
      const back = await store.allTenants.selectFrom('gong_users').select('deleted_at').where('id', '=', '3').executeTakeFirstOrThrow();
      expect(back.deleted_at).toBeNull();
    });

    it('stores calls with parties, replaces parties on re-fetch, and keeps none for imported calls', async () => {
      await store.write((w) => w.upsertCalls([call('10', '2026-11-01T09:00:00.000Z'), call('11', '2026-11-02T09:00:00.000Z')], NOW));
      await store.write((w) =>
        w.upsertCalls([call('10', '2026-11-01T09:00:00.000Z', { parties: [call('x', NOW).parties![0]!] }), call('12', '2026-11-03T09:00:00.000Z', { parties: null })], NOW),
      );
      const parties = await store.partiesOfCalls(['10', '11', '12']);
      expect(parties.get('10')!.map((p) => p.party_id)).toEqual(['p1']);
      expect(parties.get('11')!.map((p) => p.party_id)).toEqual(['p1', 'p2']);
      expect(parties.get('12')).toBeUndefined();
      const row = await store.getCall('11');
      expect(row!.started_at).toBe('2026-11-02T09:00:00.000Z');
      expect(Boolean(row!.is_private)).toBe(false);
      expect(parties.get('11')![1]).toMatchObject({ speaker_id: null, email: 'buyer@acme.example', phone: '+15550100' });
    });

    it('keeps text exactly: quotes, SQL, emoji, non-Latin scripts, NUL-free control characters', async () => {
      const title = `O'Brien "quoted" ; DELETE FROM gong_calls; -- 日本語 العربية 🚀 \t tab`;
      await store.write((w) => w.upsertCalls([call('20', '2026-11-04T09:00:00.000Z', { title, raw: { metaData: { title } } })], NOW));
      const row = await store.getCall('20');
      expect(row!.title).toBe(title);
      expect(JSON.parse(row!.raw).metaData.title).toBe(title);
    });

    it('deletes a call with everything that hangs off it', async () => {
      await store.write(async (w) => {
        await w.upsertCalls([call('30', '2026-11-05T09:00:00.000Z')], NOW);
        await w.upsertTranscripts([{ call_id: '30', segments: [{ speakerId: 's1', sentences: [] }], text: 'x', fetched_at: NOW }]);
      });
      const n = await store.write((w) => w.deleteCalls(['30', 'never-stored']));
      expect(n).toBe(1);
      expect(await store.getCall('30')).toBeUndefined();
      expect(await store.getTranscript('30')).toBeUndefined();
      expect((await store.partiesOfCalls(['30'])).size).toBe(0);
    });

    it('tracks calls waiting for a transcript and gives up on old ones', async () => {
      const location = await target.location();
      const s = await openStore(location);
      await s.write((w) =>
        w.upsertCalls([call('a', '2026-09-01T00:00:00.000Z'), call('b', '2026-11-10T00:00:00.000Z'), call('c', '2026-11-11T00:00:00.000Z')], NOW),
      );
      expect((await s.callsNeedingTranscript(10)).map((c) => c.id)).toEqual(['a', 'b', 'c']);
      expect((await s.callsNeedingTranscript(1, { startedAt: '2026-09-01T00:00:00.000Z', id: 'a' })).map((c) => c.id)).toEqual(['b']);
      const { gaveUp } = await s.write((w) =>
        w.recordTranscriptMisses(
          [
            { callId: 'a', startedAt: '2026-09-01T00:00:00.000Z' },
            { callId: 'b', startedAt: '2026-11-10T00:00:00.000Z' },
          ],
          NOW,
          '2026-10-21T10:00:00.000Z',
        ),
      );
      expect(gaveUp).toBe(1);
      await s.write((w) => w.upsertTranscripts([{ call_id: 'c', segments: [], text: '', fetched_at: NOW }]));
      expect((await s.callsNeedingTranscript(10)).map((c) => c.id)).toEqual(['b']);
      expect(await s.pendingTranscripts()).toEqual({ waiting: 1, neverAsked: 0, gaveUp: 1, oldestWaiting: '2026-11-10T00:00:00.000Z' });
      const attempts = await s.allTenants.selectFrom('transcript_pending').select(['call_id', 'attempts']).orderBy('call_id').execute();
      expect(attempts.map((a) => [a.call_id, Number(a.attempts)])).toEqual([
        ['a', 1],
        ['b', 1],
      ]);
      await s.close();
    });

    it('round-trips stream state and run records', async () => {
      const progress = { windowFrom: '2026-08-01T00:00:00.000Z', windowTo: NOW, resumeFrom: '2026-09-01T12:00:00.000Z', passId: 'run-1' };
      await store.write((w) => w.setStreamState('calls', { progress }, NOW));
      await store.write((w) => w.setStreamState('calls', { watermark: NOW }, NOW));
      expect(await store.getStreamState('calls')).toEqual({ watermark: NOW, backfillFrom: null, progress, completedAt: null, updatedAt: NOW });
      await store.write((w) => w.startRun('r1', NOW));
      const stats = { users: 1, deletedUsers: 0, calls: 2, parties: 3, privateSkipped: 0, deletedCalls: 0, transcripts: 1, transcriptsPending: 0, transcriptsGaveUp: 0, requests: 4 };
      await store.write((w) => w.finishRun('r1', 'completed', stats, null, NOW));
      expect(await store.recentRuns(1)).toEqual([{ id: 'r1', startedAt: NOW, finishedAt: NOW, status: 'completed', error: null, stats }]);
      expect((await store.lastRunWithStatus('completed'))?.id).toBe('r1');
    });

    it('counts requests per account and day, also under concurrent writers', async () => {
      const budget = store.budgetStore();
      await Promise.all(Array.from({ length: 20 }, () => budget.add('acct', '2026-11-20', 1)));
      expect(await budget.load('acct', '2026-11-20')).toBe(20);
      expect(await budget.load('acct', '2026-11-21')).toBe(0);
      expect(await store.requestsOn('2026-11-20')).toEqual([{ accountKey: 'acct', used: 20 }]);
    });

    it('lets one sync lock a connection at a time, and other connections independently', async () => {
      const lock = await store.tryLockSync();
      expect(lock).not.toBeNull();
      expect(await store.tryLockSync()).toBeNull();
      const other = await store.forConnection('tenant-b').tryLockSync();
      expect(other).not.toBeNull();
      await lock!.release();
      const again = await store.tryLockSync();
      expect(again).not.toBeNull();
      await again!.release();
      await other!.release();
    });

    it('keeps each connection\'s rows apart', async () => {
      const a = store.forConnection('tenant-a');
      const b = store.forConnection('tenant-b');
      await a.write((w) => w.upsertCalls([call('same-id', '2026-11-06T00:00:00.000Z', { title: 'A' })], NOW));
      await b.write((w) => w.upsertCalls([call('same-id', '2026-11-06T00:00:00.000Z', { title: 'B' })], NOW));
      expect((await a.getCall('same-id'))!.title).toBe('A');
      expect((await b.getCall('same-id'))!.title).toBe('B');
      await b.write((w) => w.deleteCalls(['same-id']));
      expect((await a.getCall('same-id'))!.title).toBe('A');
      expect((await a.counts()).gong_calls).toBe(1);
    });

    it('removes a connection with its rows in every table, and nothing of another', async () => {
      const s = await openStore(await target.location());
      const key = parseSecretKey(generateSecretKey());
      const repo = new ConnectionRepository(s);
      for (const name of ['tenant-x', 'tenant-y']) {
        await repo.add({ name, baseUrl: 'https://api.gong.io', since: null, everySeconds: null, dailyBudget: null, rate: '3/s', limitKey: name, oauthTokenUrl: null }, { kind: 'basic', accessKey: 'k', accessKeySecret: 's' }, key);
        const t = s.forConnection(name);
        await t.write(async (w) => {
          await w.upsertUsers([user('1')], 'run-1', NOW);
          await w.upsertCalls([call('1', NOW)], NOW);
          await w.upsertTranscripts([{ call_id: '1', segments: [], text: '', fetched_at: NOW }]);
          await w.setStreamState('calls', { watermark: NOW }, NOW);
          await w.startRun('r1', NOW);
        });
        await t.budgetStore().add(name, '2026-11-20', 3);
      }
      const before = await connectionRowCounts(s, 'tenant-y');
      expect(before.gong_calls).toBe(1);
      expect(before.sync_runs).toBe(1);
      await removeConnection(s, 'tenant-x');
      expect(Object.values(await connectionRowCounts(s, 'tenant-x')).every((n) => n === 0)).toBe(true);
      expect(await connectionRowCounts(s, 'tenant-y')).toEqual(before);
      expect(await s.budgetStore().load('tenant-x', '2026-11-20')).toBe(0);
      expect(await s.budgetStore().load('tenant-y', '2026-11-20')).toBe(3);
      expect((await repo.list()).map((c) => c.name)).toEqual(['tenant-y']);
      await s.close();
    });

    it('rolls back a failed transaction entirely', async () => {
      await expect(
        store.write(async (w) => {
          await w.upsertCalls([call('40', '2026-11-07T00:00:00.000Z')], NOW);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.getCall('40')).toBeUndefined();
    });
  });
}
