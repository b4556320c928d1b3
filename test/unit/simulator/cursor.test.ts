import { describe, expect, it } from 'vitest';
import { canonicalJson, CursorCodec, requestFingerprint } from '../../../src/simulator/index.js';
import { locatePage, pageOf, type PaginationConfig } from '../../../src/simulator/pagination.js';

const config = (ttl = 3_600_000, pageSize = 10): PaginationConfig => ({ codec: new CursorCodec('test-secret'), pageSize, cursorTtlMs: ttl });
const T0 = Date.parse('2026-06-01T12:00:00Z');

describe('cursor codec', () => {
  it('encodes an HS256-JWT-looking token and reads it back', () => {
    const codec = new CursorCodec('s');
    const payload = { pageNumber: 2, pageSize: 100, total: 215, firstPageAt: T0, request: 'abc', exp: 1 };
    const token = codec.encode(payload);
    expect(token.split('.')).toHaveLength(3);
    expect(token.startsWith('eyJhbGciOiJIUzI1NiJ9.')).toBe(true);
    expect(codec.decode(token)).toEqual(payload);
  });

  it('refuses tokens that were tampered with or signed with another key', () => {
    const codec = new CursorCodec('s');
    const token = codec.encode({ pageNumber: 1, pageSize: 100, total: 215, firstPageAt: T0, request: 'abc', exp: 1 });
    const [h, p, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ pageNumber: 9, pageSize: 100, total: 215, firstPageAt: T0, request: 'abc', exp: 1 })).toString('base64url');
    expect(codec.decode(`${h}.${forged}.${sig}`)).toBeUndefined();
    expect(new CursorCodec('other').decode(token)).toBeUndefined();
    expect(codec.decode('not-a-cursor')).toBeUndefined();
    expect(codec.decode(`${h}.${p}`)).toBeUndefined();
  });

  it('fingerprints requests independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(requestFingerprint('POST /v2/calls/extensive', { filter: { a: 1, b: 2 } })).toBe(requestFingerprint('POST /v2/calls/extensive', { filter: { b: 2, a: 1 } }));
    expect(requestFingerprint('POST /v2/calls/extensive', { filter: { a: 1 } })).not.toBe(requestFingerprint('POST /v2/calls/transcript', { filter: { a: 1 } }));
  });
});

describe('pages and cursors', () => {
  const items = Array.from({ length: 25 }, (_, i) => i);

  it('pages with 0-based numbers and a cursor only while more remain', () => {
    const c = config();
    const first = locatePage(c, 'GET /v2/users', { q: 1 }, undefined, T0);
    if (typeof first === 'string') throw new Error(first);
    const p0 = pageOf(c, items, first)!;
    expect(p0.records).toMatchObject({ totalRecords: 25, currentPageSize: 10, currentPageNumber: 0 });
    const second = locatePage(c, 'GET /v2/users', { q: 1 }, p0.records.cursor, T0 + 1000);
    if (typeof second === 'string') throw new Error(second);
    const p1 = pageOf(c, items, second)!;
    expect(p1.items).toEqual(items.slice(10, 20));
    const third = locatePage(c, 'GET /v2/users', { q: 1 }, p1.records.cursor, T0 + 2000);
    if (typeof third === 'string') throw new Error(third);
    const p2 = pageOf(c, items, third)!;
    expect(p2.records).toEqual({ totalRecords: 25, currentPageSize: 5, currentPageNumber: 2 });
    expect('cursor' in p2.records).toBe(false);
    expect(pageOf(c, [], first)).toBeUndefined();
  });

  it('binds a cursor to the inputs of the request that started the sequence', () => {
    const c = config();
    const first = locatePage(c, 'GET /v2/calls', { fromDateTime: 'a' }, undefined, T0) as Exclude<ReturnType<typeof locatePage>, string>;
    const cursor = pageOf(c, items, first)!.records.cursor!;
    expect(typeof locatePage(c, 'GET /v2/calls', { fromDateTime: 'a' }, cursor, T0)).toBe('object');
    expect(locatePage(c, 'GET /v2/calls', { fromDateTime: 'b' }, cursor, T0)).toMatch(/does not belong to this request/);
    expect(locatePage(c, 'GET /v2/users', { fromDateTime: 'a' }, cursor, T0)).toMatch(/does not belong/);
    expect(locatePage(c, 'GET /v2/calls', { fromDateTime: 'a' }, 'garbage', T0)).toMatch(/invalid/);
  });

  it('expires a fixed time after the FIRST page, however fresh the cursor is', () => {
    const c = config(60_000);
    const first = locatePage(c, 'GET /v2/users', {}, undefined, T0) as Exclude<ReturnType<typeof locatePage>, string>;
    const cursor1 = pageOf(c, items, first)!.records.cursor!;
    const second = locatePage(c, 'GET /v2/users', {}, cursor1, T0 + 50_000) as Exclude<ReturnType<typeof locatePage>, string>;
    expect(second.firstPageAt).toBe(T0);
    const cursor2 = pageOf(c, items, second)!.records.cursor!;
    // 61 s after the first page: the brand-new cursor2 is expired too.
    expect(locatePage(c, 'GET /v2/users', {}, cursor2, T0 + 61_000)).toBe('cursor has expired');
    expect(typeof locatePage(c, 'GET /v2/users', {}, cursor2, T0 + 60_000)).toBe('object');
  });
});
