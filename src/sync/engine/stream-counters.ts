/** Names of the counters a stream reports in the run's statistics. */
import type { AnyStream } from './stream-definition.js';

/** `answered-scorecards` → `answeredScorecards`, unless the stream names its counter. */
export function counterOf(stream: AnyStream): string {
  return stream.counter ?? stream.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `users` → `deletedUsers`: rows a stream found gone from Gong. */
export function deletedCounterOf(stream: AnyStream): string {
  const name = counterOf(stream);
  return `deleted${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/** Whether a stream can find rows gone from Gong (a sweep, or records it stops keeping). */
function deletes(stream: AnyStream): boolean {
  const source = stream.source;
  return source.replication === 'full-refresh' || (source.replication === 'windows' && (source.sweep !== undefined || stream.keep !== undefined));
}

/** Every counter of these streams, at 0, so a summary shows them even when nothing happened. */
export function zeroCounters(streams: readonly AnyStream[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const stream of streams) {
    out[counterOf(stream)] = 0;
    if (deletes(stream)) out[deletedCounterOf(stream)] = 0;
    for (const name of stream.counters ?? []) out[name] = 0;
    for (const name of Object.values(stream.rowCounters ?? {})) out[name] = 0;
    if (stream.droppedCounter) out[stream.droppedCounter] = 0;
    if (stream.source.replication === 'pending') for (const name of Object.values(stream.source.counters)) out[name] = 0;
  }
  return out;
}
