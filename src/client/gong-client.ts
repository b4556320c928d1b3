/**
 * The Gong v2 API client. Every method goes through one `send`, built from small layers, each
 * testable alone with an injected `fetch` and clock, outermost first:
 *
 *   retry → budget → throttle → auth → transport (fetch)
 *
 * The retry loop sits above the budget and the throttle so that every attempt on the wire,
 * retries included, is counted against the day's budget and spaced like any other request; auth
 * sits just above the wire so the header is built at send time and a token provider is asked
 * before each attempt.
 *
 * @example
 * const gong = new GongClient({ apiKey: process.env.GONG_API_KEY, baseUrl: 'https://us-12345.api.gong.io' });
 * for await (const call of gong.calls({ from: '2026-09-01', to: '2026-09-08' })) console.log(call.id, call.title);
 */
import { inspect } from 'node:util';
import { GongNotFoundError, GongProtocolError } from '../errors.js';
import type {
  ContentSelector,
  GongAnsweredScorecard,
  GongCall,
  GongCallMetaData,
  GongCallTranscript,
  GongKeywordTracker,
  GongLibraryFolder,
  GongLibraryFolderContent,
  GongManualCrmAssociation,
  GongScorecard,
  GongUser,
  GongUserDailyActivity,
  GongUserInteractionStats,
  GongWorkspace,
  UsersFilter,
} from '../gong/types.js';
import { systemClock, type Clock } from '../util/clock.js';
import { idBatches } from './batches.js';
import { safeListener } from './client-events.js';
import { normalizeBaseUrl, resolveRetryPolicy, resolveTimeout, type BudgetOption, type GongClientOptions } from './client-options.js';
import { DEFAULT_CONTENT_SELECTOR, withoutMedia } from './content-selector.js';
import { parseCredentials } from './credentials.js';
import { toGongDate, toGongDateTime, type DateInput } from './date-input.js';
import { createFetchTransport, DEFAULT_TIMEOUT_MS } from './fetch-transport.js';
import { emptyPaginated, paginate, paginateBatches, type Paginated } from './paginate.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { defaultAccountKey, RequestBudget } from './request-budget.js';
import { endpointOf, type GongRequest, type GongResponse, type Send } from './request.js';
import { ServerClock, type ClockOffsetStore } from './server-clock.js';
import { withAuth } from './with-auth.js';
import { withBudget } from './with-budget.js';
import { withRetry } from './with-retry.js';
import { withThrottle } from './with-throttle.js';

/** Options every method takes. */
export interface CallOptions {
  /** Cancels the request and any wait for it. */
  signal?: AbortSignal;
}

export interface CallsQuery extends CallOptions {
  /** Inclusive start of the call-date window (docs/gong-api.md §2.4). */
  from: DateInput;
  /** Exclusive end of the window. */
  to: DateInput;
  workspaceId?: string;
}

export interface CallsExtensiveQuery extends CallOptions {
  from?: DateInput;
  to?: DateInput;
  /** Sent in batches of 100; an empty list gives an empty result without a request. */
  callIds?: readonly string[];
  workspaceId?: string;
  /** Calls hosted by these users; an empty list gives an empty result without a request. */
  primaryUserIds?: readonly string[];
  /** Replaces the default selector; `exposedFields.media` is always removed. */
  contentSelector?: ContentSelector;
}

export interface TranscriptsQuery extends CallOptions {
  /** Sent in batches of 100; an empty list gives an empty result without a request. */
  callIds?: readonly string[];
  from?: DateInput;
  to?: DateInput;
  workspaceId?: string;
}

export class GongClient {
  /** The API host every request goes to, without a trailing slash. */
  readonly baseUrl: string;
  /** The daily request budget, or `undefined` when disabled. */
  readonly budget: RequestBudget | undefined;
  /** The throttle, or `undefined` when disabled. */
  readonly rateLimiter: RateLimiter | undefined;
  readonly #send: Send;
  readonly #serverClock: ServerClock;
  readonly #clockOffsetStore: ClockOffsetStore | undefined;
  #requestsSent = 0;

  constructor(options: GongClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    const credentials = parseCredentials(options);
    const clock: Clock = options.clock ?? systemClock;
    const policy = resolveRetryPolicy(options.retry);
    const timeoutMs = resolveTimeout(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    const onEvent = safeListener(options.onEvent);
    this.#serverClock = new ServerClock(clock);
    this.#clockOffsetStore = options.clockOffsetStore;
    this.rateLimiter = createRateLimiter(options.rateLimit, clock);
    this.budget = resolveBudget(options.budget, () => defaultAccountKey(this.baseUrl, credentials), () => this.serverNow());

    const transport = createFetchTransport({
      baseUrl: this.baseUrl,
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs,
      clock,
      serverClock: this.#serverClock,
      onEvent,
      onSent: () => {
        this.#requestsSent += 1;
      },
    });
    let send = withAuth(credentials)(transport);
    if (this.rateLimiter) send = withThrottle(this.rateLimiter, onEvent)(send);
    if (this.budget) send = withBudget(this.budget)(send);
    this.#send = withRetry({ policy, clock, random: options.random, onEvent })(send);
  }

  /** Attempts put on the wire by this client so far, retries included. */
  get requestsSent(): number {
    return this.#requestsSent;
  }

  /**
   * Gong's time now (epoch ms), from the `Date` header of the latest response; the local time
   * before any response. The sync fixes its windows on it, so local clock skew opens no gaps.
   */
  serverNow(): number {
    return this.#serverClock.now();
  }

  /** Gong's clock minus the local clock as last measured (ms); `undefined` before any response. */
  serverClockOffsetMs(): number | undefined {
    return this.#serverClock.offsetMs;
  }

  /**
   * Seeds the estimate of Gong's clock with an offset measured earlier (for example by the
   * previous sync), used until this client sees its first `Date` header.
   */
  assumeServerClockOffset(offsetMs: number): void {
    this.#serverClock.assume(offsetMs);
  }

  /**
   * Reads what the client keeps between runs: today's request count (budget) and Gong's clock
   * offset as last measured, so the first request of a run is counted and dated right.
   *
   * @example await gong.restore(); // before the first request
   */
  async restore(): Promise<void> {
    await this.budget?.load();
    const offset = await this.#clockOffsetStore?.load();
    if (offset !== undefined) this.assumeServerClockOffset(offset);
  }

  /**
   * Keeps Gong's clock offset as last measured for the next run (with a `clockOffsetStore`).
   *
   * @example try { await work(gong); } finally { await gong.persist(); }
   */
  async persist(): Promise<void> {
    const offset = this.#serverClock.offsetMs;
    if (offset !== undefined) await this.#clockOffsetStore?.save(Math.round(offset));
  }

  /**
   * Sends one request through every layer. For endpoints without a dedicated method.
   *
   * @example const { data } = await gong.request({ method: 'GET', path: '/v2/settings/scorecards' });
   */
  request<T = unknown>(request: GongRequest): Promise<GongResponse<T>> {
    return this.#send(request) as Promise<GongResponse<T>>;
  }

  /**
   * Pages through any list endpoint (`itemsKey` names the array in each page).
   *
   * @example gong.paginate<unknown>({ method: 'GET', path: '/v2/logs', query: { logType: 'UserActivityLog', fromDateTime } }, 'logEntries')
   */
  paginate<T = unknown>(request: GongRequest, itemsKey: string): Paginated<T> {
    return paginate<T>(this.#send, request, itemsKey);
  }

  /**
   * All users: `GET /v2/users` (docs/gong-api.md §3.1).
   *
   * @example const users = await gong.users().toArray();
   */
  users(options: CallOptions & { includeAvatars?: boolean } = {}): Paginated<GongUser> {
    return this.paginate<GongUser>(
      { method: 'GET', path: '/v2/users', query: { includeAvatars: options.includeAvatars }, signal: options.signal },
      'users',
    );
  }

  /**
   * Users by filter: `POST /v2/users/extensive`. Gong requires `filter`, so `{}` is sent at least.
   *
   * @example gong.usersExtensive({ userIds: ['413440499764841252'] })
   */
  usersExtensive(filter: UsersFilter = {}, options: CallOptions = {}): Paginated<GongUser> {
    if (filter.userIds !== undefined && filter.userIds.length === 0) return emptyPaginated();
    return this.paginate<GongUser>({ method: 'POST', path: '/v2/users/extensive', body: { filter }, signal: options.signal }, 'users');
  }

  /**
   * Calls that started in `[from, to)`: `GET /v2/calls` (docs/gong-api.md §3.2), oldest first.
   *
   * @example for await (const call of gong.calls({ from: '2026-09-01', to: new Date() })) {}
   */
  calls(query: CallsQuery): Paginated<GongCallMetaData> {
    return this.paginate<GongCallMetaData>(
      {
        method: 'GET',
        path: '/v2/calls',
        query: {
          fromDateTime: toGongDateTime(query.from, 'from'),
          toDateTime: toGongDateTime(query.to, 'to'),
          workspaceId: query.workspaceId,
        },
        signal: query.signal,
      },
      'calls',
    );
  }

  /**
   * One call's metadata: `GET /v2/calls/{id}`.
   *
   * @example const meta = await gong.call('7782342274025937895');
   * @throws GongNotFoundError for an unknown id ("Call ID … was not found")
   */
  async call(id: string, options: CallOptions = {}): Promise<GongCallMetaData> {
    const request: GongRequest = { method: 'GET', path: `/v2/calls/${encodeURIComponent(String(id))}`, signal: options.signal };
    const response = await this.#send(request);
    const endpoint = endpointOf(request);
    if (response.noResults) throw new GongNotFoundError(`Gong found no call ${id} (404) for ${endpoint}`, { status: 404, endpoint, requestId: response.requestId });
    const call = (response.data as { call?: unknown }).call;
    if (typeof call !== 'object' || call === null) throw new GongProtocolError(`Gong's answer to ${endpoint} has no "call" object`, endpoint, { kind: 'protocol' });
    return call as GongCallMetaData;
  }

  /**
   * Calls with parties, CRM context, content and interaction: `POST /v2/calls/extensive`
   * (docs/gong-api.md §3.3). `callIds` go in batches of 100; `media` is never requested.
   *
   * @example for await (const call of gong.callsExtensive({ callIds })) console.log(call.parties?.length);
   */
  callsExtensive(query: CallsExtensiveQuery = {}): Paginated<GongCall> {
    if (query.primaryUserIds !== undefined && query.primaryUserIds.length === 0) return emptyPaginated();
    const filter: Record<string, unknown> = {
      ...dateFilter(query),
      workspaceId: query.workspaceId,
      primaryUserIds: query.primaryUserIds ? [...query.primaryUserIds] : undefined,
    };
    const contentSelector = query.contentSelector ? withoutMedia(query.contentSelector) : DEFAULT_CONTENT_SELECTOR;
    return this.#callIdList<GongCall>('/v2/calls/extensive', 'calls', filter, query.callIds, query.signal, { contentSelector });
  }

  /**
   * Transcripts: `POST /v2/calls/transcript` (docs/gong-api.md §3.4). `callIds` go in batches of 100.
   *
   * @example for await (const t of gong.transcripts({ callIds: ['7782342274025937895'] })) console.log(t.transcript.length);
   */
  transcripts(query: TranscriptsQuery = {}): Paginated<GongCallTranscript> {
    const filter: Record<string, unknown> = { ...dateFilter(query), workspaceId: query.workspaceId };
    return this.#callIdList<GongCallTranscript>('/v2/calls/transcript', 'callTranscripts', filter, query.callIds, query.signal, {});
  }

  /**
   * The company's workspaces: `GET /v2/workspaces` (not paginated).
   *
   * @example const [first] = await gong.workspaces();
   */
  workspaces(options: CallOptions = {}): Promise<GongWorkspace[]> {
    return this.#wholeList<GongWorkspace>({ method: 'GET', path: '/v2/workspaces', signal: options.signal }, 'workspaces');
  }

  /**
   * Keyword tracker definitions: `GET /v2/settings/trackers` (not paginated; every workspace
   * unless `workspaceId`).
   *
   * @example const trackers = await gong.trackers();
   */
  trackers(options: CallOptions & { workspaceId?: string } = {}): Promise<GongKeywordTracker[]> {
    return this.#wholeList<GongKeywordTracker>(
      { method: 'GET', path: '/v2/settings/trackers', query: { workspaceId: options.workspaceId }, signal: options.signal },
      'keywordTrackers',
    );
  }

  /**
   * Scorecard definitions with their questions: `GET /v2/settings/scorecards` (not paginated).
   *
   * @example const scorecards = await gong.scorecards();
   */
  scorecards(options: CallOptions = {}): Promise<GongScorecard[]> {
    return this.#wholeList<GongScorecard>({ method: 'GET', path: '/v2/settings/scorecards', signal: options.signal }, 'scorecards');
  }

  /**
   * Scorecards filled in, reviewed in `[reviewFrom, reviewTo)` (company-time dates):
   * `POST /v2/stats/activity/scorecards`. Gong's 404 "not found" is an empty list.
   *
   * @example gong.answeredScorecards({ reviewFrom: '2026-11-01', reviewTo: '2026-11-08' })
   */
  answeredScorecards(query: CallOptions & { reviewFrom: DateInput; reviewTo: DateInput }): Paginated<GongAnsweredScorecard> {
    const filter = { reviewFromDate: toGongDate(query.reviewFrom, 'reviewFrom'), reviewToDate: toGongDate(query.reviewTo, 'reviewTo') };
    return this.paginate<GongAnsweredScorecard>(
      { method: 'POST', path: '/v2/stats/activity/scorecards', body: { filter }, signal: query.signal },
      'answeredScorecards',
    );
  }

  /**
   * Each user's activity day by day over `[fromDate, toDate)` (company-time dates; `toDate` at
   * most today): `POST /v2/stats/activity/day-by-day`.
   *
   * @example gong.dailyActivity({ fromDate: '2026-11-01', toDate: '2026-11-08' })
   */
  dailyActivity(query: CallOptions & { fromDate: DateInput; toDate: DateInput }): Paginated<GongUserDailyActivity> {
    return this.paginate<GongUserDailyActivity>(
      { method: 'POST', path: '/v2/stats/activity/day-by-day', body: { filter: statsDates(query) }, signal: query.signal },
      'usersDetailedActivities',
    );
  }

  /**
   * Each user's interaction statistics aggregated over `[fromDate, toDate)`: `POST /v2/stats/interaction`.
   *
   * @example gong.interactionStats({ fromDate: '2026-11-01', toDate: '2026-11-02' })
   */
  interactionStats(query: CallOptions & { fromDate: DateInput; toDate: DateInput }): Paginated<GongUserInteractionStats> {
    return this.paginate<GongUserInteractionStats>(
      { method: 'POST', path: '/v2/stats/interaction', body: { filter: statsDates(query) }, signal: query.signal },
      'peopleInteractionStats',
    );
  }

  /**
   * The public library folders: `GET /v2/library/folders` (not paginated).
   *
   * @example const folders = await gong.libraryFolders();
   */
  libraryFolders(options: CallOptions & { workspaceId?: string } = {}): Promise<GongLibraryFolder[]> {
    return this.#wholeList<GongLibraryFolder>(
      { method: 'GET', path: '/v2/library/folders', query: { workspaceId: options.workspaceId }, signal: options.signal },
      'folders',
    );
  }

  /**
   * One folder with the calls saved in it: `GET /v2/library/folder-content` (one request per folder).
   *
   * @example const { calls } = await gong.libraryFolderContent('3843152912968920037');
   * @throws GongNotFoundError for a folder that does not exist (any more)
   */
  async libraryFolderContent(folderId: string, options: CallOptions = {}): Promise<GongLibraryFolderContent> {
    const request: GongRequest = { method: 'GET', path: '/v2/library/folder-content', query: { folderId: String(folderId) }, signal: options.signal };
    const response = await this.#send(request);
    const endpoint = endpointOf(request);
    if (response.noResults) throw new GongNotFoundError(`Gong found no library folder ${folderId} (404) for ${endpoint}`, { status: 404, endpoint, requestId: response.requestId });
    const data = response.data as Record<string, unknown>;
    if (data.calls !== undefined && data.calls !== null && !Array.isArray(data.calls)) {
      throw new GongProtocolError(`Gong's answer to ${endpoint} has "calls" that is not a list`, endpoint, { kind: 'protocol' });
    }
    return { ...data, calls: Array.isArray(data.calls) ? (data.calls as GongLibraryFolderContent['calls']) : [] };
  }

  /**
   * Calls associated with CRM objects by hand since `from`: `GET /v2/calls/manual-crm-associations` (beta).
   *
   * @example gong.manualCrmAssociations({ from: '2026-11-01T00:00:00Z' })
   */
  manualCrmAssociations(query: CallOptions & { from?: DateInput } = {}): Paginated<GongManualCrmAssociation> {
    const fromDateTime = query.from === undefined ? undefined : toGongDateTime(query.from, 'from');
    return this.paginate<GongManualCrmAssociation>(
      { method: 'GET', path: '/v2/calls/manual-crm-associations', query: { fromDateTime }, signal: query.signal },
      'associations',
    );
  }

  /** A list endpoint without paging: the array under `key`, or none for Gong's "no results" 404. */
  async #wholeList<T>(request: GongRequest, key: string): Promise<T[]> {
    const response = await this.#send(request);
    if (response.noResults) return [];
    const list = (response.data as Record<string, unknown>)[key];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) {
      const endpoint = endpointOf(request);
      throw new GongProtocolError(`Gong's answer to ${endpoint} has "${key}" that is not a list`, endpoint, { kind: 'protocol' });
    }
    return list as T[];
  }

  /** A POST list filtered by call ids: one paginated request per batch of 100, or none for `[]`. */
  #callIdList<T>(
    path: string,
    itemsKey: string,
    filter: Record<string, unknown>,
    callIds: readonly string[] | undefined,
    signal: AbortSignal | undefined,
    extra: Record<string, unknown>,
  ): Paginated<T> {
    const request = (ids?: string[]): GongRequest => ({
      method: 'POST',
      path,
      body: { filter: dropUndefined({ ...filter, callIds: ids }), ...extra },
      signal,
    });
    if (callIds === undefined) return paginate<T>(this.#send, request(), itemsKey);
    const batches = idBatches(callIds);
    if (batches.length === 0) return emptyPaginated();
    return paginateBatches<T>(this.#send, batches.map(request), itemsKey);
  }

  toJSON(): object {
    return { baseUrl: this.baseUrl };
  }

  [inspect.custom](): string {
    return `GongClient { baseUrl: '${this.baseUrl}' }`;
  }
}

function dateFilter(query: { from?: DateInput; to?: DateInput }): Record<string, string | undefined> {
  return {
    fromDateTime: query.from === undefined ? undefined : toGongDateTime(query.from, 'from'),
    toDateTime: query.to === undefined ? undefined : toGongDateTime(query.to, 'to'),
  };
}

function statsDates(query: { fromDate: DateInput; toDate: DateInput }): { fromDate: string; toDate: string } {
  return { fromDate: toGongDate(query.fromDate, 'fromDate'), toDate: toGongDate(query.toDate, 'toDate') };
}

function dropUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function resolveBudget(option: BudgetOption | undefined, accountKey: () => string, now: () => number): RequestBudget | undefined {
  if (option === false) return undefined;
  if (option instanceof RequestBudget) return option;
  return new RequestBudget({
    dailyLimit: option?.dailyLimit,
    store: option?.store,
    accountKey: option?.accountKey ?? accountKey(),
    now,
  });
}
