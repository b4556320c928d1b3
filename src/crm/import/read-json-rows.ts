/**
 * JSON exports → rows with line numbers: an array of objects, an API answer that wraps one
 * (`{"records": […]}` from Salesforce's REST API, `{"results": […]}` from HubSpot's), or JSON
 * lines (one object per line). HubSpot API objects keep their values under `properties`; they
 * are lifted up. Salesforce's `attributes.type` names the kind. Nested objects become dotted
 * columns (`Account.Name`), arrays of scalars `;`-joined values.
 *
 * Read as a stream (`streamJsonRows`), one record at a time: the header is the keys of the first
 * `JSON_HEADER_ROWS` rows, and the kind hint the first `attributes.type` among them. Read from
 * text in memory (`parseJsonRows`), the header is the keys of every row.
 *
 * JSON lines or one JSON document? A file whose first non-blank line is a whole JSON value with
 * more text after it, or whose first line is not JSON but whose second is, is JSON lines; any
 * other is one document (a document never has a whole value on its first line and more after).
 */
import type { CrmKind } from '../crm-kinds.js';
import { isRowProblem, type CrmFileRow, type CrmFileRows, type CrmRowItem, type CrmRowProblem, type CrmRowStream } from './crm-file-rows.js';
import { JsonElementScanner, NotJsonError, type JsonElement } from './json-element-scanner.js';
import { PhysicalLines } from './physical-lines.js';

export { NotJsonError } from './json-element-scanner.js';

/** Rows whose keys make a streamed JSON export's header (and may carry its kind hint). */
export const JSON_HEADER_ROWS = 100;
/** The longest first lines looked at to tell JSON lines from one document. */
const PROBE_CHARS = 1024 * 1024;

const SALESFORCE_TYPES: Record<string, CrmKind> = {
  account: 'accounts',
  contact: 'contacts',
  opportunity: 'deals',
  opportunitycontactrole: 'deal-contacts',
};

/**
 * Parses JSON or JSON-lines text into rows.
 *
 * @example parseJsonRows('[{"Id":"1","Name":"Acme"}]').rows[0] // { line: 1, values: { Id: '1', Name: 'Acme' } }
 */
export function parseJsonRows(text: string): CrmFileRows {
  const reader = new JsonRowReader();
  reader.push(text);
  reader.end();
  const items = reader.take();
  const rows: CrmFileRow[] = [];
  const problems: CrmRowProblem[] = [];
  for (const item of items) (isRowProblem(item) ? problems : rows).push(item as CrmFileRow & CrmRowProblem);
  return { format: 'json', header: headerOf(rows), rows, problems, ...kindHintOf(reader.hints) };
}

/**
 * Reads JSON text as it comes: resolves once the first `JSON_HEADER_ROWS` rows are read (or the
 * text ends), with every row to follow, those included.
 *
 * @example const json = await streamJsonRows(decodeExportText(createReadStream(file), file)); for await (const row of json.items) …
 */
export async function streamJsonRows(text: AsyncIterable<string>): Promise<CrmRowStream> {
  const source = text[Symbol.asyncIterator]();
  const reader = new JsonRowReader();
  const head: CrmRowItem[] = [];
  let done = false;
  while (!done && head.length < JSON_HEADER_ROWS) {
    const next = await source.next();
    if (next.done) {
      reader.end();
      done = true;
    } else reader.push(next.value);
    head.push(...reader.take());
  }
  const header = headerOf(head.filter((item): item is CrmFileRow => !isRowProblem(item)));
  const hints = kindHintOf(reader.hints);

  async function* items(): AsyncGenerator<CrmRowItem> {
    try {
      yield* head.splice(0);
      if (done) return;
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        reader.push(next.value);
        yield* reader.take();
      }
      reader.end();
      yield* reader.take();
    } finally {
      // A reader that stops early (an import rolling back) closes the file.
      await source.return?.();
    }
  }
  return { format: 'json', header, ...hints, items: items(), close: async () => void (await source.return?.()) };
}

/** Text → rows, whichever of JSON lines or one document the text is. */
class JsonRowReader {
  /** Salesforce kinds named by the rows read so far, first one first (at most one kept). */
  hints: CrmKind[] = [];
  private probe: string | undefined = '';
  private cutter: JsonElementScanner | JsonLineSplitter | undefined;
  private items: CrmRowItem[] = [];

  push(text: string): void {
    if (this.probe === undefined) return this.feed(text);
    this.probe += text;
    const mode = decideMode(this.probe, false);
    if (mode !== undefined) this.start(mode);
  }

  end(): void {
    if (this.probe !== undefined) this.start(decideMode(this.probe, true) ?? 'document');
    this.cutter!.end();
    this.collect();
  }

  take(): CrmRowItem[] {
    const out = this.items;
    this.items = [];
    return out;
  }

  private start(mode: 'lines' | 'document'): void {
    const text = this.probe!;
    this.probe = undefined;
    this.cutter = mode === 'lines' ? new JsonLineSplitter() : new JsonElementScanner();
    this.feed(text);
  }

  private feed(text: string): void {
    this.cutter!.push(text);
    this.collect();
  }

  private collect(): void {
    for (const element of this.cutter!.take()) {
      if ('reason' in element) this.items.push(element);
      else this.items.push(this.toRow(element));
    }
  }

  private toRow({ line, value }: JsonElement): CrmRowItem {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { line, reason: 'not an object' };
    const record = { ...(value as Record<string, unknown>) };
    const attributes = record.attributes as { type?: unknown } | undefined;
    if (attributes && typeof attributes === 'object' && typeof attributes.type === 'string') {
      const hint = SALESFORCE_TYPES[attributes.type.toLowerCase()];
      if (hint !== undefined && this.hints.length === 0) this.hints.push(hint);
      delete record.attributes;
    }
    // HubSpot API objects: `{ id, properties: {…}, associations }`.
    if (record.properties && typeof record.properties === 'object' && !Array.isArray(record.properties)) {
      const { properties, ...rest } = record;
      Object.assign(record, properties as Record<string, unknown>);
      delete record.properties;
      for (const [k, v] of Object.entries(rest)) if (!(k in record)) record[k] = v;
    }
    const values: Record<string, string> = {};
    flatten(record, '', values);
    return { line, values };
  }
}

/**
 * `lines` or `document` once the text says (see the module notes), `undefined` while it cannot
 * yet. `ended` is true when `text` is all there is.
 */
function decideMode(text: string, ended: boolean): 'lines' | 'document' | undefined {
  const body = text.replace(/^\ufeff/, '');
  const first = /\S/.exec(body);
  if (first === null) return ended ? 'document' : undefined;
  if (body[first.index] === '[' || body.length > PROBE_CHARS) return 'document';
  const firstLine = lineAt(body, first.index, ended);
  if (firstLine === undefined) return ended ? 'document' : undefined;
  const afterFirst = /\S/.exec(body.slice(firstLine.end));
  if (parses(firstLine.text)) {
    if (afterFirst !== null) return 'lines';
    return ended ? singleValue(firstLine.text) : undefined;
  }
  if (afterFirst === null) return ended ? 'document' : undefined;
  const secondLine = lineAt(body, firstLine.end + afterFirst.index, ended);
  if (secondLine === undefined) return undefined;
  return parses(secondLine.text) ? 'lines' : 'document';
}

/** A file that is one value, not an object or an array, holds no records. */
function singleValue(text: string): 'document' {
  const value = JSON.parse(text) as unknown;
  if (value === null || typeof value !== 'object') throw new NotJsonError('the JSON holds a single value, not records');
  return 'document';
}

/** The line starting at `from`, once its end is in the text. */
function lineAt(text: string, from: number, ended: boolean): { text: string; end: number } | undefined {
  const m = /\r\n|\n|\r/.exec(text.slice(from));
  if (m === null) return ended ? { text: text.slice(from), end: text.length } : undefined;
  // A `\r` at the very end may be half of `\r\n`: either way the line has ended.
  return { text: text.slice(from, from + m.index), end: from + m.index + m[0].length };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON lines: each non-blank line is one value. A file in which most lines are not JSON is not
 * JSON lines at all: that is found at its end, so a stream fails there (`NotJsonError`).
 */
class JsonLineSplitter {
  private readonly lines = new PhysicalLines();
  private partial = '';
  private out: (JsonElement | CrmRowProblem)[] = [];
  private parsed = 0;
  private failed = 0;
  private firstError: string | undefined;

  push(text: string): void {
    let from = 0;
    const breaks = /\r\n|\n|\r/g;
    for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
      // A `\r` at the end of a chunk may be half of `\r\n`: keep it with the next chunk.
      if (m[0] === '\r' && m.index === text.length - 1) break;
      this.line(this.partial + text.slice(from, m.index), m[0]);
      this.partial = '';
      from = m.index + m[0].length;
    }
    this.partial += text.slice(from);
  }

  end(): void {
    if (this.partial !== '') this.line(this.partial, '');
    this.partial = '';
    if (this.parsed === 0 || this.failed > this.parsed) throw new NotJsonError(`not valid JSON: ${this.firstError ?? 'no records in it'}`);
  }

  take(): (JsonElement | CrmRowProblem)[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private line(text: string, lineBreak: string): void {
    const line = this.lines.line;
    this.lines.advance(lineBreak);
    if (text.trim() === '') return;
    try {
      this.out.push({ line, value: JSON.parse(text) as unknown });
      this.parsed++;
    } catch (error) {
      this.failed++;
      this.firstError ??= (error as Error).message;
      this.out.push({ line, reason: `not valid JSON: ${(error as Error).message}` });
    }
  }
}

function headerOf(rows: readonly CrmFileRow[]): string[] {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row.values)) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
  }
  return header;
}

function kindHintOf(hints: readonly CrmKind[]): { kindHint?: CrmKind } {
  return hints[0] === undefined ? {} : { kindHint: hints[0] };
}

function flatten(value: Record<string, unknown>, prefix: string, out: Record<string, string>): void {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (v === null || v === undefined) out[name] = '';
    else if (Array.isArray(v)) out[name] = v.every((x) => x === null || typeof x !== 'object') ? v.map((x) => (x === null ? '' : String(x))).join(';') : JSON.stringify(v);
    else if (typeof v === 'object') flatten(v as Record<string, unknown>, name, out);
    else out[name] = String(v);
  }
}
