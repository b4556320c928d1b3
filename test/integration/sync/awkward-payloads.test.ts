import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GongClient } from '../../../src/client/gong-client.js';
import { openStore } from '../../../src/store/open-store.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

/**
 * Payloads that are legal but awkward (RELIABILITY.md, "Awkward payloads"): missing optional
 * fields, nulls where values usually are, unknown new fields, ids sent as JSON numbers too big for
 * a double, a 4-hour transcript, non-Latin scripts, emoji, and strings full of quotes and SQL. A
 * small Gong written here serves them as raw JSON text (the simulator never produces them);
 * everything must be stored exactly.
 */
const NASTY = `Robert'); DROP TABLE gong_calls;-- "quoted" \\ back\\slash 日本語の会議 مرحبا 🚀👩🏽‍💻 \u00e9\u0301`;
const BIG_CALL_ID = '7782342274025937895';
const BIG_USER_ID = '2271307570613351879';

function usersPage(): string {
  return `{"requestId":"r1","records":{"totalRecords":3,"currentPageSize":3,"currentPageNumber":0},"users":[
    {"id":${BIG_USER_ID},"emailAddress":"ada@northwind.example","firstName":${JSON.stringify(NASTY)},"lastName":null,"title":null,"managerId":null,"active":true,"created":"2026-06-10T21:50:07.428+02:00","brandNewField":{"nested":[1,2,3]}},
    {"id":"2","active":false},
    {"id":"3","emailAddress":null,"firstName":"Zoë","lastName":"Ødegård","managerId":${BIG_USER_ID},"created":null,"settings":null,"spokenLanguages":null}
  ]}`;
}

function hugeTranscript(): unknown[] {
  // Four hours, a sentence every ~4.5 s, alternating speakers; one speaker unknown to Gong.
  const monologues = [];
  let t = 0;
  for (let m = 0; m < 800; m++) {
    const sentences = [];
    for (let s = 0; s < 4; s++) {
      sentences.push({ start: t, end: t + 4000, text: `${m % 7 === 0 ? NASTY : 'Sentence'} ${m}.${s}` });
      t += 4500;
    }
    monologues.push({ speakerId: m % 3 === 0 ? null : m % 3 === 1 ? 41 : '42', topic: m % 5 === 0 ? null : 'Pricing', sentences });
  }
  return monologues;
}

const HUGE = hugeTranscript();

function callsPage(): string {
  return `{"requestId":"r2","records":{"totalRecords":3,"currentPageSize":3,"currentPageNumber":0},"calls":[
    {"metaData":{"id":${BIG_CALL_ID},"url":"https://app.gong.io/call?id=${BIG_CALL_ID}","title":${JSON.stringify(NASTY)},"scheduled":null,"started":"2026-11-01T09:00:00.123456-04:00","duration":"14400","primaryUserId":${BIG_USER_ID},"direction":"Conference","system":"Zoom","scope":"External","media":"Video","language":"jpn","workspaceId":null,"isPrivate":false,"somethingNew":true},
     "parties":[{"id":1,"speakerId":41,"userId":${BIG_USER_ID},"affiliation":"Internal"},{"id":"p2","speakerId":"42","name":${JSON.stringify(NASTY)},"emailAddress":"buyer@acme.example","affiliation":"External","context":null,"methods":null}],
     "context":null},
    {"metaData":{"id":"100","started":"2026-11-02T09:00:00Z","customData":"before\\u0000after"}},
    {"metaData":{"id":"101","started":"2026-11-03T09:00:00Z","title":"","isPrivate":null},"parties":[]}
  ]}`;
}

function transcriptsPage(ids: string[]): string {
  const all = [
    { callId: BIG_CALL_ID, transcript: HUGE },
    { callId: '100', transcript: [{ speakerId: null, topic: null, sentences: [{ start: 0, end: 900, text: '' }, { start: 1000, end: 2000, text: '✅ done' }] }] },
  ].filter((t) => ids.includes(t.callId));
  if (all.length === 0) return '';
  const body = JSON.stringify({ requestId: 'r3', records: { totalRecords: all.length, currentPageSize: all.length, currentPageNumber: 0 }, callTranscripts: all });
  // The big call id goes out as a JSON number, like the ids Gong types as int64 (docs/gong-api.md
  // §2.3).
  return body.replace(`"callId":"${BIG_CALL_ID}"`, `"callId":${BIG_CALL_ID}`);
}

let server: Server;
let url: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const send = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json', date: new Date().toUTCString() });
        res.end(body);
      };
      if (req.method === 'GET' && req.url?.startsWith('/v2/users')) return send(200, usersPage());
      if (req.method === 'POST' && req.url === '/v2/calls/extensive') return send(200, callsPage());
      if (req.method === 'POST' && req.url === '/v2/calls/transcript') {
        const body = transcriptsPage(JSON.parse(raw).filter.callIds);
        return body ? send(200, body) : send(404, '{"requestId":"r4","errors":["No calls found corresponding to the provided filters"]}');
      }
      send(404, '{"requestId":"r5","errors":["not here"]}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  dir = mkdtempSync(join(tmpdir(), 'pgong-awkward-'));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`awkward payloads are stored exactly: ${target.name}`, () => {
    let store: GongStore;
    beforeAll(async () => {
      await target.setup();
      store = await openStore(await target.location());
      const client = new GongClient({ baseUrl: url, apiKey: 'key:secret', rateLimit: false, budget: false });
      // This server speaks only the three endpoints whose payloads are awkward.
      const report = await syncGong({ client, store, since: Date.parse('2026-10-01T00:00:00Z'), streams: ['users', 'calls', 'transcripts'] });
      expect(report.status).toBe('completed');
    });
    afterAll(async () => {
      await store?.close();
      await target.teardown();
    });

    it('keeps every digit of ids sent as numbers, in columns and in raw', async () => {
      const call = await store.getCall(BIG_CALL_ID);
      expect(call?.primary_user_id).toBe(BIG_USER_ID);
      expect(JSON.parse(call!.raw).metaData.id).toBe(BIG_CALL_ID);
      const users = await store.allTenants.selectFrom('gong_users').select(['id', 'manager_id']).orderBy('id').execute();
      expect(users.map((u) => u.id)).toEqual(['2', BIG_USER_ID, '3'].sort());
      expect(users.find((u) => u.id === '3')!.manager_id).toBe(BIG_USER_ID);
      const parties = (await store.partiesOfCalls([BIG_CALL_ID])).get(BIG_CALL_ID)!;
      expect(parties.map((p) => [p.party_id, p.speaker_id])).toEqual([
        ['1', '41'],
        ['p2', '42'],
      ]);
    });

    it('stores quotes, SQL, non-Latin scripts and emoji byte for byte', async () => {
      const call = await store.getCall(BIG_CALL_ID);
      expect(call!.title).toBe(NASTY);
      const user = await store.allTenants.selectFrom('gong_users').select(['first_name', 'raw']).where('id', '=', BIG_USER_ID).executeTakeFirstOrThrow();
      expect(user.first_name).toBe(NASTY);
      expect(JSON.parse(user.raw).brandNewField).toEqual({ nested: [1, 2, 3] });
      expect(JSON.parse(call!.raw).metaData.somethingNew).toBe(true);
    });

    it('accepts missing optional fields and nulls, and numbers sent as strings', async () => {
      // U+0000: SQLite keeps it; PostgreSQL cannot store it and gets U+FFFD instead of a stuck sync.
      const nul = JSON.parse((await store.getCall('100'))!.raw).metaData.customData;
      expect(nul).toBe(target.name === 'sqlite' ? 'before\u0000after' : 'before\uFFFDafter');
      const bare = await store.getCall('100');
      expect(bare).toMatchObject({ title: null, scheduled_at: null, duration_seconds: null, primary_user_id: null, url: null, started_at: '2026-11-02T09:00:00.000Z' });
      expect((await store.partiesOfCalls(['100'])).get('100')).toBeUndefined();
      const empty = await store.getCall('101');
      expect(empty).toMatchObject({ title: '', started_at: '2026-11-03T09:00:00.000Z' });
      expect(Boolean(empty!.is_private)).toBe(false);
      const big = await store.getCall(BIG_CALL_ID);
      expect(big).toMatchObject({ duration_seconds: 14400, started_at: '2026-11-01T13:00:00.123Z', workspace_id: null });
      const inactive = await store.allTenants.selectFrom('gong_users').selectAll().where('id', '=', '2').executeTakeFirstOrThrow();
      expect(inactive).toMatchObject({ email: null, first_name: null, created_at: null });
      expect(Boolean(inactive.active)).toBe(false);
    });

    it('stores a 4-hour transcript whole, renders past the hour, and never drops an unknown speaker', async () => {
      const row = await store.getTranscript(BIG_CALL_ID);
      const segments = JSON.parse(row!.segments);
      expect(segments).toHaveLength(HUGE.length);
      expect(segments[799].sentences[3].text).toBe((HUGE[799] as any).sentences[3].text);
      // Gong's numeric speaker id 41 is normalised to the string every party id is.
      expect(segments[1].speakerId).toBe('41');
      const lines = row!.text.split('\n');
      expect(lines).toHaveLength(800);
      expect(lines[0]).toMatch(/^\[00:00\] Unknown speaker: /);
      expect(lines[1]).toMatch(/^\[00:18\] .+ \(Internal\): Sentence 1\.0/);
      expect(lines[799]).toMatch(/^\[3:59:42\] /);
      expect(row!.text).toContain(NASTY);
      const small = await store.getTranscript('100');
      expect(small!.text).toBe('[00:00] Unknown speaker: ✅ done');
    });
  });
}
