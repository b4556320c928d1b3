import { ConfigError } from '../errors.js';
import { parseInstant } from '../util/time.js';
import { DEFAULT_MARKERS, type HighlightMarkers } from './highlight-snippet.js';

export type SearchAffiliation = 'internal' | 'external' | 'unknown';
export const SEARCH_AFFILIATIONS: readonly SearchAffiliation[] = ['internal', 'external', 'unknown'];

/** Hits returned when no `limit` is given (there is no upper bound; `searchAllTranscripts` gives every hit). */
export const DEFAULT_SEARCH_LIMIT = 20;
/**
 * How many matching sentences, newest first, a search ranks. A query matching more (a common
 * word in a large index) is ranked within its newest matches: scoring every one of hundreds of
 * thousands of sentences would take ten times the latency budget (docs/search.md, "Ranking").
 */
export const DEFAULT_RANK_WINDOW = 10_000;

export interface SearchOptions {
  /** At most this many hits (default 20, no upper bound); with `perCall`, at most this many calls. */
  limit?: number;
  /** One hit per call: the call's highest-ranked sentence (its first hit in the full ranking). */
  perCall?: boolean;
  /** Calls that started at or after this instant (a `Date`, epoch ms, or ISO-8601 text). */
  since?: Date | number | string;
  /** Calls that started before this instant. */
  until?: Date | number | string;
  /**
   * Sentences said by a speaker whose name (resolved as transcripts show it: party name, Gong
   * user name, e-mail, else "Unknown speaker") contains this text, ignoring case.
   */
  speaker?: string;
  /** The speaker's side: the party's affiliation; `unknown` also covers unresolved speakers. */
  affiliation?: SearchAffiliation;
  /** Calls linked to a CRM account (directly or through a deal) whose name contains this text, ignoring case. */
  account?: string;
  /** Calls where a Gong tracker of this name (any case) fired. */
  tracker?: string;
  /** Calls linked to this CRM account id, directly or through one of its deals. */
  accountId?: string;
  /** Calls linked to this CRM deal id. */
  dealId?: string;
  /** Only this call. */
  callId?: string;
  /** Marks around matched words in `snippet` (default `«` and `»`). */
  markers?: HighlightMarkers;
  /** Matching sentences ranked, newest first (default 10,000; see `DEFAULT_RANK_WINDOW`). */
  rankWindow?: number;
}

/** Options checked and put in the form the queries use. */
export interface ResolvedSearchOptions {
  limit: number;
  perCall: boolean;
  since: string | undefined;
  until: string | undefined;
  /** Lower-cased. */
  speaker: string | undefined;
  affiliation: SearchAffiliation | undefined;
  /** Lower-cased. */
  account: string | undefined;
  /** Lower-cased and trimmed. */
  tracker: string | undefined;
  accountId: string | undefined;
  dealId: string | undefined;
  callId: string | undefined;
  markers: HighlightMarkers;
  rankWindow: number;
}

/** @throws ConfigError naming the option and what it accepts */
export function resolveSearchOptions(options: SearchOptions): ResolvedSearchOptions {
  const limit = wholeNumber('limit', options.limit ?? DEFAULT_SEARCH_LIMIT, 1, Number.MAX_SAFE_INTEGER);
  const rankWindow = wholeNumber('rankWindow', options.rankWindow ?? DEFAULT_RANK_WINDOW, 1, 10_000_000);
  const since = instant('since', options.since);
  const until = instant('until', options.until);
  if (since !== undefined && until !== undefined && since >= until) throw new ConfigError('search: since must be before until');
  const affiliation = options.affiliation === undefined ? undefined : (String(options.affiliation).toLowerCase() as SearchAffiliation);
  if (affiliation !== undefined && !SEARCH_AFFILIATIONS.includes(affiliation)) {
    throw new ConfigError(`search: affiliation "${options.affiliation}" is not one of ${SEARCH_AFFILIATIONS.join(', ')}`);
  }
  return {
    limit,
    perCall: options.perCall === true,
    rankWindow: Math.max(rankWindow, limit),
    since,
    until,
    speaker: text('speaker', options.speaker),
    affiliation,
    account: text('account', options.account),
    tracker: text('tracker', options.tracker),
    accountId: options.accountId === undefined ? undefined : nonEmpty('accountId', options.accountId.trim()),
    dealId: options.dealId === undefined ? undefined : nonEmpty('dealId', options.dealId.trim()),
    callId: options.callId === undefined ? undefined : nonEmpty('callId', options.callId.trim()),
    markers: options.markers ?? DEFAULT_MARKERS,
  };
}

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(`search: ${name} ${value} is not a whole number ${range}`);
  }
  return value;
}

/** UTC ISO text, the form `started_at` has in both engines' comparisons. */
function instant(name: string, value: Date | number | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : parseInstant(value);
  if (ms === undefined || !Number.isFinite(ms)) throw new ConfigError(`search: ${name} "${String(value)}" is not an instant: use a Date, epoch milliseconds or ISO-8601`);
  return new Date(ms).toISOString();
}

function text(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return nonEmpty(name, value.replace(/\s+/gu, ' ').trim().toLowerCase());
}

function nonEmpty(name: string, value: string): string {
  if (value === '') throw new ConfigError(`search: ${name} is empty`);
  return value;
}
