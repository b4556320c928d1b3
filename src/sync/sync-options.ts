/** The sync's options, their defaults and their validation. */
import { ConfigError } from '../errors.js';
import { DAY } from '../util/time.js';

export interface SyncWindowOptions {
  /** Streams to run (default: all); they run in dependency order whatever the order given. */
  streams?: readonly string[];
  /** Start of the windows (epoch ms). Default: watermark − lookback, or 90 days ago on the first run. */
  since?: number;
  /** End of the windows (epoch ms). Default: Gong's now. */
  until?: number;
  /** How far before the watermark each run re-reads, for late-arriving calls. Default 3 days. */
  lookbackMs?: number;
  /**
   * Calls can turn private long after they are synced: once every `recheckEveryMs` (default
   * 24 h) the calls window reaches this far back (default 30 days; 0 turns it off), and calls
   * that turned private are removed.
   */
  recheckWindowMs?: number;
  recheckEveryMs?: number;
  /** How far back the first run reaches without `since`. Default 90 days. */
  initialBackfillMs?: number;
  /** Store private calls too (default: left out, and removed if they turn private). */
  includePrivate?: boolean;
  /** Stop asking for a call's transcript once the call is this old. Default 30 days. */
  transcriptGiveUpMs?: number;
}

/** Options after defaults are applied: what every stream reads. */
export interface ResolvedSyncOptions {
  streams: string[];
  /** Whether the caller named the streams (a stream named but refused is an error, not a warning). */
  streamsNamed: boolean;
  since: number | undefined;
  until: number | undefined;
  initialBackfillMs: number;
  lookbackMs: number;
  recheckWindowMs: number;
  recheckEveryMs: number;
  includePrivate: boolean;
  transcriptGiveUpMs: number;
  /** How many times one window may restart after an expired or repeated cursor. */
  maxWindowRestarts: number;
}

/**
 * @param known every stream name, in the order the registry runs them
 * @throws ConfigError naming the option at fault
 */
export function resolveSyncOptions(options: SyncWindowOptions, known: readonly string[]): ResolvedSyncOptions {
  const streams = options.streams ?? known;
  for (const s of streams) {
    if (!known.includes(s)) throw new ConfigError(`unknown stream "${s}": expected ${formatList(known)}`);
  }
  if (options.since !== undefined && options.until !== undefined && options.since >= options.until) {
    throw new ConfigError('--since must be before --until');
  }
  const lookbackMs = options.lookbackMs ?? 3 * DAY;
  if (!(lookbackMs >= 0)) throw new ConfigError('--lookback must be a duration of zero or more, such as 3d');
  return {
    streams: known.filter((s) => streams.includes(s)),
    streamsNamed: options.streams !== undefined,
    since: options.since,
    until: options.until,
    initialBackfillMs: options.initialBackfillMs ?? 90 * DAY,
    lookbackMs,
    recheckWindowMs: options.recheckWindowMs ?? 30 * DAY,
    recheckEveryMs: options.recheckEveryMs ?? DAY,
    includePrivate: options.includePrivate ?? false,
    transcriptGiveUpMs: options.transcriptGiveUpMs ?? 30 * DAY,
    maxWindowRestarts: 5,
  };
}

function formatList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
