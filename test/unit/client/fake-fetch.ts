/**
 * A scripted `fetch` for unit tests: records every request (URL, method, headers, parsed body)
 * and answers from a responder, so tests assert exact wire traffic without a network.
 */

export interface RecordedRequest {
  url: URL;
  method: string;
  headers: Headers;
  /** The JSON body, parsed; `undefined` for GET. */
  body: Record<string, unknown> | undefined;
  signal: AbortSignal | undefined;
}

export type Responder = (request: RecordedRequest, index: number) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  requests: RecordedRequest[];
}

/** Answers from a function, or from a list of responses in order (the last one repeats). */
export function fakeFetch(answer: Responder | Array<Response | (() => Response) | Error>): FakeFetch {
  const requests: RecordedRequest[] = [];
  const responder: Responder =
    typeof answer === 'function'
      ? answer
      : (_request, index) => {
          const next = answer[Math.min(index, answer.length - 1)];
          if (next instanceof Error) throw next;
          if (typeof next === 'function') return next();
          return next!.clone();
        };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const recorded: RecordedRequest = {
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
      signal: init?.signal ?? undefined,
    };
    requests.push(recorded);
    init?.signal?.throwIfAborted();
    return responder(recorded, requests.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

/** A JSON response with the given status, body and headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A Gong list page: `{requestId, records, [key]: items}`; `cursor` set when more pages follow. */
export function page(key: string, items: unknown[], cursor?: string, pageNumber = 0, total = items.length): Response {
  const records: Record<string, unknown> = { totalRecords: total, currentPageSize: items.length, currentPageNumber: pageNumber };
  if (cursor !== undefined) records.cursor = cursor;
  return json(200, { requestId: `req${pageNumber}`, records, [key]: items });
}

/** Gong's 404 "no results" body (docs/gong-api.md §4.3). */
export function noResults(what = 'calls'): Response {
  return json(404, { requestId: 'r404', errors: [`No ${what} found corresponding to the provided filters`] });
}

/** A `TypeError: fetch failed` like undici's, caused by a socket reset. */
export function resetError(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  return new TypeError('fetch failed', { cause });
}
