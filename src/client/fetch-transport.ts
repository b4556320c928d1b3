/**
 * The bottom of the stack: the only code that calls `fetch`. One attempt in, one response or one
 * typed error out:
 * - no whole response within `timeoutMs` (headers *and* body) → `GongTimeoutError`;
 * - reset, refused, DNS failure, or an error while reading the body → `GongConnectionError`;
 * - a 2xx whose body is not a JSON object (truncated, HTML from a proxy…) → `GongProtocolError`;
 * - a non-2xx → the typed error of `classifyErrorResponse`, or a `noResults` response for
 *   Gong's 404 "No … found corresponding to the provided filters" (docs/gong-api.md §4.3).
 * Bodies are read as text and parsed without losing big-integer digits (docs/gong-api.md §2.3).
 */
import { ConfigError, GongConnectionError, GongProtocolError, GongTimeoutError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import type { ClientEventListener } from './client-events.js';
import { observeWire } from './wire-observer.js';
import { classifyErrorResponse } from './errors-from-response.js';
import { parseJsonLossless } from './lossless-json.js';
import { normalizeBody } from './normalize-body.js';
import { endpointOf, type GongRequest, type Send } from './request.js';
import type { ServerClock } from './server-clock.js';
import { USER_AGENT } from './user-agent.js';

/** Default per-request timeout: generous, because a page of 100 transcripts is large. */
export const DEFAULT_TIMEOUT_MS = 120_000;

export interface FetchTransportOptions {
  /** Normalised base URL without a trailing slash, e.g. `https://api.gong.io`. */
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  clock: Clock;
  serverClock?: ServerClock;
  onEvent?: ClientEventListener;
  /** Called once per attempt put on the wire (the client's `requestsSent`). */
  onSent?: () => void;
}

/**
 * @example
 * const send = createFetchTransport({ baseUrl: 'https://api.gong.io', fetch, timeoutMs: 120_000, clock: systemClock });
 */
export function createFetchTransport(options: FetchTransportOptions): Send {
  const emit = options.onEvent ?? (() => {});
  return async (request) => {
    const endpoint = endpointOf(request);
    const attempt = request.attempt ?? 1;
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': USER_AGENT, ...request.headers };
    let body: string | undefined;
    if (request.method === 'POST') {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body ?? {});
    }

    const timeout = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      timeout.abort(new Error('timeout'));
    }, options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;

    const startedAt = options.clock.now();
    emit({ type: 'request', endpoint, attempt, ...(request.budgetLeft === undefined ? {} : { budgetLeft: request.budgetLeft }) });
    options.onSent?.();
    let response: Response;
    let text: string;
    try {
      const send = () => options.fetch(buildUrl(options.baseUrl, request), { method: request.method, headers, body, signal });
      response = await (request.onWire ? observeWire(request.onWire, send) : send());
      text = await response.text();
    } catch (error) {
      const failure = transportFailure(error, { timedOut, request, endpoint, timeoutMs: options.timeoutMs, baseUrl: options.baseUrl });
      // A request its caller cancelled (a run that ended with a page read ahead) is not a failure to report.
      if (!request.signal?.aborted) emit({ type: 'network-error', endpoint, attempt, error: failure.name, ms: options.clock.now() - startedAt });
      throw failure;
    } finally {
      clearTimeout(timer);
    }

    const receivedAt = options.clock.now();
    const dateHeader = response.headers.get('date');
    options.serverClock?.observe(dateHeader, receivedAt);
    const parsed = tryParse(text);
    const requestId = readRequestId(parsed) ?? response.headers.get('x-traceid') ?? undefined;
    emit({ type: 'response', endpoint, attempt, status: response.status, ms: receivedAt - startedAt, requestId });

    if (response.status >= 200 && response.status < 300) {
      if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
        throw new GongProtocolError(
          `Gong sent a ${response.status} for ${endpoint} whose body is not a JSON object (${text.length} characters${parsed.ok ? '' : ', malformed or truncated'})`,
          endpoint,
          // Cut short or garbled on the way: the same request may well come back whole.
          { kind: 'transient', cause: parsed.ok ? undefined : parsed.error },
        );
      }
      return { status: response.status, data: normalizeBody(parsed.value), requestId, headers: response.headers, noResults: false };
    }

    const dateMs = dateHeader ? Date.parse(dateHeader) : Number.NaN;
    const meaning = classifyErrorResponse({
      status: response.status,
      body: parsed.ok ? parsed.value : undefined,
      endpoint,
      retryAfter: response.headers.get('retry-after'),
      now: Number.isNaN(dateMs) ? receivedAt : dateMs,
      credentialsSource: request.credentialsSource,
    });
    if (meaning.kind === 'no-results') {
      return { status: response.status, data: parsed.ok ? parsed.value : {}, requestId, headers: response.headers, noResults: true };
    }
    throw meaning.error;
  };
}

/**
 * `base + path + ?query`. Values go through URLSearchParams, which percent-encodes `+` in offsets
 * (docs/gong-api.md §2.4: an unencoded `+` would decode as a space).
 */
export function buildUrl(baseUrl: string, request: Pick<GongRequest, 'path' | 'query'>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) params.append(key, String(value));
  }
  const query = params.toString();
  return `${baseUrl}${request.path}${query ? `?${query}` : ''}`;
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: unknown };

function tryParse(text: string): Parsed {
  if (text.trim() === '') return { ok: false, error: new SyntaxError('empty body') };
  try {
    return { ok: true, value: parseJsonLossless(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

function readRequestId(parsed: Parsed): string | undefined {
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return undefined;
  const id = (parsed.value as Record<string, unknown>).requestId;
  return typeof id === 'string' ? id : undefined;
}

function transportFailure(
  error: unknown,
  context: { timedOut: boolean; request: GongRequest; endpoint: string; timeoutMs: number; baseUrl: string },
): Error {
  if (context.timedOut) {
    return new GongTimeoutError(`Gong did not answer ${context.endpoint} within ${context.timeoutMs} ms`, context.timeoutMs, context.endpoint);
  }
  // The caller cancelled: not Gong's failure, so not a GongError (the retry loop lets it through).
  if (context.request.signal?.aborted) return asError(context.request.signal.reason);
  const permanent = permanentConnectionFailure(error);
  if (permanent) return new ConfigError(`cannot connect to ${context.baseUrl} (${permanent}): check --base-url / GONG_BASE_URL`);
  return new GongConnectionError(`cannot connect to ${context.baseUrl} for ${context.endpoint} (${describeNetworkError(error)})`, context.endpoint, error);
}

/**
 * A connection failure that trying again cannot change, in words: a port `fetch` refuses to use
 * ("bad port") or a host name that does not exist (`ENOTFOUND`; a momentary DNS failure is
 * `EAI_AGAIN` and is retried like a reset).
 */
function permanentConnectionFailure(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; depth < 4 && current instanceof Error; depth++, current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (current.message === 'bad port') return 'fetch refuses to use this port';
    if (code === 'ENOTFOUND') return 'the host name does not exist';
    if (code === 'ERR_INVALID_URL') return 'the URL is not valid';
  }
  return undefined;
}

/** `ECONNRESET`, `UND_ERR_SOCKET`, … from undici's `TypeError: fetch failed` and its causes. */
export function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
