/**
 * Pages and cursors (docs/gong-api.md §2.2): fixed-size pages, a 0-based `currentPageNumber`, and a
 * `cursor` only while more records remain. A cursor is honoured only with the same other inputs
 * it was issued for and only until `cursorTtlMs` after the sequence's first page.
 */
import { CursorCodec, requestFingerprint } from './cursor.js';
import { CURSOR_EXPIRED, CURSOR_INVALID, CURSOR_MISMATCH } from './messages.js';

export interface PaginationConfig {
  codec: CursorCodec;
  pageSize: number;
  cursorTtlMs: number;
}

export interface Records {
  totalRecords: number;
  currentPageSize: number;
  currentPageNumber: number;
  cursor?: string;
}

export interface PagePosition {
  pageNumber: number;
  firstPageAt: number;
  fingerprint: string;
}

/**
 * Where a request starts: page 0 without a cursor, else the page its cursor names, or an
 * error message for a cursor that is forged, belongs to other inputs, or has expired.
 *
 * @example locatePage(config, 'GET /v2/users', { includeAvatars: null }, undefined, now) // { pageNumber: 0, … }
 */
export function locatePage(config: PaginationConfig, endpoint: string, inputs: unknown, cursor: unknown, now: number): PagePosition | string {
  const fingerprint = requestFingerprint(endpoint, inputs);
  if (cursor === undefined || cursor === null || cursor === '') return { pageNumber: 0, firstPageAt: now, fingerprint };
  const payload = typeof cursor === 'string' ? config.codec.decode(cursor) : undefined;
  if (!payload) return CURSOR_INVALID;
  if (payload.request !== fingerprint) return CURSOR_MISMATCH;
  if (now - payload.firstPageAt > config.cursorTtlMs) return CURSOR_EXPIRED;
  return { pageNumber: payload.pageNumber, firstPageAt: payload.firstPageAt, fingerprint };
}

/**
 * The page of `items` at `position` with its `records` block; undefined when the page is past
 * the end (Gong answers that with its "no results" 404).
 *
 * @example pageOf(config, calls, position)?.records // { totalRecords: 215, currentPageSize: 100, currentPageNumber: 0, cursor: 'eyJ…' }
 */
export function pageOf<T>(config: PaginationConfig, items: readonly T[], position: PagePosition): { records: Records; items: T[] } | undefined {
  const start = position.pageNumber * config.pageSize;
  if (start >= items.length) return undefined;
  const page = items.slice(start, start + config.pageSize);
  const records: Records = { totalRecords: items.length, currentPageSize: page.length, currentPageNumber: position.pageNumber };
  if (start + page.length < items.length) {
    records.cursor = config.codec.encode({
      pageNumber: position.pageNumber + 1,
      pageSize: config.pageSize,
      total: items.length,
      firstPageAt: position.firstPageAt,
      request: position.fingerprint,
      exp: Math.floor((position.firstPageAt + config.cursorTtlMs) / 1000),
    });
  }
  return { records, items: page };
}
