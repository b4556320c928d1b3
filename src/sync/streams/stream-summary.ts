/** One line per stream for the summary of a run, from the run's counters. */
import type { RunStats } from '../../store/records.js';
import { counterOf, deletedCounterOf } from '../engine/stream-counters.js';
import type { AnyStream } from '../engine/stream-definition.js';

const n = (value: number) => value.toLocaleString('en-US');

/**
 * What a stream did in a run, in words; undefined when the run did not count it (not selected).
 *
 * @example summaryLineOf(usersStream, { users: 40, deletedUsers: 2, requests: 3 }) // '40 refreshed, 2 no longer in Gong'
 */
export function summaryLineOf(stream: AnyStream, stats: RunStats): string | undefined {
  const records = stats[counterOf(stream)];
  if (records === undefined) return undefined;
  if (stream.summary) return stream.summary(stats);
  const deleted = stats[deletedCounterOf(stream)];
  const verb = stream.source.replication === 'full-refresh' ? 'refreshed' : 'written';
  return `${n(records)} ${verb}${deleted ? `, ${n(deleted)} no longer in Gong` : ''}`;
}
