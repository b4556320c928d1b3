/**
 * JSON exports → rows with line numbers: an array of objects, an API answer that wraps one
 * (`{"records": […]}` from Salesforce's REST API, `{"results": […]}` from HubSpot's), or JSON
 * lines (one object per line). HubSpot API objects keep their values under `properties`; they
 * are lifted up. Salesforce's `attributes.type` names the kind. Nested objects become dotted
 * columns (`Account.Name`), arrays of scalars `;`-joined values.
 */
import type { CrmKind } from '../crm-kinds.js';
import type { CrmFileRow, CrmFileRows } from './crm-file-rows.js';

const WRAPPERS = ['records', 'results', 'data', 'items', 'rows'];
const SALESFORCE_TYPES: Record<string, CrmKind> = {
  account: 'accounts',
  contact: 'contacts',
  opportunity: 'deals',
  opportunitycontactrole: 'deal-contacts',
};

/**
 * Thrown when the text is not JSON at all; the caller turns it into one clear line.
 *
 * @example try { parseJsonRows(text); } catch (e) { if (e instanceof NotJsonError) throw new ConfigError(e.message); }
 */
export class NotJsonError extends Error {}

/**
 * Parses JSON or JSON-lines text into rows.
 *
 * @example parseJsonRows('[{"Id":"1","Name":"Acme"}]').rows[0] // { line: 1, values: { Id: '1', Name: 'Acme' } }
 */
export function parseJsonRows(text: string): CrmFileRows {
  const body = text.replace(/^\ufeff/, '');
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    return parseJsonLines(body, error as Error);
  }
  let elements: unknown[];
  let depth: number;
  let wrapperKey: string | undefined;
  if (Array.isArray(document)) {
    elements = document;
    depth = 1;
  } else if (document !== null && typeof document === 'object') {
    wrapperKey = WRAPPERS.find((k) => Array.isArray((document as Record<string, unknown>)[k]));
    if (wrapperKey === undefined) {
      elements = [document];
      depth = 0;
    } else {
      elements = (document as Record<string, unknown[]>)[wrapperKey]!;
      depth = 2;
    }
  } else throw new NotJsonError('the JSON holds a single value, not records');
  const starts = depth === 0 ? [firstLine(body)] : elementLines(body, wrapperKey);
  return toRows(elements.map((value, i) => ({ line: starts[i] ?? 1, value })));
}

function parseJsonLines(body: string, wholeError: Error): CrmFileRows {
  const items: { line: number; value: unknown }[] = [];
  const problems: { line: number; reason: string }[] = [];
  const lines = body.split(/\r\n|\n|\r/);
  let parsedAny = false;
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      items.push({ line: i + 1, value: JSON.parse(text) });
      parsedAny = true;
    } catch (error) {
      problems.push({ line: i + 1, reason: `not valid JSON: ${(error as Error).message}` });
    }
  });
  // A document that is neither JSON nor mostly JSON lines is not JSON at all.
  if (!parsedAny || problems.length > items.length) throw new NotJsonError(`not valid JSON: ${wholeError.message}`);
  const rows = toRows(items);
  return { ...rows, problems: [...problems, ...rows.problems].sort((a, b) => a.line - b.line) };
}

function toRows(items: { line: number; value: unknown }[]): CrmFileRows {
  const header: string[] = [];
  const seen = new Set<string>();
  const rows: CrmFileRow[] = [];
  const problems: { line: number; reason: string }[] = [];
  let kindHint: CrmKind | undefined;
  for (const { line, value } of items) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line, reason: 'not an object' });
      continue;
    }
    const record = { ...(value as Record<string, unknown>) };
    const attributes = record.attributes as { type?: unknown } | undefined;
    if (attributes && typeof attributes === 'object' && typeof attributes.type === 'string') {
      kindHint ??= SALESFORCE_TYPES[attributes.type.toLowerCase()];
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
    for (const key of Object.keys(values)) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
    rows.push({ line, values });
  }
  return { format: 'json', header, rows, problems, ...(kindHint ? { kindHint } : {}) };
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

/**
 * The line on which each element of the records array starts: the top-level array, or the
 * array under `wrapperKey` of the top-level object. A small scanner over strings and nesting,
 * because `JSON.parse` keeps no positions.
 */
function elementLines(text: string, wrapperKey: string | undefined): number[] {
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastKey: string | undefined;
  let target = wrapperKey === undefined ? 1 : -1;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1) lastKey = JSON.parse(text.slice(stringStart, i + 1)) as string;
      }
      continue;
    }
    if (ch === '"') {
      if (expectElement && depth === target) {
        starts.push(line);
        expectElement = false;
      }
      inString = true;
      stringStart = i;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (ch === ',' && depth === target) {
      expectElement = true;
      continue;
    }
    if (expectElement && depth === target && ch !== ']') {
      starts.push(line);
      expectElement = false;
    }
    if (ch === '[' || ch === '{') {
      depth++;
      if (ch === '[' && target === -1 && depth === 2 && lastKey === wrapperKey) target = 2;
      if (ch === '[' && depth === target) expectElement = true;
    } else if (ch === ']' || ch === '}') {
      if (depth === target && ch === ']') target = Number.NaN;
      depth--;
    }
  }
  return starts;
}

function firstLine(text: string): number {
  const index = text.search(/\S/);
  return index < 0 ? 1 : text.slice(0, index).split(/\r\n|\n|\r/).length;
}
