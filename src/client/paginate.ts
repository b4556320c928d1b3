/**
 * Gong's cursor pagination (docs/gong-api.md §2.2) as lazy async iterables of records, with the
 * pages reachable for callers that checkpoint:
 * - the next page repeats *the identical request* plus the cursor: in the query for GET, as a
 *   top-level `"cursor"` key next to `filter` in the JSON body for POST. A cursor in a POST's
 *   query is ignored and page 1 comes back forever (docs/gong-api.md §5.2; Pipedream #20760);
 * - `records.cursor` is present only while more pages exist; a page without `records` is the last;
 * - Gong's 404 "No … found corresponding to the provided filters" is an empty result
 *   (docs/gong-api.md §4.3);
 * - a cursor already seen in this sequence means a loop: `GongRepeatedCursorError`;
 * - a sequence that runs past the `totalRecords` its first page announced (with slack for records
 *   added meanwhile) is a `GongProtocolError`: a server that never stops paging cannot spend the
 *   day's budget;
 * - an expired cursor (about an hour after the first page) is `GongCursorExpiredError` with how far
 *   the sequence got. The client never restarts a sequence by itself: the caller has already
 *   consumed records, and only it knows where its window should restart.
 * Nothing is requested until the consumer asks for it, and the next page only when it asks again.
 */
import type { GongRecords } from '../gong/types.js';
import { GongCursorExpiredError, GongProtocolError, GongRepeatedCursorError, type PaginationProgress } from '../errors.js';
import { endpointOf, type GongRequest, type Send } from './request.js';

/** One page of a list. */
export interface Page<T> {
  items: T[];
  /** Gong's pagination block as sent; absent when Gong sent none. */
  records?: GongRecords;
  requestId?: string;
  /** 0-based position of this page in the sequence (across batches, for batched requests). */
  pageNumber: number;
  /** The cursor that leads to the next page; absent on the last page. */
  cursor?: string;
}

/**
 * A Gong list: iterate it for records, or `pages()` for pages (to checkpoint after each).
 * Each iteration starts a new sequence of requests.
 *
 * @example
 * for await (const user of client.users()) console.log(user.emailAddress);
 * for await (const page of client.calls({ from, to }).pages()) await store.save(page.items);
 */
export interface Paginated<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<Page<T>>;
  /** Every record of every page, in order. */
  toArray(): Promise<T[]>;
}

/** Builds a `Paginated` from a function that starts a new page sequence. */
export function paginatedFrom<T>(pages: () => AsyncIterable<Page<T>>): Paginated<T> {
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
    async toArray() {
      const all: T[] = [];
      for await (const page of pages()) all.push(...page.items);
      return all;
    },
  };
}

/** A list known to be empty without asking Gong (e.g. an empty `callIds` input). */
export function emptyPaginated<T>(): Paginated<T> {
  return paginatedFrom<T>(async function* () {});
}

/**
 * Pages through one Gong list request.
 *
 * @example
 * paginate<GongUser>(send, { method: 'GET', path: '/v2/users' }, 'users')
 */
export function paginate<T>(send: Send, request: GongRequest, itemsKey: string): Paginated<T> {
  return paginateBatches<T>(send, [request], itemsKey);
}

/**
 * Pages through several requests one after the other (batches of `callIds`), as one list.
 * Progress in errors counts pages and records across all batches.
 */
export function paginateBatches<T>(send: Send, requests: readonly GongRequest[], itemsKey: string): Paginated<T> {
  return paginatedFrom<T>(async function* () {
    const progress = { pages: 0, records: 0 };
    for (const request of requests) yield* pageSequence<T>(send, request, itemsKey, progress);
  });
}

async function* pageSequence<T>(
  send: Send,
  request: GongRequest,
  itemsKey: string,
  delivered: { pages: number; records: number },
): AsyncGenerator<Page<T>> {
  const endpoint = endpointOf(request);
  const seen = new Set<string>();
  // Gong's `totalRecords` on the first page bounds the sequence; records keep arriving while it
  // pages (late calls), hence the slack in `overrunLimit`.
  let announced: number | undefined;
  let received = 0;
  let cursor: string | undefined;
  let lastCursor: string | undefined;
  const progress = (): PaginationProgress => ({ pages: delivered.pages, records: delivered.records, lastCursor });

  for (;;) {
    let response;
    try {
      response = await send(withCursor(request, cursor));
    } catch (error) {
      if (error instanceof GongCursorExpiredError) {
        throw new GongCursorExpiredError(
          `${error.message}; ${delivered.pages} page(s) and ${delivered.records} record(s) were delivered before it: restart the window`,
          { status: error.status, requestId: error.requestId, errors: error.errors, endpoint: error.endpoint },
          progress(),
        );
      }
      throw error;
    }
    // Gong's "no results" 404: nothing on page one; on a later page (unexpected) the list ends.
    if (response.noResults) return;
    if (cursor !== undefined) lastCursor = cursor;

    const data = response.data as Record<string, unknown>;
    const rawItems = data[itemsKey];
    if (rawItems !== undefined && !Array.isArray(rawItems)) {
      throw new GongProtocolError(`Gong's answer to ${endpoint} has "${itemsKey}" that is not a list`, endpoint, { kind: 'protocol' });
    }
    const items = (rawItems ?? []) as T[];
    const records = isRecords(data.records) ? data.records : undefined;
    const next = typeof records?.cursor === 'string' && records.cursor !== '' ? records.cursor : undefined;
    if (next !== undefined && seen.has(next)) {
      throw new GongRepeatedCursorError(
        `Gong returned a cursor it had already given for ${endpoint} (after ${delivered.pages} page(s)): following it would loop`,
        progress(),
        endpoint,
        response.status,
      );
    }
    if (next !== undefined) seen.add(next);
    announced ??= typeof records?.totalRecords === 'number' && records.totalRecords >= 0 ? records.totalRecords : undefined;
    received += items.length;
    if (announced !== undefined && received > overrunLimit(announced)) {
      throw new GongProtocolError(
        `Gong's answers to ${endpoint} ran past the ${announced} records its first page announced (${received} so far): stopped so a misbehaving server cannot spend the day's budget`,
        endpoint,
        { kind: 'protocol' },
      );
    }

    const page: Page<T> = { items, pageNumber: delivered.pages };
    if (records) page.records = records;
    if (response.requestId !== undefined) page.requestId = response.requestId;
    if (next !== undefined) page.cursor = next;
    yield page;
    delivered.pages += 1;
    delivered.records += items.length;

    if (next === undefined) return;
    cursor = next;
  }
}

/**
 * How many records a sequence may deliver past what its first page announced: a tenth more, and
 * at least a page more, for records Gong adds while the sequence is read.
 *
 * @example overrunLimit(1000) // 1100
 */
export function overrunLimit(announced: number): number {
  return announced + Math.max(100, Math.ceil(announced / 10));
}

/** The same request with the cursor where Gong reads it: query for GET, top-level body key for POST. */
export function withCursor(request: GongRequest, cursor: string | undefined): GongRequest {
  if (cursor === undefined) return request;
  if (request.method === 'GET') return { ...request, query: { ...request.query, cursor } };
  return { ...request, body: { ...request.body, cursor } };
}

function isRecords(value: unknown): value is GongRecords {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
