import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';

/**
 * Looks for known secrets in text and bytes (RELIABILITY.md, "Never leaks a secret"): each secret
 * as raw text and in every encoding it could plausibly be written in: JSON-escaped, URL- and
 * form-encoded, hex (either case), base64 and base64url (at all three byte alignments, so a secret
 * inside a larger base64 blob such as `base64(key:secret)` is found too), and any 12-character run
 * of its random part (so a truncated echo, `"S3cr3t-1a2b…"`, is found as well). A secret that is
 * itself bytes (the 32-byte `PANDORA_GONG_SECRET_KEY`) is also looked for as those raw bytes, for
 * database files.
 *
 * Thousands of needles over megabytes of haystack: a Rabin-Karp rolling hash over the first
 * `PREFIX` bytes of every needle finds candidates in one pass, each confirmed byte by byte.
 */

const PREFIX = 12;
const FRAGMENT = 12;
const BASE = 257;

export interface SecretHit {
  secret: string;
  forms: string[];
  where: string;
  offset: number;
  /** The bytes around the first hit, with the needle itself masked. */
  context: string;
}

interface Needle {
  secret: string;
  form: string;
  bytes: Buffer;
}

export interface AddOptions {
  /** The random part whose 12-character runs count as a leak too (default: none). */
  randomPart?: string;
  /** The secret's binary value, also looked for as raw bytes and in hex/base64 (e.g. a key). */
  binary?: Uint8Array;
}

export class SecretScanner {
  readonly #needles: Needle[] = [];
  readonly #index = new Map<number, Needle[]>();
  readonly #labels = new Set<string>();
  #highPower = 1;

  constructor() {
    for (let i = 0; i < PREFIX - 1; i++) this.#highPower = Math.imul(this.#highPower, BASE) >>> 0;
  }

  /** The secrets registered so far. */
  labels(): string[] {
    return [...this.#labels];
  }

  /** Registers a secret; `label` names it in failures (never its value). */
  add(label: string, value: string, options: AddOptions = {}): this {
    if (value.length < PREFIX) throw new Error(`secret ${label} is too short to scan for reliably (${value.length} < ${PREFIX} characters)`);
    this.#labels.add(label);
    for (const [form, text] of textForms(value)) this.#addNeedle(label, form, Buffer.from(text, 'utf8'));
    for (const [form, text] of encodedForms(Buffer.from(value, 'utf8'))) this.#addNeedle(label, form, Buffer.from(text, 'latin1'));
    if (options.randomPart) {
      if (!value.includes(options.randomPart)) throw new Error(`secret ${label}: its random part is not in it`);
      for (let i = 0; i + FRAGMENT <= options.randomPart.length; i++) this.#addNeedle(label, 'fragment', Buffer.from(options.randomPart.slice(i, i + FRAGMENT), 'utf8'));
    }
    if (options.binary) {
      const bytes = Buffer.from(options.binary);
      this.#addNeedle(label, 'raw bytes', bytes);
      for (const [form, text] of encodedForms(bytes)) this.#addNeedle(label, `bytes ${form}`, Buffer.from(text, 'latin1'));
    }
    return this;
  }

  /** Every secret found in `data`, one hit per secret (with all the forms it was found in). */
  scan(where: string, data: string | Uint8Array): SecretHit[] {
    const hay = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const found = new Map<string, SecretHit>();
    if (hay.length < PREFIX) return [];
    let h = 0;
    for (let i = 0; i < PREFIX; i++) h = (Math.imul(h, BASE) + hay[i]!) >>> 0;
    for (let start = 0; ; start++) {
      const candidates = this.#index.get(h);
      if (candidates) {
        for (const needle of candidates) {
          if (start + needle.bytes.length <= hay.length && hay.compare(needle.bytes, 0, needle.bytes.length, start, start + needle.bytes.length) === 0) {
            const hit = found.get(needle.secret);
            if (hit) {
              if (!hit.forms.includes(needle.form)) hit.forms.push(needle.form);
            } else {
              found.set(needle.secret, { secret: needle.secret, forms: [needle.form], where, offset: start, context: contextAround(hay, start, needle.bytes.length) });
            }
          }
        }
      }
      const next = start + PREFIX;
      if (next >= hay.length) break;
      h = (Math.imul((h - Math.imul(hay[start]!, this.#highPower)) >>> 0, BASE) + hay[next]!) >>> 0;
    }
    return [...found.values()];
  }

  /** Scans every regular file under `dir` (recursively); `where` is the path relative to `dir`. */
  scanTree(dir: string, options: { skip?: (path: string) => boolean } = {}): { hits: SecretHit[]; files: string[] } {
    const hits: SecretHit[] = [];
    const files: string[] = [];
    const walk = (path: string) => {
      const stat = lstatSync(path);
      if (stat.isDirectory()) {
        for (const entry of readdirSync(path).sort()) walk(join(path, entry));
      } else if (stat.isFile()) {
        const rel = relative(dir, path);
        if (options.skip?.(rel)) return;
        files.push(rel);
        hits.push(...this.scan(rel, readFileSync(path)));
      }
    };
    walk(dir);
    return { hits, files };
  }

  /**
   * Everything an error object can show: message, stack, `String()`, `JSON.stringify`, and
   * `util.inspect` with hidden properties, the whole cause chain and every nested field.
   */
  scanError(where: string, error: unknown): SecretHit[] {
    return this.scan(where, describeErrorFully(error));
  }

  #addNeedle(secret: string, form: string, bytes: Buffer): void {
    if (bytes.length < PREFIX) return;
    if (this.#needles.some((n) => n.secret === secret && n.bytes.equals(bytes))) return;
    const needle = { secret, form, bytes };
    this.#needles.push(needle);
    let h = 0;
    for (let i = 0; i < PREFIX; i++) h = (Math.imul(h, BASE) + bytes[i]!) >>> 0;
    const list = this.#index.get(h);
    if (list) list.push(needle);
    else this.#index.set(h, [needle]);
  }
}

/** Every text form of an error, for `scanError` (and for people reading a failure). */
export function describeErrorFully(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null && !seen.has(current); depth++) {
    seen.add(current);
    if (current instanceof Error) parts.push(current.message, current.stack ?? '');
    try {
      parts.push(String(current));
    } catch (e) {
      parts.push(`String() threw ${(e as Error).message}`);
    }
    try {
      parts.push(JSON.stringify(current, Object.getOwnPropertyNames(current)) ?? '');
      parts.push(JSON.stringify(current) ?? '');
    } catch (e) {
      parts.push(`JSON.stringify threw ${(e as Error).message}`);
    }
    parts.push(inspect(current, { showHidden: true, depth: 12, getters: true, maxArrayLength: 1000, maxStringLength: Infinity }));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

/** Failure text for hits: which secret, in which form, where, and the masked context. */
export function formatHits(hits: readonly SecretHit[]): string {
  return hits.map((h) => `${h.secret} found in ${h.where} at ${h.offset} as ${h.forms.join(', ')}: …${h.context}…`).join('\n');
}

function textForms(value: string): [string, string][] {
  const forms: [string, string][] = [['raw', value]];
  const json = JSON.stringify(value).slice(1, -1);
  const url = encodeURIComponent(value);
  const form = new URLSearchParams({ x: value }).toString().slice(2);
  if (json !== value) forms.push(['json-escaped', json]);
  if (url !== value) forms.push(['url-encoded', url], ['url-encoded (lower case)', url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]);
  if (form !== value && form !== url) forms.push(['form-encoded', form]);
  return forms;
}

/** Hex and base64/base64url of `bytes`; the base64 forms at every alignment inside a longer blob. */
function encodedForms(bytes: Buffer): [string, string][] {
  const forms: [string, string][] = [
    ['hex', bytes.toString('hex')],
    ['HEX', bytes.toString('hex').toUpperCase()],
  ];
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Characters that encode only the secret's bits: none of the filler before, none of what follows.
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + bytes.length)) / 6) - 1;
    const inner = b64.slice(first, last + 1);
    forms.push([`base64@${shift}`, inner], [`base64url@${shift}`, inner.replace(/\+/g, '-').replace(/\//g, '_')]);
  }
  forms.push(['base64', bytes.toString('base64')], ['base64url', bytes.toString('base64url')]);
  return forms;
}

function contextAround(hay: Buffer, start: number, length: number): string {
  const before = hay.subarray(Math.max(0, start - 40), start).toString('latin1');
  const after = hay.subarray(start + length, start + length + 40).toString('latin1');
  // eslint-disable-next-line no-control-regex
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u00ff]/g, '.');
  return `${clean(before)}[SECRET]${clean(after)}`;
}
