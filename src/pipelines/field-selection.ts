/** What a catalog selected of one stream: the record's fields, the key always among them. */
import type { ProtocolStream } from './stream-catalog.js';

export interface StreamSelection {
  stream: ProtocolStream;
  /** Fields to emit; undefined: every column. */
  fields?: ReadonlySet<string>;
  /** The catalog asks for a full read (its state is not used). */
  fullRefresh: boolean;
}

/** A record narrowed to the selected fields (the key columns stay: a record without its key is no record). */
export function projectRecord(selection: StreamSelection | undefined, data: Record<string, unknown>): Record<string, unknown> {
  const fields = selection?.fields;
  if (!fields) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (fields.has(k) || selection.stream.key.includes(k)) out[k] = v;
  return out;
}

/** A stream's JSON Schema narrowed the same way. */
export function projectSchema(selection: StreamSelection): Record<string, unknown> {
  const schema = selection.stream.schema as { properties: Record<string, unknown>; required: string[] };
  const fields = selection.fields;
  if (!fields) return schema;
  const keep = (k: string) => fields.has(k) || selection.stream.key.includes(k);
  return {
    ...schema,
    properties: Object.fromEntries(Object.entries(schema.properties).filter(([k]) => keep(k))),
    required: schema.required.filter(keep),
  };
}
