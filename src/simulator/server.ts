/**
 * `startSimulator`: a local Gong over real HTTP. Each request goes through the same steps as at
 * Gong: route (404/405), authentication and scope (401/403), rate limits (429), then the
 * endpoint; injected faults replace or break the answer. Every response carries Gong's
 * `requestId` (body) and `x-traceid` (header), and a `Date` header in *simulated* time, which a
 * client may take as Gong's clock.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { authenticate, allows, DEMO_CREDENTIALS, type Credentials } from './auth.js';
import type { Company } from './company/company.js';
import { generateCompany } from './company/generate-company.js';
import { CursorCodec } from './cursor.js';
import { FaultInjector, formatFaultSpec, parseFaultSpec, type FaultDecision, type FaultSpec } from './faults.js';
import { delay, readBody, writeResponse, type Transport } from './http-io.js';
import { newRequestId } from './ids.js';
import { ACCESS_DENIED, CURSOR_EXPIRED, INTERNAL_ERROR, MALFORMED_BODY, METHOD_NOT_ALLOWED, missingScope, NOT_FOUND, RATE_LIMITED } from './messages.js';
import { RateLimiter, type RateLimitOptions } from './rate-limits.js';
import { RequestLog } from './request-log.js';
import { handleAdmin } from './routes/admin.js';
import { selectionOf } from './routes/calls-extensive.js';
import { fail, type PendingTranscript, type RouteContext, type RouteResult } from './routes/route.js';
import { matchRoute } from './routes/table.js';
import { monotonicClock, SimClock } from './sim-clock.js';
import type { Clock } from '../util/clock.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Seed of the generated company (default 1); also the default `faultSeed`. */
  seed?: number;
  /** Calls to generate (default 2000). */
  calls?: number;
  /** Simulated start time; default the real now. */
  now?: number | Date;
  /** The company's UTC offset for generated timestamps, default `-04:00`. */
  utcOffset?: string | number;
  /** A company generated beforehand (then `seed`, `calls`, `utcOffset` are ignored and `now` defaults to `company.now`). */
  company?: Company;
  /** Basic-auth key and secret; default `DEMO_CREDENTIALS`. */
  credentials?: Credentials;
  /** Bearer tokens and their scopes. */
  tokens?: Record<string, string[]>;
  /** Fault spec (see `parseFaultSpec`); default none. */
  faults?: string | FaultSpec;
  faultSeed?: number;
  /** Default `{ perSecond: 3, daily: 10000 }`; `false` turns limits off. */
  rateLimit?: RateLimitOptions | false;
  /** Cursor lifetime from a sequence's first page; default one hour. */
  cursorTtlMs?: number;
  /** Records per page; default 100 (docs/gong-api.md §2.2). */
  pageSize?: number;
  /** Real delay added to every Gong response. */
  latencyMs?: number;
  /** Generate every call's parties and transcript before listening (`Company.prepare`); default off. */
  prepare?: boolean;
  /** Transcript endpoint and calls whose transcript is not ready: leave out (default) or send `transcript: []`. */
  pendingTranscript?: PendingTranscript;
  /** When true, simulated time moves only by `advance()`. */
  frozenClock?: boolean;
  /**
   * The real time an unfrozen simulated clock moves with (default the process's monotonic
   * clock). Tests pass a `ManualClock` to let seconds pass without waiting for them.
   */
  realClock?: Clock;
}

export interface Simulator {
  /** `http://host:port`, the base URL a client uses instead of `https://api.gong.io`. */
  readonly url: string;
  readonly port: number;
  readonly credentials: Credentials;
  readonly company: Company;
  readonly clock: SimClock;
  readonly log: RequestLog;
  /** Moves simulated time forward; returns the new now. */
  advance(ms: number): number;
  /** Replaces the fault spec (a string is parsed; a bad one throws). */
  setFaults(spec: string | FaultSpec): void;
  /** The current fault spec. */
  faults(): FaultSpec;
  /** Requests counted toward today's (simulated UTC day's) budget. */
  requestsToday(): number;
  close(): Promise<void>;
}

const SERVICE_VERSION = 'PublicApiServer:simulator';

/**
 * Starts the simulator and resolves once it listens. It prints nothing.
 *
 * @example
 * const sim = await startSimulator({ seed: 1, calls: 500, now: Date.parse('2026-06-01T12:00:00Z') });
 * const auth = 'Basic ' + Buffer.from(`${sim.credentials.accessKey}:${sim.credentials.accessKeySecret}`).toString('base64');
 * const res = await fetch(`${sim.url}/v2/users`, { headers: { authorization: auth } });
 * await sim.close();
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const company = options.company ?? generateCompany({ seed: options.seed, calls: options.calls, now: options.now, utcOffset: options.utcOffset });
  if (options.prepare) company.prepare();
  const start = options.now === undefined ? company.now : typeof options.now === 'number' ? options.now : options.now.getTime();
  const clock = new SimClock(start, { frozen: options.frozenClock ?? false, real: options.realClock });
  const credentials = { ...(options.credentials ?? DEMO_CREDENTIALS) };
  const tokens = { ...(options.tokens ?? {}) };
  const log = new RequestLog();
  const limiter = new RateLimiter(options.rateLimit === undefined ? {} : options.rateLimit);
  const toSpec = (spec: string | FaultSpec | undefined) => (spec === undefined ? [] : typeof spec === 'string' ? parseFaultSpec(spec) : spec);
  // An outage's span is real time: the clock the simulated one moves with (a test's ManualClock too).
  const realClock = options.realClock ?? monotonicClock;
  const injector = new FaultInjector(toSpec(options.faults), options.faultSeed ?? options.seed ?? company.seed, () => realClock.now());
  const pagination = {
    // A cursor is only good on the server that issued it, as with two Gong accounts.
    codec: new CursorCodec(randomBytes(32).toString('base64url')),
    pageSize: options.pageSize ?? 100,
    cursorTtlMs: options.cursorTtlMs ?? 3_600_000,
  };
  const pendingTranscript = options.pendingTranscript ?? 'omit';
  const latencyMs = options.latencyMs ?? 0;

  const adminState = {
    company,
    clock,
    log,
    setFaults: (spec: string) => injector.set(parseFaultSpec(spec)),
    faultSpec: () => formatFaultSpec(injector.spec),
    status: () => ({
      seed: company.seed,
      calls: company.calls.length,
      now: clock.now(),
      iso: new Date(clock.now()).toISOString(),
      faults: formatFaultSpec(injector.spec),
      rateLimit: limiter.limits,
      requestsToday: limiter.used(clock.now()),
      pageSize: pagination.pageSize,
      cursorTtlMs: pagination.cursorTtlMs,
      pendingTranscript,
    }),
  };

  async function serveGong(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer, arrival: { seq: number; at: number; perf: number }): Promise<void> {
    const method = req.method ?? 'GET';
    const requestId = newRequestId();
    const match = matchRoute(method, url.pathname);
    let result: RouteResult;
    let endpoint: string | null = null;
    let fault: FaultDecision | null = null;
    let body: unknown;
    let cursorIn: unknown;

    if (match.kind === 'not-found') result = fail(404, NOT_FOUND);
    else if (match.kind === 'method-not-allowed') {
      endpoint = `${method} ${match.pattern}`;
      result = fail(405, METHOD_NOT_ALLOWED);
    } else {
      const { route, params } = match;
      endpoint = route.key;
      if (method === 'POST') body = parseJson(raw);
      // GET reads the cursor from the query, POST from the body; a POST's query cursor is ignored
      // (docs/gong-api.md §2.2).
      cursorIn = method === 'GET' ? (url.searchParams.get('cursor') ?? undefined) : (body as Record<string, unknown> | undefined)?.cursor;
      const principal = authenticate(req.headers.authorization, credentials, tokens);
      const lacking = principal && requiredScopes(route.key, route.scope, body).find((s) => !allows(principal, s));
      if (!principal) result = fail(route.authFailureStatus, ACCESS_DENIED);
      else if (lacking) result = fail(401, missingScope(lacking));
      else {
        const admitted = limiter.admit(arrival.at);
        if (!admitted.ok) {
          result = { ...fail(429, RATE_LIMITED), headers: { 'Retry-After': String(admitted.retryAfterSeconds) } };
        } else if (body === MALFORMED) {
          result = fail(400, MALFORMED_BODY);
        } else {
          fault = injector.decide({ hasCursor: cursorIn !== undefined && cursorIn !== null && cursorIn !== '' });
          result = faultResult(fault) ?? route.handler(context(method, url, params, body, requestId, arrival.at));
          if (fault?.rule.kind === 'repeatcursor') {
            const records = result.body.records as { cursor?: string } | undefined;
            if (records?.cursor && typeof cursorIn === 'string') records.cursor = cursorIn;
            else fault = null;
          }
        }
      }
    }

    await delay(latencyMs + (fault?.rule.kind === 'slow' ? (fault.rule.delayMs ?? 1000) : 0));
    const transport: Transport =
      fault?.rule.kind === 'reset' || (fault?.rule.kind === 'outage' && fault.mode)
        ? { kind: 'reset', mode: fault.mode ?? 'before' }
        : fault?.rule.kind === 'truncate'
          ? { kind: 'truncate' }
          : fault?.rule.kind === 'malformed'
            ? { kind: 'malformed' }
            : { kind: 'normal' };
    // A load balancer's 502/503/504 is an HTML page, not Gong JSON.
    const gateway = (fault?.rule.kind === '5xx' || fault?.rule.kind === 'outage') && result.status !== 500;
    const sent = await writeResponse(
      req,
      res,
      {
        status: result.status,
        headers: {
          Date: new Date(clock.now()).toUTCString(),
          'x-traceid': requestId,
          'x-gong-service-version': SERVICE_VERSION,
          ...result.headers,
        },
        body: gateway ? gatewayPage(result.status) : JSON.stringify({ requestId, ...result.body }),
        ...(gateway ? { contentType: 'text/html' } : {}),
      },
      transport,
    );
    const filter = (body as { filter?: { callIds?: unknown } } | undefined)?.filter;
    log.add({
      seq: arrival.seq,
      at: arrival.at,
      method,
      path: url.pathname,
      endpoint,
      status: sent.status,
      fault: fault?.rule.kind ?? null,
      requestId,
      requestBytes: raw.length,
      responseBytes: sent.bytes,
      callIds: Array.isArray(filter?.callIds) ? filter.callIds.length : null,
      cursor: cursorIn !== undefined && cursorIn !== null && cursorIn !== '',
      durationMs: Math.round(performance.now() - arrival.perf),
    });
  }

  function context(method: string, url: URL, params: Record<string, string>, body: unknown, requestId: string, now: number): RouteContext {
    return { method, path: url.pathname.replace(/\/$/, ''), params, query: url.searchParams, body, requestId, now, company, pagination, pendingTranscript };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const admin = url.pathname.startsWith('/__simulator/');
    // Arrival is stamped before the body is read, so limits and the log see true arrival order.
    const arrival = { seq: admin ? 0 : log.take(), at: clock.now(), perf: performance.now() };
    readBody(req)
      .then((raw) => {
        if (admin) {
          const parsed = raw.length > 0 ? parseJson(raw) : undefined;
          const out = handleAdmin(req.method ?? 'GET', url.pathname, url.searchParams, parsed === MALFORMED ? undefined : parsed, adminState);
          const text = JSON.stringify(out.body);
          res.writeHead(out.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), date: new Date(clock.now()).toUTCString() });
          res.end(text);
          return;
        }
        return serveGong(req, res, url, raw, arrival);
      })
      .catch((error: unknown) => {
        // A bug must not take the simulator down with it: answer like Gong's 500.
        if (!res.headersSent) {
          const requestId = newRequestId();
          const text = JSON.stringify({ requestId, errors: [INTERNAL_ERROR] });
          res.writeHead(500, {
            'content-type': 'application/json; charset=utf-8',
            Date: new Date(clock.now()).toUTCString(),
            'x-traceid': requestId,
            'x-simulator-error': String((error as Error)?.message ?? error).slice(0, 200),
          });
          res.end(text);
        } else res.destroy();
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    credentials,
    company,
    clock,
    log,
    advance: (ms) => clock.advance(ms),
    setFaults: (spec) => injector.set(toSpec(spec)),
    faults: () => injector.spec,
    requestsToday: () => limiter.used(clock.now()),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const MALFORMED = Symbol('malformed JSON');

/** Media URLs need their own scope on top of the endpoint's (docs/gong-api.md §1.4). */
function requiredScopes(key: string, scope: string, body: unknown): string[] {
  if (key !== 'POST /v2/calls/extensive') return [scope];
  const selection = selectionOf(body);
  return typeof selection !== 'string' && selection.media ? [scope, 'api:calls:read:media-url'] : [scope];
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return MALFORMED;
  }
}

/** The answer an injected response fault replaces the endpoint's with; null for faults that do not. */
function faultResult(fault: FaultDecision | null): RouteResult | null {
  switch (fault?.rule.kind) {
    case '5xx':
      return fail(fault.status ?? 500, INTERNAL_ERROR);
    case 'outage':
      // A reset needs an answer to cut; the status is then never seen.
      return fail(fault.status ?? 503, INTERNAL_ERROR);
    case '429':
    case '429storm':
      return { ...fail(429, RATE_LIMITED), headers: { 'Retry-After': String(fault.rule.retryAfterSeconds ?? 1) } };
    case 'expire':
      return fail(400, CURSOR_EXPIRED);
    default:
      return null;
  }
}

function gatewayPage(status: number): string {
  const reason = status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : status === 504 ? 'Gateway Time-out' : 'Server Error';
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n</body>\r\n</html>\r\n`;
}
