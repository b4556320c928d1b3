import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../../src/client/client-events.js';
import { buildUrl, createFetchTransport, describeNetworkError } from '../../../src/client/fetch-transport.js';
import { ServerClock } from '../../../src/client/server-clock.js';
import { GongConnectionError, GongProtocolError, GongServerError, GongTimeoutError } from '../../../src/errors.js';
import { ManualClock } from '../../../src/util/clock.js';
import { fakeFetch, json, resetError, type Responder } from './fake-fetch.js';

function setup(answer: Responder | Array<Response | Error>, timeoutMs = 5000) {
  const fake = fakeFetch(answer);
  const clock = new ManualClock(Date.parse('2026-09-01T12:00:00Z'));
  const serverClock = new ServerClock(clock);
  const events: ClientEvent[] = [];
  let sent = 0;
  const send = createFetchTransport({
    baseUrl: 'https://us-12345.api.gong.io',
    fetch: fake.fetch,
    timeoutMs,
    clock,
    serverClock,
    onEvent: (e) => events.push(e),
    onSent: () => sent++,
  });
  return { send, requests: fake.requests, clock, serverClock, events, sent: () => sent };
}

/** A fetch answer that never comes unless the request is aborted. */
const hang: Responder = (request) =>
  new Promise<Response>((_resolve, reject) => request.signal?.addEventListener('abort', () => reject(request.signal!.reason)));

describe('fetch transport: the request on the wire', () => {
  it('sends Accept, User-Agent and, for POST, Content-Type with the JSON body', async () => {
    const { send, requests } = setup([json(200, { requestId: 'r' })]);
    await send({ method: 'POST', path: '/v2/calls/extensive', body: { filter: {} }, headers: { Authorization: 'Bearer t' } });
    const [request] = requests;
    expect(request!.url.toString()).toBe('https://us-12345.api.gong.io/v2/calls/extensive');
    expect(request!.headers.get('accept')).toBe('application/json');
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.headers.get('user-agent')).toMatch(/^pandora-gong\/\d+\.\d+\.\d+/);
    expect(request!.headers.get('authorization')).toBe('Bearer t');
    expect(request!.body).toEqual({ filter: {} });
  });

  it('sends no body and no Content-Type on GET', async () => {
    const { send, requests } = setup([json(200, { requestId: 'r' })]);
    await send({ method: 'GET', path: '/v2/users' });
    expect(requests[0]!.headers.get('content-type')).toBeNull();
    expect(requests[0]!.body).toBeUndefined();
  });

  it('URL-encodes query values, "+" in offsets included (docs/gong-api.md §2.4), and skips undefined', () => {
    expect(buildUrl('https://api.gong.io', { path: '/v2/calls', query: { fromDateTime: '2026-09-01T00:00:00+02:00', workspaceId: undefined } })).toBe(
      'https://api.gong.io/v2/calls?fromDateTime=2026-09-01T00%3A00%3A00%2B02%3A00',
    );
    expect(buildUrl('https://api.gong.io', { path: '/v2/users', query: { includeAvatars: true } })).toBe('https://api.gong.io/v2/users?includeAvatars=true');
  });
});

describe('fetch transport: answers', () => {
  it('parses big ids losslessly and normalises them', async () => {
    const body = '{"requestId":"r1","records":{"totalRecords":1,"currentPageSize":1,"currentPageNumber":0},"users":[{"id":7254376376091929519,"managerId":12}]}';
    const { send } = setup([new Response(body, { status: 200 })]);
    const response = await send({ method: 'GET', path: '/v2/users' });
    expect(response.data).toMatchObject({ users: [{ id: '7254376376091929519', managerId: '12' }] });
    expect(response.requestId).toBe('r1');
    expect(response.noResults).toBe(false);
  });

  it('falls back to the x-traceid header for the requestId', async () => {
    const { send } = setup([json(200, { ok: 1 }, { 'x-traceid': 'trace9' })]);
    expect((await send({ method: 'GET', path: '/v2/users' })).requestId).toBe('trace9');
  });

  it.each([
    ['malformed', '{"users": [ nope'],
    ['truncated', '{"requestId":"r","users":[{"id":"1"}'],
    ['empty', ''],
    ['HTML', '<html>proxy error</html>'],
    ['not an object', '[1,2,3]'],
    ['null', 'null'],
  ])('turns a %s 2xx body into a retryable GongProtocolError', async (_name, text) => {
    const { send } = setup([new Response(text, { status: 200 })]);
    const error = await send({ method: 'GET', path: '/v2/users' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongProtocolError);
    expect((error as GongProtocolError).retryable).toBe(true);
    expect((error as GongProtocolError).endpoint).toBe('GET /v2/users');
  });

  it('maps error statuses to typed errors, even with a non-JSON body', async () => {
    const { send } = setup([new Response('<html>502</html>', { status: 502 })]);
    await expect(send({ method: 'GET', path: '/v2/users' })).rejects.toBeInstanceOf(GongServerError);
  });

  it('returns Gong\'s 404 "no results" as a response flagged noResults', async () => {
    const { send } = setup([json(404, { requestId: 'r', errors: ['No calls found corresponding to the provided filters'] })]);
    const response = await send({ method: 'GET', path: '/v2/calls' });
    expect(response.noResults).toBe(true);
    expect(response.status).toBe(404);
  });

  it('emits request and response events and counts attempts on the wire', async () => {
    const { send, events, sent } = setup([json(200, { requestId: 'rq' })]);
    await send({ method: 'GET', path: '/v2/users', query: { cursor: 'secret-ish' }, attempt: 2 });
    expect(events).toEqual([
      { type: 'request', endpoint: 'GET /v2/users', attempt: 2 },
      { type: 'response', endpoint: 'GET /v2/users', attempt: 2, status: 200, ms: 0, requestId: 'rq' },
    ]);
    expect(sent()).toBe(1);
    expect(JSON.stringify(events)).not.toContain('secret-ish');
  });
});

describe('fetch transport: failures without an answer', () => {
  it('turns a reset (fetch TypeError with ECONNRESET cause) into GongConnectionError', async () => {
    const { send, events } = setup([resetError()]);
    const error = await send({ method: 'GET', path: '/v2/users' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongConnectionError);
    expect((error as Error).message).toContain('ECONNRESET');
    expect(events.at(-1)).toMatchObject({ type: 'network-error', error: 'GongConnectionError' });
  });

  it('turns an error while reading the body into GongConnectionError', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"requestId":"r","users":['));
        controller.error(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
      },
    });
    const { send } = setup([new Response(stream, { status: 200 })]);
    const error = await send({ method: 'GET', path: '/v2/users' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongConnectionError);
  });

  it('times out a request with no answer', async () => {
    const { send } = setup(hang, 30);
    const error = await send({ method: 'GET', path: '/v2/users' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongTimeoutError);
    expect((error as GongTimeoutError).timeoutMs).toBe(30);
    expect((error as GongTimeoutError).retryable).toBe(true);
  });

  it('times out a body that stalls after the headers', async () => {
    const { send } = setup((request) => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"requestId":'));
          request.signal?.addEventListener('abort', () => controller.error(request.signal!.reason));
        },
      });
      return new Response(stream, { status: 200 });
    }, 30);
    await expect(send({ method: 'GET', path: '/v2/users' })).rejects.toBeInstanceOf(GongTimeoutError);
  });

  it('passes a caller abort through as the abort reason, not as a Gong error', async () => {
    const controller = new AbortController();
    const { send } = setup(hang);
    const pending = send({ method: 'GET', path: '/v2/users', signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
  });

  it('describes nested network causes', () => {
    expect(describeNetworkError(resetError())).toBe('fetch failed: read ECONNRESET (ECONNRESET)');
    expect(describeNetworkError('odd')).toBe('odd');
  });
});

describe('fetch transport: Gong\'s clock', () => {
  it('measures the server offset from the Date header', async () => {
    const { send, clock, serverClock } = setup(() => json(200, { requestId: 'r' }, { date: new Date(clock.now() + 3_600_000).toUTCString() }));
    expect(serverClock.offsetMs).toBeUndefined();
    expect(serverClock.now()).toBe(clock.now());
    await send({ method: 'GET', path: '/v2/users' });
    expect(serverClock.offsetMs).toBe(3_600_000);
    clock.advance(10_000);
    expect(serverClock.now()).toBe(clock.now() + 3_600_000);
  });

  it('learns the offset from error responses too and ignores a bad Date header', async () => {
    const { send, clock, serverClock } = setup([
      json(500, { errors: ['x'] }, { date: new Date(Date.parse('2026-09-01T11:59:00Z')).toUTCString() }),
      json(200, { requestId: 'r' }, { date: 'garbage' }),
    ]);
    await send({ method: 'GET', path: '/v2/users' }).catch(() => undefined);
    expect(serverClock.offsetMs).toBe(-60_000);
    await send({ method: 'GET', path: '/v2/users' });
    expect(serverClock.offsetMs).toBe(-60_000);
    expect(serverClock.now()).toBe(clock.now() - 60_000);
  });
});
