import { describe, expect, it } from 'vitest';
import { createFetchTransport } from '../../../src/client/fetch-transport.js';
import { paginate, paginateBatches, withCursor } from '../../../src/client/paginate.js';
import type { GongRequest } from '../../../src/client/request.js';
import { GongCursorExpiredError, GongNotFoundError, GongProtocolError, GongRepeatedCursorError } from '../../../src/errors.js';
import { ManualClock } from '../../../src/util/clock.js';
import { fakeFetch, json, noResults, page, type Responder } from './fake-fetch.js';

function transport(answer: Responder | Response[]) {
  const fake = fakeFetch(answer);
  const send = createFetchTransport({ baseUrl: 'https://api.gong.io', fetch: fake.fetch, timeoutMs: 5000, clock: new ManualClock(0) });
  return { send, requests: fake.requests };
}

const GET_CALLS: GongRequest = {
  method: 'GET',
  path: '/v2/calls',
  query: { fromDateTime: '2026-09-01T00:00:00.000Z', toDateTime: '2026-09-02T00:00:00.000Z' },
};
const POST_EXTENSIVE: GongRequest = {
  method: 'POST',
  path: '/v2/calls/extensive',
  body: { filter: { fromDateTime: '2026-09-01T00:00:00.000Z' }, contentSelector: { context: 'Extended' } },
};

describe('paginate: where the cursor goes (docs/gong-api.md §2.2)', () => {
  it('GET: repeats the identical query and adds ?cursor=', async () => {
    const { send, requests } = transport([
      page('calls', [{ id: '1' }, { id: '2' }], 'cur/1+=', 0, 5),
      page('calls', [{ id: '3' }, { id: '4' }], 'cur2', 1, 5),
      page('calls', [{ id: '5' }], undefined, 2, 5),
    ]);
    const items = await paginate<{ id: string }>(send, GET_CALLS, 'calls').toArray();
    expect(items.map((c) => c.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(requests.map((r) => r.url.toString())).toEqual([
      'https://api.gong.io/v2/calls?fromDateTime=2026-09-01T00%3A00%3A00.000Z&toDateTime=2026-09-02T00%3A00%3A00.000Z',
      'https://api.gong.io/v2/calls?fromDateTime=2026-09-01T00%3A00%3A00.000Z&toDateTime=2026-09-02T00%3A00%3A00.000Z&cursor=cur%2F1%2B%3D',
      'https://api.gong.io/v2/calls?fromDateTime=2026-09-01T00%3A00%3A00.000Z&toDateTime=2026-09-02T00%3A00%3A00.000Z&cursor=cur2',
    ]);
    expect(requests.every((r) => r.method === 'GET' && r.body === undefined)).toBe(true);
  });

  it('POST: repeats the identical body with a top-level "cursor" key, never in the query', async () => {
    const { send, requests } = transport([
      page('calls', [{ metaData: { id: '1' } }], 'c1', 0, 3),
      page('calls', [{ metaData: { id: '2' } }], 'c2', 1, 3),
      page('calls', [{ metaData: { id: '3' } }], undefined, 2, 3),
    ]);
    const items = await paginate(send, POST_EXTENSIVE, 'calls').toArray();
    expect(items).toHaveLength(3);
    expect(requests.map((r) => r.body)).toEqual([
      { filter: { fromDateTime: '2026-09-01T00:00:00.000Z' }, contentSelector: { context: 'Extended' } },
      { filter: { fromDateTime: '2026-09-01T00:00:00.000Z' }, contentSelector: { context: 'Extended' }, cursor: 'c1' },
      { filter: { fromDateTime: '2026-09-01T00:00:00.000Z' }, contentSelector: { context: 'Extended' }, cursor: 'c2' },
    ]);
    expect(requests.every((r) => r.url.search === '' && r.method === 'POST')).toBe(true);
  });

  it('withCursor never mutates the original request', () => {
    const copy = structuredClone({ query: GET_CALLS.query, body: POST_EXTENSIVE.body });
    withCursor(GET_CALLS, 'x');
    withCursor(POST_EXTENSIVE, 'x');
    expect({ query: GET_CALLS.query, body: POST_EXTENSIVE.body }).toEqual(copy);
    expect(withCursor(GET_CALLS, undefined)).toBe(GET_CALLS);
  });
});

describe('paginate: pages', () => {
  it('exposes pages with records, requestId, a 0-based number and the next cursor', async () => {
    const { send } = transport([page('users', [{ id: 'a' }], 'n1', 0, 2), page('users', [{ id: 'b' }], undefined, 1, 2)]);
    const pages = [];
    for await (const p of paginate(send, { method: 'GET', path: '/v2/users' }, 'users').pages()) pages.push(p);
    expect(pages).toEqual([
      {
        items: [{ id: 'a' }],
        records: { totalRecords: 2, currentPageSize: 1, currentPageNumber: 0, cursor: 'n1' },
        requestId: 'req0',
        pageNumber: 0,
        cursor: 'n1',
      },
      { items: [{ id: 'b' }], records: { totalRecords: 2, currentPageSize: 1, currentPageNumber: 1 }, requestId: 'req1', pageNumber: 1 },
    ]);
  });

  it('treats a page without a records block as the last page', async () => {
    const { send, requests } = transport([json(200, { requestId: 'r', users: [{ id: 'a' }] })]);
    expect(await paginate(send, { method: 'GET', path: '/v2/users' }, 'users').toArray()).toEqual([{ id: 'a' }]);
    expect(requests).toHaveLength(1);
  });

  it('treats a missing items key as an empty page, and a non-list as a protocol error', async () => {
    const missing = transport([json(200, { requestId: 'r', records: { totalRecords: 0, currentPageSize: 0, currentPageNumber: 0 } })]);
    expect(await paginate(missing.send, { method: 'GET', path: '/v2/users' }, 'users').toArray()).toEqual([]);
    const odd = transport([json(200, { requestId: 'r', users: 'nope' })]);
    await expect(paginate(odd.send, { method: 'GET', path: '/v2/users' }, 'users').toArray()).rejects.toBeInstanceOf(GongProtocolError);
  });

  it('is lazy: nothing is requested before iteration, and the next page only when asked for', async () => {
    const { send, requests } = transport([page('calls', [{ id: '1' }, { id: '2' }], 'c1'), page('calls', [{ id: '3' }])]);
    const list = paginate<{ id: string }>(send, GET_CALLS, 'calls');
    expect(requests).toHaveLength(0);
    const iterator = list[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ id: '1' });
    expect(requests).toHaveLength(1);
    expect((await iterator.next()).value).toEqual({ id: '2' });
    expect(requests).toHaveLength(1);
    expect((await iterator.next()).value).toEqual({ id: '3' });
    expect(requests).toHaveLength(2);
    expect((await iterator.next()).done).toBe(true);
  });

  it('stops requesting when the consumer breaks early', async () => {
    const { send, requests } = transport([page('calls', [{ id: '1' }], 'c1'), page('calls', [{ id: '2' }])]);
    for await (const call of paginate(send, GET_CALLS, 'calls')) {
      expect(call).toEqual({ id: '1' });
      break;
    }
    expect(requests).toHaveLength(1);
  });
});

describe('paginate: Gong 404s', () => {
  it('reads a first-page 404 "no results" as an empty list', async () => {
    const { send, requests } = transport([noResults()]);
    expect(await paginate(send, GET_CALLS, 'calls').toArray()).toEqual([]);
    const pages = [];
    for await (const p of paginate(send, GET_CALLS, 'calls').pages()) pages.push(p);
    expect(pages).toEqual([]);
    expect(requests).toHaveLength(2);
  });

  it('ends the list on a later-page 404 "no results"', async () => {
    const { send } = transport([page('calls', [{ id: '1' }], 'c1'), noResults()]);
    expect(await paginate(send, GET_CALLS, 'calls').toArray()).toEqual([{ id: '1' }]);
  });

  it('throws GongNotFoundError for any other 404', async () => {
    const { send } = transport([json(404, { requestId: 'x', errors: ['Call ID 1 was not found'] })]);
    await expect(paginate(send, GET_CALLS, 'calls').toArray()).rejects.toBeInstanceOf(GongNotFoundError);
  });
});

describe('paginate: broken sequences', () => {
  it('refuses a cursor it has already seen, with progress, before delivering the repeated page', async () => {
    const { send, requests } = transport([
      page('calls', [{ id: '1' }], 'c1'),
      page('calls', [{ id: '2' }], 'c2'),
      page('calls', [{ id: '1' }], 'c1'),
    ]);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const c of paginate<{ id: string }>(send, GET_CALLS, 'calls')) seen.push(c.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongRepeatedCursorError);
    expect((error as GongRepeatedCursorError).progress).toEqual({ pages: 2, records: 2, lastCursor: 'c2' });
    expect(seen).toEqual(['1', '2']);
    expect(requests).toHaveLength(3);
  });

  it('refuses a page that hands back the cursor that fetched it', async () => {
    const { send } = transport([page('calls', [{ id: '1' }], 'c1'), page('calls', [{ id: '2' }], 'c1')]);
    await expect(paginate(send, POST_EXTENSIVE, 'calls').toArray()).rejects.toBeInstanceOf(GongRepeatedCursorError);
  });

  it('reports an expired cursor mid-sequence with progress, and never restarts by itself', async () => {
    const { send, requests } = transport([
      page('calls', [{ id: '1' }, { id: '2' }], 'c1'),
      page('calls', [{ id: '3' }], 'c2'),
      json(400, { requestId: 'exp1', errors: ['cursor has expired'] }),
      page('calls', [{ id: 'restart' }], 'c9'),
    ]);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const c of paginate<{ id: string }>(send, POST_EXTENSIVE, 'calls')) seen.push(c.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongCursorExpiredError);
    const expired = error as GongCursorExpiredError;
    expect(expired.progress).toEqual({ pages: 2, records: 3, lastCursor: 'c1' });
    expect(expired.requestId).toBe('exp1');
    expect(expired.status).toBe(400);
    expect(expired.endpoint).toBe('POST /v2/calls/extensive');
    expect(expired.message).toMatch(/2 page\(s\) and 3 record\(s\)/);
    expect(seen).toEqual(['1', '2', '3']);
    expect(requests).toHaveLength(3);
    expect(requests[2]!.body).toMatchObject({ cursor: 'c2' });
  });
});

describe('paginateBatches', () => {
  it('walks each request in turn as one list, numbering pages across batches', async () => {
    const { send, requests } = transport([
      page('callTranscripts', [{ callId: '1' }], 'b1c1'),
      page('callTranscripts', [{ callId: '2' }]),
      noResults(),
      page('callTranscripts', [{ callId: '3' }]),
    ]);
    const batch = (ids: string[]): GongRequest => ({ method: 'POST', path: '/v2/calls/transcript', body: { filter: { callIds: ids } } });
    const pages = [];
    for await (const p of paginateBatches(send, [batch(['1', '2']), batch(['x']), batch(['3'])], 'callTranscripts').pages()) pages.push(p);
    expect(pages.map((p) => [p.pageNumber, p.items])).toEqual([
      [0, [{ callId: '1' }]],
      [1, [{ callId: '2' }]],
      [2, [{ callId: '3' }]],
    ]);
    expect(requests.map((r) => r.body)).toEqual([
      { filter: { callIds: ['1', '2'] } },
      { filter: { callIds: ['1', '2'] }, cursor: 'b1c1' },
      { filter: { callIds: ['x'] } },
      { filter: { callIds: ['3'] } },
    ]);
  });
});

describe('paginate: a server that never stops paging', () => {
  it('stops with a protocol error once a sequence runs past what its first page announced, with slack', async () => {
    let n = 0;
    // Every page new cursor, 50 records each, announcing 120 in all: a misbehaving server.
    const { send, requests } = transport(() => {
      n += 1;
      return page('calls', Array.from({ length: 50 }, (_, i) => ({ id: `${n}-${i}` })), `cursor-${n}`, n - 1, 120);
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const call of paginate<{ id: string }>(send, GET_CALLS, 'calls')) seen.push(call.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongProtocolError);
    expect((error as Error).message).toMatch(/ran past the 120 records its first page announced \(250 so far\)/);
    // 120 + 100 slack: the page that crossed 220 was the fifth; nothing of it was delivered.
    expect(requests).toHaveLength(5);
    expect(seen).toHaveLength(200);
  });

  it('lets a sequence deliver a little more than announced (records added while it pages)', async () => {
    const { send } = transport([page('calls', [{ id: '1' }, { id: '2' }], 'c1', 0, 2), page('calls', [{ id: '3' }], undefined, 1, 3)]);
    expect(await paginate(send, GET_CALLS, 'calls').toArray()).toHaveLength(3);
  });
});
