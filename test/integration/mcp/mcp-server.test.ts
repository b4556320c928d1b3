import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GongStore } from '../../../src/store/gong-store.js';
import { openReadOnlyStore } from '../../../src/store/open-read-only-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { ensureBuilt } from '../../support/ensure-built.js';
import { runCli } from '../../support/run-cli.js';
import { callTool, connectHttp, connectStdio, ok, refused, startHttpServer } from './mcp-client.js';
import { syncCompany, type SyncedCompany } from './mcp-fixture.js';

const TOOLS = ['account_overview', 'get_call', 'get_transcript', 'list_calls', 'search_transcripts', 'sync_status'];
const HIT_KEYS = ['callId', 'title', 'startedAt', 'speaker', 'affiliation', 'offsetMs', 'snippet', 'url'];

interface ListedCall {
  id: string;
  startedAt: string;
  brief: string | null;
  outcome: string | null;
  trackers: { name: string; count: number }[];
  accounts: { id: string; name: string }[];
  deals: { id: string }[];
  participants: { email: string | null; affiliation: string | null }[];
  url: string;
}

describe('pandora-gong mcp over a synced SQLite database', () => {
  let dir: string;
  let file: string;
  let company: SyncedCompany;
  let store: GongStore;
  let session: Awaited<ReturnType<typeof connectStdio>>;
  let client: Client;
  let requestsBefore: number;
  let fileHashBefore: string;
  /** The account with the most linked calls, its name and its calls newest first (from the database). */
  let account: { id: string; name: string; domain: string | null; calls: string[] };

  const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgong-mcp-'));
    file = join(dir, 'gong.db');
    const [, writable] = await Promise.all([ensureBuilt(), openStore(file)]);
    company = await syncCompany(writable, { seed: 11, calls: 120 });
    await writable.close();
    store = await openReadOnlyStore(file);
    const top = await sql<{ id: string; name: string; domain: string | null; n: number }>`
      SELECT a.id, a.name, a.domain, count(*) AS n FROM gong_call_links AS l JOIN crm_accounts AS a ON a.connection_id = l.connection_id AND a.id = l.crm_object_id
      WHERE l.crm_object_type = 'account' GROUP BY a.id, a.name, a.domain ORDER BY n DESC, a.id LIMIT 1`.execute(store.allTenants);
    const row = top.rows[0]!;
    const calls = await sql<{ id: string }>`
      SELECT c.id FROM gong_calls AS c WHERE c.id IN (
        SELECT call_id FROM gong_call_links WHERE crm_object_type = 'account' AND crm_object_id = ${row.id}
        UNION SELECT l.call_id FROM gong_call_links AS l JOIN crm_deals AS d ON d.id = l.crm_object_id WHERE l.crm_object_type = 'deal' AND d.account_id = ${row.id})
      ORDER BY c.started_at DESC, c.id DESC`.execute(store.allTenants);
    account = { id: row.id, name: row.name, domain: row.domain, calls: calls.rows.map((r) => r.id) };
    expect(account.calls.length).toBeGreaterThan(3);
    requestsBefore = company.sim.log.count();
    fileHashBefore = hash();
    session = await connectStdio(['--db', file]);
    client = session.client;
  }, 300_000);

  afterAll(async () => {
    await session?.close();
    await store?.close();
    await company?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('initializes as pandora-gong and lists the six read-only tools and the call resource templates', async () => {
    expect(client.getServerVersion()?.name).toBe('pandora-gong');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      expect(tool.description!.length, tool.name).toBeGreaterThan(80);
    }
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['gong://calls/{id}', 'gong://calls/{id}/transcript']);
    const { resources } = await client.listResources();
    expect(resources.length).toBe(Math.min(50, (await store.counts()).gong_calls!));
  });

  it('reads a call and its whole transcript as resources', async () => {
    const callId = company.withContent[0]!;
    const call = await client.readResource({ uri: `gong://calls/${callId}` });
    expect(JSON.parse((call.contents[0] as { text: string }).text)).toMatchObject({ id: callId, brief: expect.stringContaining('Brief of call') });
    const stored = (await store.getTranscript(callId))!.text;
    const transcript = await client.readResource({ uri: `gong://calls/${callId}/transcript` });
    expect((transcript.contents[0] as { text: string }).text).toBe(stored);
  });

  it('search_transcripts finds sentences with the contract keys, narrowed to an account', async () => {
    const all = await ok(client, 'search_transcripts', { query: 'pricing', limit: 50 });
    const hits = all.hits as Record<string, unknown>[];
    expect(hits.length).toBeGreaterThan(0);
    expect(Object.keys(hits[0]!)).toEqual(HIT_KEYS);
    expect(all.syncedThrough).toMatch(/^\d{4}-\d\d-\d\dT/);
    const narrowed = await ok(client, 'search_transcripts', { query: 'pricing', account: account.name, limit: 100 });
    const inAccount = new Set(account.calls);
    expect((narrowed.hits as { callId: string }[]).every((h) => inAccount.has(h.callId))).toBe(true);
    expect(narrowed.account).toEqual({ id: account.id, name: account.name });
  });

  it('list_calls pages an account\'s calls newest first with cursors, each call with brief, links and a Gong link', async () => {
    const seen: ListedCall[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await ok(client, 'list_calls', { account: account.name, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...(page.calls as ListedCall[]));
      cursor = page.nextCursor as string | null;
    } while (cursor);
    expect(seen.map((c) => c.id)).toEqual(account.calls);
    for (const call of seen) {
      expect(call.url).toMatch(/^https?:\/\//);
      expect(call.accounts.map((a) => a.id).concat(call.deals.length > 0 ? [account.id] : [])).toContain(account.id);
    }
    const everything = await ok(client, 'list_calls', { limit: 100 });
    const withBrief = (everything.calls as ListedCall[]).filter((c) => c.brief !== null);
    expect(withBrief.map((c) => c.id).sort()).toEqual([...company.withContent].sort());
    expect(withBrief[0]!.trackers[0]).toEqual({ name: 'Pricing', count: 3 });
  });

  it('list_calls filters by participant address and domain, by user and by date', async () => {
    const party = await store.scoped.selectFrom('gong_call_parties').select(['call_id', 'email']).where('affiliation', '=', 'External').where('email', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const email = party.email!;
    const byEmail = (await ok(client, 'list_calls', { participant: email.toUpperCase(), limit: 100 })).calls as ListedCall[];
    expect(byEmail.map((c) => c.id)).toContain(party.call_id);
    for (const call of byEmail) expect(call.participants.some((p) => p.email?.toLowerCase() === email.toLowerCase())).toBe(true);
    const domain = email.split('@')[1]!;
    const byDomain = (await ok(client, 'list_calls', { participant: domain, limit: 100 })).calls as ListedCall[];
    expect(byDomain.length).toBeGreaterThanOrEqual(byEmail.length);
    const host = await store.scoped.selectFrom('gong_calls as c').innerJoin('gong_users as u', 'u.id', 'c.primary_user_id').select(['c.id', 'u.email']).limit(1).executeTakeFirstOrThrow();
    const byUser = (await ok(client, 'list_calls', { user: host.email!, limit: 100 })).calls as ListedCall[];
    expect(byUser.map((c) => c.id)).toContain(host.id);
    const since = account.calls.length > 0 ? (await store.getCall(account.calls[1]!))!.started_at : '';
    const recent = (await ok(client, 'list_calls', { account: account.id, since, limit: 100 })).calls as ListedCall[];
    expect(recent.map((c) => c.id)).toEqual(account.calls.slice(0, 2));
  });

  it('get_call gives brief, key points, outcome, topics and trackers when stored, and still answers without them', async () => {
    const callId = company.withContent[0]!;
    const { call } = (await ok(client, 'get_call', { callId })) as { call: Record<string, unknown> };
    expect(call).toMatchObject({
      id: callId,
      brief: expect.stringContaining(callId),
      keyPoints: [`Key point one of ${callId}`, 'They want a proposal by Friday'],
      outcome: 'Qualified',
      topics: [{ name: 'Pricing', duration: 120 }, { name: 'Security', duration: 60 }],
      trackers: [{ name: 'Pricing', type: 'KEYWORD', count: 3 }, { name: 'Competitors', type: 'SMART', count: 1 }],
      hasTranscript: true,
    });
    expect((call.accounts as unknown[]).length).toBeGreaterThan(0);
    expect((call.parties as unknown[]).length).toBeGreaterThan(0);
    expect(call).not.toHaveProperty('transcript');
    const bare = await store.scoped.selectFrom('gong_calls').select('id').where('id', 'not in', company.withContent).limit(1).executeTakeFirstOrThrow();
    const other = (await ok(client, 'get_call', { callId: bare.id })).call as Record<string, unknown>;
    expect(other).toMatchObject({ id: bare.id, brief: null, keyPoints: [], outcome: null, topics: [], trackers: [] });
  });

  it('get_transcript pages at line ends under maxChars and the pages reassemble the stored transcript exactly', async () => {
    const row = await store.scoped.selectFrom('gong_transcripts').select(['call_id', 'text']).orderBy(sql`length(text)`, 'desc').limit(1).executeTakeFirstOrThrow();
    expect(row.text.length).toBeGreaterThan(3000);
    let offset: number | null = 0;
    let text = '';
    let pages = 0;
    while (offset !== null) {
      const page = await ok(client, 'get_transcript', { callId: row.call_id, offset, maxChars: 1000 });
      expect(page.offset).toBe(offset);
      const part = page.text as string;
      expect(part.length).toBeLessThanOrEqual(1000);
      offset = page.nextOffset as number | null;
      if (offset !== null) expect(part.endsWith('\n') || part.length === 1000).toBe(true);
      text += part;
      pages++;
    }
    expect(pages).toBeGreaterThan(2);
    expect(text).toBe(row.text);
    // The default page is 20,000 characters at most; a larger maxChars takes the whole transcript.
    const first = await ok(client, 'get_transcript', { callId: row.call_id });
    expect((first.text as string).length).toBeLessThanOrEqual(20_000);
    expect(row.text.startsWith(first.text as string)).toBe(true);
    const whole = await ok(client, 'get_transcript', { callId: row.call_id, maxChars: 200_000 });
    expect(whole).toMatchObject({ text: row.text, offset: 0, nextOffset: null, totalChars: row.text.length });
  });

  it('account_overview by name, id or domain: the account, its deals, its calls newest first with briefs, and who spoke', async () => {
    const overview = await ok(client, 'account_overview', { account: account.name });
    expect(overview.account).toMatchObject({ id: account.id, name: account.name });
    expect(overview.callCount).toBe(account.calls.length);
    expect((overview.calls as ListedCall[]).map((c) => c.id)).toEqual(account.calls.slice(0, 10));
    const deals = await store.scoped.selectFrom('crm_deals').select('id').where('account_id', '=', account.id).execute();
    expect((overview.deals as { id: string }[]).map((d) => d.id).sort()).toEqual(deals.map((d) => d.id).sort());
    const people = overview.people as { calls: number; affiliation: string | null }[];
    expect(people.length).toBeGreaterThan(0);
    expect(people.some((p) => p.affiliation === 'External')).toBe(true);
    expect((await ok(client, 'account_overview', { account: account.id })).account).toMatchObject({ id: account.id });
    if (account.domain) expect((await ok(client, 'account_overview', { account: account.domain })).account).toMatchObject({ id: account.id });
  });

  it('sync_status reports watermarks, counts, the last run and pending transcripts', async () => {
    const status = await ok(client, 'sync_status');
    expect(status.counts).toMatchObject({ gong_calls: (await store.counts()).gong_calls });
    expect(status.lastRun).toMatchObject({ status: 'completed' });
    expect(status.pendingTranscripts).toHaveProperty('waiting');
    expect((status.watermarks as Record<string, string>).calls).toBe(status.syncedThrough);
  });

  it('answers every bad input with one clear sentence marked isError', async () => {
    expect(await refused(client, 'get_call', { callId: 'no-such-call' })).toMatch(/no call no-such-call in the database: use list_calls or search_transcripts/);
    expect(await refused(client, 'get_transcript', { callId: 'no-such-call' })).toMatch(/no call no-such-call/);
    const typo = `${account.name.slice(0, -1)}x`;
    expect(await refused(client, 'account_overview', { account: 'zzzz nothing like it' })).toMatch(/no account matches "zzzz nothing like it" by id, name or domain; the closest account names are "/);
    expect(await refused(client, 'account_overview', { account: `${typo}qq` })).toContain(`"${account.name}"`);
    expect(await refused(client, 'list_calls', { account: 'zzzz nothing like it' })).toMatch(/closest account names/);
    expect(await refused(client, 'list_calls', { deal: 'no-such-deal' })).toMatch(/no deal has the id or name "no-such-deal"/);
    expect(await refused(client, 'list_calls', { user: 'nobody-at-all@nowhere.example' })).toMatch(/no Gong user matches/);
    expect(await refused(client, 'list_calls', { since: 'last tuesday' })).toMatch(/since "last tuesday" is not a date/);
    expect(await refused(client, 'list_calls', { since: '2026-10-01', until: '2026-09-01' })).toMatch(/since .* must be before until/);
    expect(await refused(client, 'list_calls', { cursor: 'not-a-cursor' })).toMatch(/cursor is not one this server gave/);
    expect(await refused(client, 'list_calls', { limit: 0 })).toMatch(/limit must be at least 1/);
    expect(await refused(client, 'search_transcripts', { query: '   ' })).toMatch(/query must not be empty/);
    expect(await refused(client, 'search_transcripts', { query: '"unclosed' })).toMatch(/quote|"/);
    expect(await refused(client, 'search_transcripts', { query: 'pricing', affiliation: 'customers' })).toMatch(/affiliation must be internal, external or unknown/);
    expect(await refused(client, 'get_transcript', { callId: company.withContent[0]!, offset: 10_000_000 })).toMatch(/offset 10000000 is past the end of the transcript/);
    expect(await refused(client, 'get_transcript', { callId: company.withContent[0]!, maxChars: 5 })).toMatch(/maxChars must be at least 200/);
    expect(await refused(client, 'get_call', {})).toMatch(/callId/);
  });

  it('never writes: the database file is unchanged by the session, and the reader refuses SQL writes', async () => {
    expect(hash()).toBe(fileHashBefore);
    await expect(sql`DELETE FROM gong_calls`.execute(store.allTenants)).rejects.toThrow(/readonly|read-only|query_only/i);
    await expect(store.write(async () => undefined)).rejects.toThrow(/read-only/);
  });

  it('sends no request to Gong during the session', () => {
    expect(company.sim.log.count()).toBe(requestsBefore);
  });

  describe('over Streamable HTTP', () => {
    it('serves the same tools on 127.0.0.1 with no token needed', async () => {
      const { url, cli } = await startHttpServer(['--db', file]);
      try {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
        const http = await connectHttp(url);
        expect((await http.listTools()).tools.map((t) => t.name).sort()).toEqual(TOOLS);
        const direct = await ok(client, 'get_call', { callId: company.withContent[1]! });
        expect(await ok(http, 'get_call', { callId: company.withContent[1]! })).toEqual(direct);
        await http.close();
      } finally {
        cli.kill('SIGTERM');
        expect((await cli.result).code).toBe(0);
      }
    });

    it('refuses a non-loopback host without PANDORA_GONG_MCP_TOKEN, and checks the Bearer token when set', async () => {
      const refusedStart = await runCli(['mcp', '--db', file, '--http', '0', '--host', '0.0.0.0']);
      expect(refusedStart.code).toBe(2);
      expect(refusedStart.stderr).toMatch(/--host 0\.0\.0\.0 lets other machines connect: set PANDORA_GONG_MCP_TOKEN/);
      const token = 'test-token-0123456789';
      const { url, cli } = await startHttpServer(['--db', file, '--host', '0.0.0.0'], { PANDORA_GONG_MCP_TOKEN: token });
      try {
        const local = url.replace('0.0.0.0', '127.0.0.1');
        const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };
        const post = (authorization?: string) =>
          fetch(local, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(init) });
        expect((await post()).status).toBe(401);
        expect((await post('Bearer wrong-token')).status).toBe(401);
        expect((await post(`Bearer ${token}x`)).status).toBe(401);
        expect((await post(`Basic ${token}`)).status).toBe(401);
        expect((await post(`Bearer ${token}`)).status).toBe(200);
        await expect(connectHttp(local)).rejects.toThrow();
        const http = await connectHttp(local, token);
        expect((await callTool(http, 'sync_status')).isError).toBe(false);
        await http.close();
      } finally {
        cli.kill('SIGTERM');
        const result = await cli.result;
        expect(result.stdout + result.stderr).not.toContain(token);
      }
    });
  });
});
