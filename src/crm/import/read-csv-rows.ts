/**
 * CSV exports → rows with their physical line numbers. Parsing is csv-parse's (quotes, doubled
 * quotes, embedded newlines, BOM); this module adds what exports need around it: the delimiter
 * guessed from the header (`,`, `;`, tab or `|`, or Excel's `sep=` line), line numbers that count
 * every physical line (a quoted field spanning three lines moves the next row down three), and
 * rows that cannot be read reported with their line instead of stopping the file.
 */
import { parse } from 'csv-parse/sync';
import type { CrmFileRow, CrmFileRows } from './crm-file-rows.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Parses CSV bytes (UTF-8, BOM or not) into a header and rows.
 *
 * @example parseCsvRows(Buffer.from('Id,Name\n1,"Acme, Inc."\n')).rows[0] // { line: 2, values: { Id: '1', Name: 'Acme, Inc.' } }
 */
export function parseCsvRows(bytes: Buffer): CrmFileRows {
  const lines = new LineIndex(bytes);
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let delimiter: string | undefined;
  // Excel writes `sep=;` as a first line when asked to keep a delimiter with the file.
  const sep = /^sep=(.)\r?\n/.exec(bytes.subarray(start, start + 8).toString('utf8'));
  if (sep) {
    delimiter = sep[1]!;
    start += Buffer.byteLength(sep[0]);
  }
  const body = bytes.subarray(start);
  delimiter ??= sniffDelimiter(body);

  const problems: { line: number; reason: string }[] = [];
  // Where the last record (read or skipped) ended, in `body` bytes: a skipped record starts at
  // the first line after it. A record that was read knows its own start: its end minus its raw
  // text (which includes the blank lines before it).
  let previousEnd = 0;
  const rows: { line: number; cells: string[] }[] = [];
  // Records and skipped records arrive in file order through these two hooks.
  parse(body, {
    bom: true,
    info: true,
    raw: true,
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (wrapped) => {
      const { record, raw, info } = wrapped as unknown as { record: string[]; raw: string; info: { bytes: number } };
      const begin = skipBreaks(body, info.bytes - Buffer.byteLength(raw));
      rows.push({ line: lines.lineAt(start + begin), cells: record });
      previousEnd = info.bytes;
      return null;
    },
    on_skip: (error, raw) => {
      if (!error) return undefined;
      const begin = skipBreaks(body, previousEnd);
      problems.push({ line: lines.lineAt(start + begin), reason: describeCsvError(error) });
      previousEnd = begin + Buffer.byteLength(raw ?? '');
      return undefined;
    },
  });

  const headerRow = rows.shift();
  if (!headerRow) return { format: 'csv', header: [], rows: [], problems, delimiter };
  const header = headerRow.cells.map((h) => h.replace(/^\ufeff/, '').trim());
  const out: CrmFileRow[] = [];
  for (const { line, cells } of rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const extra = cells.slice(header.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      problems.push({ line, reason: `has ${cells.length} fields but the header has ${header.length} (a value with a "${printable(delimiter)}" that is not in quotes?)` });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h !== '' && !(h in values)) values[h] = cells[i] ?? '';
    });
    out.push({ line, values });
  }
  return { format: 'csv', header, rows: out, problems, delimiter };
}

/**
 * The delimiter of the header line: the candidate that occurs most often outside quotes, `,`
 * when none does (a one-column file). Only the header is read: data rows hold free text with
 * any punctuation, while a header is a list of column names.
 *
 * @example sniffDelimiter(Buffer.from('Id;Name;"Amount, EUR"\n')) // ';'
 */
export function sniffDelimiter(bytes: Buffer): string {
  const text = bytes.subarray(0, 64 * 1024).toString('utf8').replace(/^\ufeff/, '');
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

/** Where the record after `offset` starts: past the line breaks of blank lines csv-parse skipped. */
function skipBreaks(bytes: Buffer, offset: number): number {
  let i = offset;
  while (i < bytes.length && (bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i;
}

/** Byte offset → physical line number (1-based); `\r\n`, `\n` and a lone `\r` each end a line. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(bytes: Buffer) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x0a) this.starts.push(i + 1);
      else if (b === 0x0d && bytes[i + 1] !== 0x0a) this.starts.push(i + 1);
    }
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
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
