/**
 * The streams the protocol outputs (Singer, Airbyte) offer, derived from the registry and the
 * table definitions, never listed by hand: every exported table a registered stream writes
 * (its own tables and those of the streams derived from it) is one protocol stream, named by the
 * table's `exportName`, keyed by the table's key. A stream added to the registry appears here.
 */
import type { AnyStream } from '../sync/engine/stream-definition.js';
import { STREAMS } from '../sync/streams/registry.js';
import type { AnyTable } from '../store/schema/table.js';
import { tableJsonSchema, type JsonSchema } from './table-json-schema.js';

export interface ProtocolStream {
  /** The protocol name: the table's `exportName` (`calls`, `call_parties`, `transcripts`…). */
  name: string;
  table: AnyTable;
  /** The engine stream that reads it (for a derived stream's table, the stream it derives from). */
  engine: AnyStream;
  /** The table's key, in order. */
  key: string[];
  /** Full refresh streams are read whole every run; the others resume from their state. */
  incremental: boolean;
  /** The column a window advances on, when the stream says (calls: `started_at`). */
  cursorColumn: string | undefined;
  schema: JsonSchema;
}

/** The engine stream that reads a stream's records: itself, or the stream it is derived from. */
export function readerOf(stream: AnyStream, all: readonly AnyStream[] = STREAMS): AnyStream {
  const source = stream.source;
  if (source.replication !== 'derived') return stream;
  const parent = all.find((s) => s.name === source.from);
  if (!parent) throw new TypeError(`stream ${stream.name} derives from ${source.from}, which is not registered`);
  return readerOf(parent, all);
}

/**
 * Every protocol stream, in registry order (a reader's tables first, then its derived streams').
 *
 * @example protocolStreams().map((s) => s.name) // ['users', 'calls', 'call_parties', 'transcripts', …]
 */
export function protocolStreams(all: readonly AnyStream[] = STREAMS): ProtocolStream[] {
  const out: ProtocolStream[] = [];
  for (const stream of all) {
    const engine = readerOf(stream, all);
    const source = engine.source;
    for (const table of stream.tables) {
      if (!table.exportName || out.some((p) => p.table === table)) continue;
      out.push({
        name: table.exportName,
        table,
        engine,
        key: [...table.key],
        incremental: source.replication !== 'full-refresh',
        cursorColumn: source.replication === 'windows' && source.sweep && table === engine.tables[0] ? source.sweep.column : undefined,
        schema: tableJsonSchema(table),
      });
    }
  }
  return out;
}

/** The protocol streams read by one engine stream (its tables and its derived streams'). */
export function protocolStreamsOf(engine: AnyStream, streams: readonly ProtocolStream[]): ProtocolStream[] {
  return streams.filter((s) => s.engine === engine);
}
