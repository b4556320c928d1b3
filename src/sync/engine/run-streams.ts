/**
 * Runs the selected streams, in dependency order, each through the skeleton of its replication.
 * Streams derived from another (call content from calls) are written with their parent's pages.
 * A stream a Bearer token has no scope for is skipped with a warning, unless the caller named it.
 */
import { GongScopeError } from '../../errors.js';
import { runFullRefresh } from './full-refresh.js';
import { runPending } from './pending.js';
import type { StreamContext } from './stream-context.js';
import type { AnyStream } from './stream-definition.js';
import { runWindows } from './windows.js';

/**
 * @param streams the streams to run, in the order they must run
 * @param all every registered stream (derived streams are found among them)
 */
export async function runStreams(ctx: StreamContext, streams: readonly AnyStream[], all: readonly AnyStream[]): Promise<void> {
  for (const stream of streams) {
    const source = stream.source;
    if (source.replication === 'derived') continue;
    const reason = await stream.skipReason?.(ctx);
    if (reason) {
      ctx.emit({ type: 'stream-skip', stream: stream.name, reason });
      continue;
    }
    ctx.checkpoint();
    const derived = all.filter((d) => d.source.replication === 'derived' && d.source.from === stream.name);
    try {
      if (source.replication === 'full-refresh') await runFullRefresh(ctx, stream, source, derived);
      else if (source.replication === 'windows') await runWindows(ctx, stream, source, derived);
      else await runPending(ctx, stream, source);
    } catch (error) {
      // Gong refuses a scope before any record of the stream is written: the rest can go on.
      if (!(error instanceof GongScopeError) || ctx.options.streamsNamed) throw error;
      ctx.emit({ type: 'stream-skip', stream: stream.name, reason: `the access token lacks the scope ${error.scope ?? stream.scopes.join(' ')}`, warning: true });
    }
  }
}

/**
 * The streams to run for these names: each after the streams it depends on that also run, in
 * the registry's order otherwise.
 *
 * @example orderStreams(['transcripts', 'calls'], registry) // [calls, transcripts]
 */
export function orderStreams(names: readonly string[], all: readonly AnyStream[]): AnyStream[] {
  const chosen = all.filter((s) => names.includes(s.name));
  const out: AnyStream[] = [];
  const visit = (stream: AnyStream, path: string[]) => {
    if (out.includes(stream)) return;
    if (path.includes(stream.name)) throw new TypeError(`streams depend on each other in a loop: ${[...path, stream.name].join(' → ')}`);
    for (const dep of stream.dependsOn ?? []) {
      const parent = chosen.find((s) => s.name === dep);
      if (parent) visit(parent, [...path, stream.name]);
    }
    out.push(stream);
  };
  for (const stream of chosen) visit(stream, []);
  return out;
}
