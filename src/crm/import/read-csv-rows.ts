/**
 * CSV exports → rows with their physical line numbers. Parsing is csv-parse's (quotes, doubled
 * quotes, embedded newlines); this module adds what exports need around it: the delimiter
 * guessed from the header (`,`, `;`, tab or `|`, or Excel's `sep=` line), line numbers that count
 * every physical line (a quoted field spanning three lines moves the next row down three), and
 * rows that cannot be read reported with their line instead of stopping the file.
 *
 * One `CsvRowAssembler` turns csv-parse's records into rows; it is fed by csv-parse's streaming
 * parser for files (`streamCsvRows`, memory bounded by a chunk and a record) and by its sync
 * twin for text already in memory (`parseCsvRows`).
 */
import { Parser, type Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { isRowProblem, type CrmFileRow, type CrmFileRows, type CrmRowItem, type CrmRowProblem, type CrmRowStream } from './crm-file-rows.js';
import { PhysicalLines } from './physical-lines.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;
/** How much text the delimiter is sniffed from when the header line is longer. */
const SNIFF_CHARS = 64 * 1024;

/**
 * Parses CSV bytes (UTF-8, BOM or not) into a header and rows.
 *
 * @example parseCsvRows(Buffer.from('Id,Name\n1,"Acme, Inc."\n')).rows[0] // { line: 2, values: { Id: '1', Name: 'Acme, Inc.' } }
 */
export function parseCsvRows(bytes: Buffer): CrmFileRows {
  return parseCsvText(bytes.toString('utf8'));
}

/** Like `parseCsvRows`, for decoded text. */
export function parseCsvText(text: string): CrmFileRows {
  const head = csvHead(text);
  const assembler = new CsvRowAssembler(head.delimiter, head.firstLine);
  parse(head.body, csvOptions(assembler));
  const rows: CrmFileRow[] = [];
  const problems: CrmRowProblem[] = [];
  for (const item of assembler.take()) (isRowProblem(item) ? problems : rows).push(item as CrmFileRow & CrmRowProblem);
  return { format: 'csv', header: assembler.header ?? [], rows, problems, delimiter: head.delimiter };
}

/**
 * Reads CSV text as it comes: resolves once the header row is read, with the rows to follow.
 *
 * @example const csv = await streamCsvRows(decodeExportText(createReadStream(file), file)); for await (const row of csv.items) …
 */
export async function streamCsvRows(text: AsyncIterable<string>): Promise<CrmRowStream> {
  const source = text[Symbol.asyncIterator]();
  let buffered = '';
  let done = false;
  // The delimiter is the header's: wait for the header line (or enough of it) before parsing.
  while (!done && !headerLineComplete(buffered)) {
    const next = await source.next();
    if (next.done) done = true;
    else buffered += next.value;
  }
  const head = csvHead(buffered);
  const assembler = new CsvRowAssembler(head.delimiter, head.firstLine);
  const parser = new Parser(csvOptions(assembler));
  // Records go to the assembler's hooks; the readable side stays empty but must flow to end.
  parser.resume();
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  // Awaited below; a parse error also reaches the write that caused it, so this one is handled.
  ended.catch(() => undefined);
  const write = (chunk: string) => new Promise<void>((resolve, reject) => parser.write(chunk, (error) => (error ? reject(error) : resolve())));

  const pending: CrmRowItem[] = [];
  if (head.body !== '') await write(head.body);
  // Parse until the header row is in (or the text ends), so callers can judge the file first.
  while (assembler.header === undefined && !done) {
    const next = await source.next();
    if (next.done) done = true;
    else await write(next.value);
  }
  if (done) {
    parser.end();
    await ended;
  }
  pending.push(...assembler.take());

  async function* items(): AsyncGenerator<CrmRowItem> {
    try {
      yield* pending.splice(0);
      if (done) return;
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        await write(next.value);
        yield* assembler.take();
      }
      parser.end();
      await ended;
      yield* assembler.take();
    } finally {
      // A reader that stops early (an import rolling back) closes the file.
      await source.return?.();
    }
  }
  return { format: 'csv', header: assembler.header ?? [], delimiter: head.delimiter, items: items(), close: async () => void (await source.return?.()) };
}

/**
 * The delimiter of the header line: the candidate that occurs most often outside quotes, `,`
 * when none does (a one-column file). Only the header is read: data rows hold free text with
 * any punctuation, while a header is a list of column names.
 *
 * @example sniffDelimiter(Buffer.from('Id;Name;"Amount, EUR"\n')) // ';'
 */
export function sniffDelimiter(bytes: Buffer): string {
  return sniffDelimiterOf(bytes.subarray(0, SNIFF_CHARS).toString('utf8'));
}

function sniffDelimiterOf(head: string): string {
  const text = head.slice(0, SNIFF_CHARS).replace(/^\ufeff/, '');
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [c, n] of counts) if (n > bestCount) [best, bestCount] = [c, n];
  return best;
}

/** Whether `text` holds the whole header line (outside quotes) after an optional `sep=` line, or enough to sniff. */
function headerLineComplete(text: string): boolean {
  if (text.length >= SNIFF_CHARS) return true;
  const body = text.replace(/^\ufeff/, '');
  const sep = /^sep=.\r?\n/.exec(body);
  if (sep === null && /^(s(e(p(=.?)?)?)?)?$/.test(body)) return false;
  let quoted = false;
  for (let i = sep ? sep[0].length : 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '"') quoted = !quoted;
    // A `\r` at the very end may be the first half of `\r\n`: wait for the next character.
    else if (!quoted && (ch === '\n' || (ch === '\r' && i + 1 < body.length))) return true;
  }
  return false;
}

/** Excel writes `sep=;` as a first line when asked to keep a delimiter with the file. */
function csvHead(text: string): { delimiter: string; body: string; firstLine: number } {
  const body = text.replace(/^\ufeff/, '');
  const sep = /^sep=(.)\r?\n/.exec(body.slice(0, 8));
  if (sep) return { delimiter: sep[1]!, body: body.slice(sep[0].length), firstLine: 2 };
  return { delimiter: sniffDelimiterOf(body), body, firstLine: 1 };
}

function csvOptions(assembler: CsvRowAssembler): Options {
  return {
    bom: true,
    raw: true,
    delimiter: assembler.delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (wrapped) => {
      const { record, raw } = wrapped as unknown as { record: string[]; raw: string };
      assembler.record(raw, record);
      return null;
    },
    on_skip: (error, raw) => {
      if (error) assembler.skipped(error, raw ?? '');
      return undefined;
    },
  };
}

/**
 * csv-parse's records → rows. A record's raw text runs from the end of the one before it (blank
 * lines included) through its own line break, so counting the line breaks of the raw texts in
 * order gives each record's first physical line.
 */
class CsvRowAssembler {
  header: string[] | undefined;
  private readonly lines: PhysicalLines;
  private items: CrmRowItem[] = [];

  constructor(
    readonly delimiter: string,
    firstLine: number,
  ) {
    this.lines = new PhysicalLines(firstLine);
  }

  /** The rows assembled since the last call. */
  take(): CrmRowItem[] {
    const out = this.items;
    this.items = [];
    return out;
  }

  record(raw: string, cells: string[]): void {
    const line = this.startOf(raw);
    if (this.header === undefined) {
      this.header = cells.map((h) => h.replace(/^\ufeff/, '').trim());
      return;
    }
    const header = this.header;
    if (cells.every((c) => c.trim() === '')) return;
    const extra = cells.slice(header.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      this.items.push({ line, reason: `has ${cells.length} fields but the header has ${header.length} (a value with a "${printable(this.delimiter)}" that is not in quotes?)` });
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h !== '' && !(h in values)) values[h] = cells[i] ?? '';
    });
    this.items.push({ line, values });
  }

  skipped(error: Error & { code?: string }, raw: string): void {
    this.items.push({ line: this.startOf(raw), reason: describeCsvError(error) });
  }

  /** The line of the first character of `raw` that is not a line break; moves past all of `raw`. */
  private startOf(raw: string): number {
    let i = 0;
    while (i < raw.length && (raw[i] === '\n' || raw[i] === '\r')) this.lines.step(raw.charCodeAt(i++));
    const line = this.lines.line;
    this.lines.advance(raw.slice(i));
    return line;
  }
}

function describeCsvError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field starting on this line is never closed, so the rest of the file could not be read';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field is followed by other characters before the next delimiter';
    default:
      return `not readable as CSV: ${error.message.split('\n')[0]}`;
  }
}

function printable(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : delimiter;
}
