/**
 * The one seam every layer wraps, so each layer stays small and tests replace what is below it:
 * `send(request) → response`. Auth, the daily budget, the throttle and the retry loop are each a
 * `Layer` around it, and the transport at the bottom is the only code that touches `fetch`.
 */

export type HttpMethod = 'GET' | 'POST';

/** A query value; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | undefined;

/** One logical Gong request, as the client builds it (no credentials in it until the auth layer). */
export interface GongRequest {
  method: HttpMethod;
  /** Path under the base URL, starting with `/v2/`. Never carries a query string. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** JSON body of a POST. Gong's POST endpoints take an object with `filter` (and `cursor`). */
  body?: Readonly<Record<string, unknown>>;
  /** Extra headers. The auth layer adds `Authorization` here, on the copy it hands down. */
  headers?: Readonly<Record<string, string>>;
  /** Cancels the request (and any wait for it) when aborted. */
  signal?: AbortSignal;
  /** 1-based attempt number, set by the retry layer; reported in events. */
  attempt?: number;
  /** Where the credentials of this attempt were set (`GONG_API_KEY`…), for a refusal's message; set by the auth layer. */
  credentialsSource?: string;
  /** Requests left in today's budget once this attempt is counted, set by the budget layer; reported in events. */
  budgetLeft?: number;
  /**
   * Told (`performance.now()`) when the request's headers reach the socket, if the transport can
   * see it (`observeWire`): the throttle layer uses it to keep its spacing from the real send.
   */
  onWire?: (sentAt: number) => void;
}

/** A Gong answer that is not an error. */
export interface GongResponse<T = unknown> {
  status: number;
  /** The parsed body: big integers kept as strings, known ids normalised to strings. */
  data: T;
  requestId: string | undefined;
  headers: Headers;
  /**
   * `true` for Gong's 404 "No … found corresponding to the provided filters", which is how Gong
   * says "empty result" (docs/gong-api.md §4.3); `data` is then the error body, and lists are empty.
   */
  noResults: boolean;
}

/** The seam: send one request, get one response or a typed `GongError`. */
export type Send = (request: GongRequest) => Promise<GongResponse>;

/** A wrapper around `Send`: auth, budget, throttle, retry. */
export type Layer = (next: Send) => Send;

/**
 * `METHOD /path` of a request, without query values or body: what errors and events name.
 *
 * @example endpointOf({ method: 'GET', path: '/v2/users', query: { cursor: 'x' } }) // 'GET /v2/users'
 */
export function endpointOf(request: Pick<GongRequest, 'method' | 'path'>): string {
  return `${request.method} ${request.path}`;
}
