/**
 * Airbyte's catalogs: `discover` lists every protocol stream (schema, primary key, sync modes,
 * cursor); a configured catalog picks streams, their sync mode and, through a narrowed
 * `json_schema`, their fields.
 */
import { ConfigError } from '../../errors.js';
import type { StreamSelection } from '../field-selection.js';
import type { ProtocolStream } from '../stream-catalog.js';

/** The AirbyteCatalog of these streams. */
export function airbyteCatalog(streams: readonly ProtocolStream[]): { streams: Record<string, unknown>[] } {
  return {
    streams: streams.map((s) => ({
      name: s.name,
      json_schema: s.schema,
      supported_sync_modes: s.incremental ? ['full_refresh', 'incremental'] : ['full_refresh'],
      source_defined_cursor: s.incremental,
      ...(s.cursorColumn ? { default_cursor_field: [s.cursorColumn] } : {}),
      source_defined_primary_key: s.key.map((k) => [k]),
      is_resumable: s.incremental,
    })),
  };
}

/**
 * The selection a ConfiguredAirbyteCatalog makes. Streams it names that this connector does not
 * know are returned in `unknown` (the caller logs them).
 */
export function parseConfiguredCatalog(value: unknown, streams: readonly ProtocolStream[]): { selections: StreamSelection[]; unknown: string[] } {
  const list = (value as { streams?: unknown } | null)?.streams;
  if (!Array.isArray(list)) throw new ConfigError('--catalog must be a configured catalog: {"streams": [{"stream": {...}, "sync_mode": ..., "destination_sync_mode": ...}]}');
  const selections: StreamSelection[] = [];
  const unknown: string[] = [];
  for (const entry of list as { stream?: { name?: unknown; json_schema?: { properties?: Record<string, unknown> } }; sync_mode?: unknown }[]) {
    const name = entry?.stream?.name;
    const stream = streams.find((s) => s.name === name);
    if (!stream) {
      unknown.push(String(name));
      continue;
    }
    const properties = entry.stream?.json_schema?.properties;
    selections.push({
      stream,
      ...(properties && typeof properties === 'object' ? { fields: new Set(Object.keys(properties)) } : {}),
      fullRefresh: entry.sync_mode !== 'incremental',
    });
  }
  // Parents first, as the engine reads them, whatever the catalog's order.
  selections.sort((a, b) => streams.indexOf(a.stream) - streams.indexOf(b.stream));
  return { selections, unknown };
}
