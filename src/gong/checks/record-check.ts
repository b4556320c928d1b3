/**
 * Checks a record from Gong against what the connector relies on, before any of it is stored
 * ("trust no payload"). A shape names only the fields the mappers read, each with a rule;
 * everything else may be anything (Gong adds fields), and the nulls real Gong sends are allowed
 * where docs/gong-api.md lists them (`?` rules). A record that breaks its shape is a
 * `GongProtocolError` (kind `protocol`) naming the endpoint, the record, the field and the value,
 * in one line: the page it came in is not stored.
 */
import { GongProtocolError } from '../../errors.js';
import { parseInstant } from '../../util/time.js';

/**
 * - `id`: Gong's ids, digit strings (a number that fits is accepted: JSON parsers differ);
 * - `key`: any non-empty text or integer (CRM ids, question ids of other systems);
 * - `instant`: an ISO-8601 date-time (or a date) that parses;
 * - `text`, `bool`, `count` (a finite number ≥ 0), `number`, `list`, `object`;
 * - a trailing `?`: null or absent is fine too.
 */
export type FieldRule = 'id' | 'key' | 'instant' | 'text' | 'bool' | 'count' | 'number' | 'list' | 'object';
export type Rule = FieldRule | `${FieldRule}?`;

export interface RecordShape {
  /** What the record is, for messages: `call`, `user`, `transcript`… */
  what: string;
  /** Where the record's id is, for messages (`metaData.id`). */
  idPath: string;
  /** Dotted paths from the record to a rule. */
  fields: Readonly<Record<string, Rule>>;
  /** Lists inside the record (dotted paths), each element checked against its own shape. */
  lists?: Readonly<Record<string, ElementShape>>;
}

/** The shape of each element of a list inside a record (`parties` → `{ fields: { id: 'id?' } }`). */
export interface ElementShape {
  fields: Readonly<Record<string, Rule>>;
  lists?: Readonly<Record<string, ElementShape>>;
}

/** A check for one kind of record, ready for a stream declaration. */
export type RecordCheck<R> = (record: R) => void;

/**
 * @example
 * const checkUser = recordCheck('GET /v2/users', { what: 'user', idPath: 'id', fields: { id: 'id', created: 'instant?' } });
 * checkUser({ id: 'x1' }); // throws GongProtocolError: GET /v2/users sent user x1 with id "x1" that is not a Gong id (digits)
 */
export function recordCheck<R>(endpoint: string, shape: RecordShape): RecordCheck<R> {
  // Compiled once per shape: the checks run on every record of every page (every sentence of a
  // transcript), so paths are split and rules read here rather than per value.
  const compiled = compileShape(shape);
  return (record: R) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new GongProtocolError(`${endpoint} sent a ${shape.what} that is not an object: ${preview(record)}`, endpoint, { kind: 'protocol' });
    }
    const problem = firstProblem(record, compiled);
    if (problem === undefined) return;
    const id = valueAt(record, shape.idPath);
    const who = typeof id === 'string' || typeof id === 'number' ? `${shape.what} ${String(id).slice(0, 40)}` : `a ${shape.what}`;
    throw new GongProtocolError(`${endpoint} sent ${who} with ${problem}`, endpoint, { kind: 'protocol' });
  };
}

interface CompiledField {
  path: string;
  keys: readonly string[];
  rule: FieldRule;
  optional: boolean;
}

interface CompiledShape {
  fields: readonly CompiledField[];
  lists: readonly { path: string; keys: readonly string[]; inner: CompiledShape }[];
}

function compileShape(shape: ElementShape): CompiledShape {
  return {
    fields: Object.entries(shape.fields).map(([path, rule]) => {
      const optional = rule.endsWith('?');
      return { path, keys: path.split('.'), rule: (optional ? rule.slice(0, -1) : rule) as FieldRule, optional };
    }),
    lists: Object.entries(shape.lists ?? {}).map(([path, inner]) => ({ path, keys: path.split('.'), inner: compileShape(inner) })),
  };
}

/** The first field that breaks its rule, as "path value that …"; the path is spelled out only then. */
function firstProblem(record: object, shape: CompiledShape): string | undefined {
  for (const field of shape.fields) {
    const value = valueAtKeys(record, field.keys);
    const broken = breaks(field.rule, field.optional, value);
    if (broken) return `${field.path} ${preview(value)} that ${broken}`;
  }
  for (const { path, keys, inner } of shape.lists) {
    const list = valueAtKeys(record, keys);
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) return `${path} ${preview(list)} that is not a list`;
    for (let i = 0; i < list.length; i++) {
      const element: unknown = list[i];
      if (typeof element !== 'object' || element === null || Array.isArray(element)) return `${path}[${i}] ${preview(element)} that is not an object`;
      const problem = firstProblem(element, inner);
      if (problem) return `${path}[${i}].${problem}`;
    }
  }
  return undefined;
}

/** Why `value` breaks `rule`, or undefined when it does not. */
function breaks(rule: FieldRule, optional: boolean, value: unknown): string | undefined {
  if (value === undefined || value === null) return optional ? undefined : 'is missing';
  switch (rule) {
    case 'id':
      return (typeof value === 'string' && GONG_ID.test(value)) || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ? undefined : 'is not a Gong id (digits)';
    case 'key':
      return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isSafeInteger(value)) ? undefined : 'is not an id';
    case 'instant':
      return typeof value === 'string' && parseInstant(value) !== undefined ? undefined : 'is not a date-time';
    case 'text':
      return typeof value === 'string' ? undefined : 'is not text';
    case 'bool':
      return typeof value === 'boolean' ? undefined : 'is not true or false';
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : 'is not a number ≥ 0';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'is not a number';
    case 'list':
      return Array.isArray(value) ? undefined : 'is not a list';
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? undefined : 'is not an object';
  }
}

const GONG_ID = /^\d{1,24}$/;

function valueAtKeys(record: object, keys: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function valueAt(record: object, path: string): unknown {
  return valueAtKeys(record, path.split('.'));
}

/** A short, one-line rendering of a bad value (Gong's payloads hold no secrets; still bounded). */
function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
