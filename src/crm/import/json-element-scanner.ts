/**
 * Cuts a JSON export into its records as the text arrives, keeping only one record in memory:
 * a top-level array's elements, the elements of the array under a wrapper key of a top-level
 * object (`{"records": […]}`), or the object itself when it wraps nothing. A small scanner that
 * tracks strings, escapes and nesting finds where each element starts (its line) and ends; each
 * element is then handed to `JSON.parse`, which does the real parsing. JSON lines are cut by
 * `JsonLineSplitter` instead (see `read-json-rows.ts` for how the two are told apart).
 */
import { PhysicalLines } from './physical-lines.js';

/** Keys of an API answer whose array holds the records, in the order they are preferred. */
export const WRAPPERS = ['records', 'results', 'data', 'items', 'rows'];

/** One value of the records array, parsed, with the line it starts on. */
export interface JsonElement {
  line: number;
  value: unknown;
}

/**
 * Thrown when the text is not JSON at all; the caller turns it into one clear line.
 *
 * @example try { parseJsonRows(text); } catch (e) { if (e instanceof NotJsonError) throw new ConfigError(e.message); }
 */
export class NotJsonError extends Error {}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Push-based: `push` text, `end` at the end; `take` returns the elements cut so far.
 *
 * @example const s = new JsonElementScanner(); s.push('[{"Id":1},'); s.take() // [{ line: 1, value: { Id: 1 } }]
 */
export class JsonElementScanner {
  private readonly lines = new PhysicalLines();
  private out: JsonElement[] = [];
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The nesting depth of the records array's elements; -1 before a wrapper is found, NaN after the array. */
  private target = Number.NaN;
  private started = false;
  private topDone = false;
  private topLine = 1;
  /** The text of the element being cut (`undefined` between elements), and where it began in the current chunk. */
  private element: string | undefined;
  private elementLine = 0;
  private elementFrom = 0;
  /** A top-level object's text, kept until a wrapper key shows it is not itself the record. */
  private whole: string | undefined;
  private wrapperFound = false;
  /** The last string read directly inside the top-level object: the key of the value after it. */
  private key: string | undefined;
  private keyText: string | undefined;

  take(): JsonElement[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  push(text: string): void {
    this.elementFrom = 0;
    let wholeFrom = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === 0x5c) this.escaped = true;
        else if (code === 0x22) {
          this.inString = false;
          if (this.keyText !== undefined) this.closeKey();
        } else {
          // Jump to the next quote or backslash: nothing else inside a string matters here.
          const quote = text.indexOf('"', i + 1);
          const slash = text.indexOf('\\', i + 1);
          const next = Math.min(quote < 0 ? text.length : quote, slash < 0 ? text.length : slash);
          this.lines.advance(text.slice(i, next));
          if (this.keyText !== undefined) this.keyText += text.slice(i, next);
          i = next - 1;
          continue;
        }
        if (this.keyText !== undefined && this.inString) this.keyText += text[i];
        this.lines.step(code);
        continue;
      }
      if (WS.has(code)) {
        this.lines.step(code);
        continue;
      }
      const line = this.lines.line;
      this.lines.step(code);
      if (this.topDone) throw new NotJsonError(`not valid JSON: more text after the end of the JSON value, on line ${line}`);
      if (!this.started) {
        this.started = true;
        this.topLine = line;
        if (code === 0x5b) this.target = 1;
        else if (code === 0x7b) {
          this.target = -1;
          this.whole = '';
          wholeFrom = i;
        } else throw new NotJsonError(`not valid JSON: it starts with ${JSON.stringify(text[i])}, not [ or {`);
      }
      const ch = text[i]!;
      if (this.depth === this.target) {
        if (ch === ',' || ch === ']') {
          if (this.element !== undefined) this.finishElement(text, i);
          if (ch === ']') this.target = Number.NaN;
        } else if (this.element === undefined) {
          this.element = '';
          this.elementLine = line;
          this.elementFrom = i;
        }
      }
      if (ch === '"') {
        this.inString = true;
        if (this.depth === 1 && this.target === -1) this.keyText = '"';
      } else if (ch === '[' || ch === '{') {
        this.depth++;
        if (ch === '[' && this.depth === 2 && this.target === -1 && this.key !== undefined && WRAPPERS.includes(this.key)) {
          this.target = 2;
          this.wrapperFound = true;
          this.whole = undefined;
        }
      } else if (ch === ']' || ch === '}') {
        this.depth--;
        if (this.depth < 0) throw new NotJsonError(`not valid JSON: an unmatched ${ch} on line ${line}`);
        if (this.depth === 0) {
          this.topDone = true;
          if (this.whole !== undefined) {
            this.whole += text.slice(wholeFrom, i + 1);
            this.finishWhole();
          }
        }
      }
    }
    if (this.element !== undefined) this.element += text.slice(this.elementFrom);
    if (this.whole !== undefined && !this.topDone) this.whole += text.slice(wholeFrom);
  }

  end(): void {
    if (!this.started) throw new NotJsonError('not valid JSON: there is no JSON value in it');
    if (!this.topDone || this.inString) throw new NotJsonError('not valid JSON: the file ends before its JSON value does');
  }

  private closeKey(): void {
    const keyText = `${this.keyText!}"`;
    this.keyText = undefined;
    try {
      this.key = JSON.parse(keyText) as string;
    } catch {
      this.key = undefined;
    }
  }

  private finishElement(text: string, end: number): void {
    const source = this.element! + text.slice(this.elementFrom, end);
    this.element = undefined;
    this.out.push({ line: this.elementLine, value: parseElement(source, this.elementLine) });
  }

  /** A top-level object with no wrapper array is itself the one record. */
  private finishWhole(): void {
    const source = this.whole!;
    this.whole = undefined;
    if (!this.wrapperFound) this.out.push({ line: this.topLine, value: parseElement(source, this.topLine) });
  }
}

function parseElement(source: string, line: number): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new NotJsonError(`not valid JSON: the record starting on line ${line}: ${(error as Error).message}`);
  }
}
