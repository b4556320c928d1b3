/**
 * Singer catalogs (singer-io's getting-started spec, as Meltano writes them): `--discover`
 * prints every protocol stream with its schema, key and metadata; `--catalog` selects streams
 * (`selected: true` on the empty breadcrumb, or the legacy `schema.selected`) and fields (`selected: false` on a property's breadcrumb;
 * key columns are `automatic` and always come), and may ask a stream to be read in full
 * (`replication-method: FULL_TABLE`).
 */
import { ConfigError } from '../../errors.js';
import type { StreamSelection } from '../field-selection.js';
import type { ProtocolStream } from '../stream-catalog.js';

interface MetadataEntry {
  breadcrumb: string[];
  metadata: Record<string, unknown>;
}

/** The catalog `--discover` prints. */
export function singerCatalog(streams: readonly ProtocolStream[]): { streams: Record<string, unknown>[] } {
  return {
    streams: streams.map((s) => {
      const properties = Object.keys((s.schema as { properties: Record<string, unknown> }).properties);
      const metadata: MetadataEntry[] = [
        {
          breadcrumb: [],
          metadata: {
            inclusion: 'available',
            'selected-by-default': true,
            'table-key-properties': s.key,
            'forced-replication-method': s.incremental ? 'INCREMENTAL' : 'FULL_TABLE',
            ...(s.cursorColumn ? { 'valid-replication-keys': [s.cursorColumn] } : {}),
          },
        },
        ...properties.map((p) => ({ breadcrumb: ['properties', p], metadata: { inclusion: s.key.includes(p) ? 'automatic' : 'available', 'selected-by-default': true } })),
      ];
      return {
        tap_stream_id: s.name,
        stream: s.name,
        schema: s.schema,
        key_properties: s.key,
        replication_method: s.incremental ? 'INCREMENTAL' : 'FULL_TABLE',
        ...(s.cursorColumn ? { replication_key: s.cursorColumn } : {}),
        metadata,
      };
    }),
  };
}

/** What a `--catalog` selects; streams it names that this tap does not have are in `unknown`. */
export function parseSingerCatalog(value: unknown, streams: readonly ProtocolStream[]): { selections: StreamSelection[]; unknown: string[] } {
  const list = (value as { streams?: unknown } | null)?.streams;
  if (!Array.isArray(list)) throw new ConfigError('--catalog must be a Singer catalog: {"streams": [{"tap_stream_id": ..., "schema": ..., "metadata": [...]}]}');
  const selections: StreamSelection[] = [];
  const unknown: string[] = [];
  for (const entry of list as { tap_stream_id?: unknown; stream?: unknown; schema?: { selected?: unknown }; metadata?: MetadataEntry[]; replication_method?: unknown }[]) {
    const name = entry?.tap_stream_id ?? entry?.stream;
    const stream = streams.find((s) => s.name === name);
    if (!stream) {
      unknown.push(String(name));
      continue;
    }
    const metadata = Array.isArray(entry.metadata) ? entry.metadata : [];
    const root = metadata.find((m) => Array.isArray(m?.breadcrumb) && m.breadcrumb.length === 0)?.metadata ?? {};
    // As singer-python's `is_selected`: a stream is read only when the catalog says so.
    if (root.selected !== true && entry.schema?.selected !== true) continue;
    const fields = new Set<string>();
    let narrowed = false;
    for (const column of Object.keys((stream.schema as { properties: Record<string, unknown> }).properties)) {
      const m = metadata.find((e) => Array.isArray(e?.breadcrumb) && e.breadcrumb.length === 2 && e.breadcrumb[0] === 'properties' && e.breadcrumb[1] === column)?.metadata;
      const automatic = m?.inclusion === 'automatic' || stream.key.includes(column);
      if (automatic || (m?.selected ?? m?.['selected-by-default'] ?? true) === true) fields.add(column);
      else narrowed = true;
    }
    const method = root['replication-method'] ?? entry.replication_method;
    selections.push({ stream, ...(narrowed ? { fields } : {}), fullRefresh: method === 'FULL_TABLE' });
  }
  selections.sort((a, b) => streams.indexOf(a.stream) - streams.indexOf(b.stream));
  return { selections, unknown };
}
