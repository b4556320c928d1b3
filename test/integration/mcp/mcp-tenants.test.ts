import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openReadOnlyStore } from '../../../src/store/open-read-only-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { runCli } from '../../support/run-cli.js';
import { startTestPostgres, type TestPostgres } from '../../support/test-postgres.js';
import { connectStdio, ok, refused } from './mcp-client.js';
import { syncCompany, type SyncedCompany } from './mcp-fixture.js';

const TENANTS = [
  { name: 'acme', seed: 21 },
  { name: 'globex', seed: 22 },
] as const;

interface Tenant {
  name: string;
  company: SyncedCompany;
  callIds: Set<string>;
  session: Awaited<ReturnType<typeof connectStdio>>;
  client: Client;
  account: string;
  /** The simulator's request count when the sync was done, before the server started. */
  requestsAfterSync: number;
}

describe('pandora-gong mcp on multi-tenant PostgreSQL', () => {
  let pg: TestPostgres;
  let store: GongStore;
  const tenants: Tenant[] = [];
  const other = (t: Tenant) => tenants.find((o) => o !== t)!;

  beforeAll(async () => {
    [pg] = await Promise.all([startTestPostgres(), ensureBuilt()]);
    store = await openStore(pg.url);
    const now = new Date().toISOString();
    for (const { name, seed } of TENANTS) {
      // The connection as `connections add` registers it; the server reads no credentials, so a placeholder envelope does.
      await sql`INSERT INTO connections (id, base_url, auth_kind, credentials, key_id, rate, limit_key, created_at, updated_at)
        VALUES (${name}, 'https://api.gong.io', 'basic', 'sealed-placeholder', 'test-key', '3/s', ${name}, ${now}, ${now})`.execute(store.allTenants);
      const tenantStore = store.forConnection(name);
      const company = await syncCompany(tenantStore, { seed, calls: 60 });
      const ids = await tenantStore.scoped.selectFrom('gong_calls').select('id').execute();
      const linked = await sql<{ name: string }>`SELECT a.name FROM crm_accounts AS a JOIN gong_call_links AS l ON l.connection_id = a.connection_id AND l.crm_object_id = a.id
        WHERE a.connection_id = ${name} AND l.crm_object_type = 'account' GROUP BY a.name ORDER BY count(*) DESC, a.name LIMIT 1`.execute(store.allTenants);
      const requestsAfterSync = company.sim.log.count();
      const session = await connectStdio(['--db', pg.url, '--connection', name]);
      tenants.push({ name, company, callIds: new Set(ids.map((r) => r.id)), session, client: session.client, account: linked.rows[0]!.name, requestsAfterSync });
    }
    expect([...tenants[0]!.callIds].filter((id) => tenants[1]!.callIds.has(id))).toEqual([]);
  }, 600_000);

  afterAll(async () => {
    for (const t of tenants) {
      await t.session.close();
      await t.company.close();
    }
    await store?.close();
    await pg?.stop();
  });

  it('lists, searches and counts only the connection\'s own calls', async () => {
    for (const t of tenants) {
      const listed = ((await ok(t.client, 'list_calls', { limit: 100 })).calls as { id: string }[]).map((c) => c.id);
      expect(new Set(listed)).toEqual(t.callIds);
      const hits = (await ok(t.client, 'search_transcripts', { query: 'pricing OR budget', limit: 100 })).hits as { callId: string }[];
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(t.callIds.has(hit.callId)).toBe(true);
      const status = await ok(t.client, 'sync_status');
      expect(status.connection).toBe(t.name);
      expect((status.counts as Record<string, number>).gong_calls).toBe(t.callIds.size);
      // A participant's domain (an index lookup on both engines) finds only this connection's calls too.
      const party = await store.allTenants.selectFrom('gong_call_parties').select(['call_id', 'email']).where('connection_id', '=', t.name).where('affiliation', '=', 'External').where('email', 'is not', null).limit(1).executeTakeFirstOrThrow();
      const byDomain = ((await ok(t.client, 'list_calls', { participant: party.email!.split('@')[1]!.toUpperCase(), limit: 100 })).calls as { id: string }[]).map((c) => c.id);
      expect(byDomain).toContain(party.call_id);
      for (const id of byDomain) expect(t.callIds.has(id)).toBe(true);
      const { resources } = await t.client.listResources();
      for (const r of resources) expect(t.callIds.has(decodeURIComponent(r.uri.replace('gong://calls/', '')))).toBe(true);
    }
  });

  it('does not know the other connection\'s calls or accounts', async () => {
    for (const t of tenants) {
      const foreign = [...other(t).callIds][0]!;
      expect(await refused(t.client, 'get_call', { callId: foreign })).toMatch(/no call .* in the database/);
      expect(await refused(t.client, 'get_transcript', { callId: foreign })).toMatch(/no call .* in the database/);
      await expect(t.client.readResource({ uri: `gong://calls/${foreign}` })).rejects.toThrow();
      const own = await ok(t.client, 'account_overview', { account: t.account });
      for (const call of own.calls as { id: string }[]) expect(t.callIds.has(call.id)).toBe(true);
      const theirs = other(t).account;
      if (theirs !== t.account) {
        const answer = await t.client.callTool({ name: 'account_overview', arguments: { account: theirs } });
        const text = (answer.content as { text: string }[])[0]!.text;
        if (!answer.isError) {
          // The same name can exist in both CRMs: then it must be this connection's account.
          for (const call of (JSON.parse(text).calls as { id: string }[])) expect(t.callIds.has(call.id)).toBe(true);
        }
      }
    }
  });

  it('refuses a connection that does not exist, naming those that do', async () => {
    const result = await runCli(['mcp', '--db', pg.url, '--connection', 'initech']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no connection named "initech" .*: it has acme, globex/);
    expect(result.stderr).not.toContain('test-only-password');
  });

  it('opens PostgreSQL read-only: the session refuses writes', async () => {
    const reader = await openReadOnlyStore(pg.url, { connectionId: 'acme' });
    try {
      await expect(sql`DELETE FROM gong_calls WHERE connection_id = 'acme'`.execute(reader.allTenants)).rejects.toThrow(/read-only transaction/);
      await expect(reader.write((w) => w.upsertPlain({ name: 'x' } as never, [{}]))).rejects.toThrow();
    } finally {
      await reader.close();
    }
    const left = await store.allTenants.selectFrom('gong_calls').select(sql<string>`count(*)`.as('n')).where('connection_id', '=', 'acme').executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(tenants[0]!.callIds.size);
  });

  it('sends no request to Gong during the sessions', () => {
    for (const t of tenants) expect(t.company.sim.log.count()).toBe(t.requestsAfterSync);
  });
});
