/**
 * One export file → CRM records: read the bytes, tell CSV from JSON, find the kind and the CRM
 * from the header (or take `--kind`), and map the rows. A file that cannot be used at all (not
 * CSV or JSON, an Excel workbook, no recognisable columns, no id column) is a `ConfigError`
 * naming the file: one clear line, exit 2. So is a `--kind` the columns contradict (accounts given
 * as deals): `--kind` decides only what the columns leave open (`kindContradicts`).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { CrmRecords } from '../crm-records.js';
import type { CrmKind } from '../crm-kinds.js';
import { detectCrmFormat, EXPECTED_COLUMNS, kindContradicts } from './crm-columns.js';
import type { CrmFileRows } from './crm-file-rows.js';
import { mapCrmRows } from './map-crm-rows.js';
import { parseCsvRows } from './read-csv-rows.js';
import { NotJsonError, parseJsonRows } from './read-json-rows.js';

/** An export read and mapped, ready for `importCrmRecords`. */
export interface CrmExport {
  file: string;
  format: 'csv' | 'json';
  kind: CrmKind;
  /** `salesforce`, `hubspot`, or the format when the columns do not say (`csv`, `json`). */
  source: string;
  /** Data rows in the file (blank rows not counted). */
  rows: number;
  records: CrmRecords;
  /** The line of each record, in the order of `records[kind]`. */
  lines: number[];
  /** Rows left out while reading and mapping, with their line. */
  rejected: { line: number; reason: string }[];
}

/**
 * Reads and maps one export file.
 *
 * @example const accounts = await readCrmExport('accounts.csv'); // { kind: 'accounts', source: 'salesforce', … }
 */
export async function readCrmExport(file: string, options: { kind?: CrmKind } = {}): Promise<CrmExport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? (error as Error).message)}`);
  }
  return parseCrmExport(bytes, file, options);
}

/**
 * Like `readCrmExport`, for bytes already in memory (`name` is used in messages and to tell the
 * format by its extension).
 *
 * @example parseCrmExport(Buffer.from('Id,Name,Website\n001A,Acme,acme.com\n'), 'accounts.csv').records.accounts?.length // 1
 */
export function parseCrmExport(input: Buffer, name: string, options: { kind?: CrmKind } = {}): CrmExport {
  const bytes = toUtf8(input, name);
  const text = bytes.toString('utf8');
  if (text.replace(/^\ufeff/, '').trim() === '') throw new ConfigError(`${name} is empty`);
  const rows = readRows(bytes, text, name);
  if (rows.header.length === 0) throw new ConfigError(`${name} has no header row`);
  const detected = detectCrmFormat(rows.header);
  const own = rows.kindHint ?? detected?.kind;
  if (options.kind !== undefined && kindContradicts(options.kind, own, rows.header, { named: rows.kindHint !== undefined })) {
    throw new ConfigError(
      `${name}: --kind ${options.kind} does not match its columns (${shownHeader(rows.header)}), which look like ${own}: ` +
        `${options.kind} need ${EXPECTED_COLUMNS[options.kind]}; drop --kind to load it as ${own}`,
    );
  }
  const kind = options.kind ?? own;
  if (kind === undefined) {
    throw new ConfigError(`${name}: cannot tell accounts, contacts or deals from its columns (${shownHeader(rows.header)}): give --kind accounts|contacts|deals|deal-contacts`);
  }
  let mapped;
  try {
    mapped = mapCrmRows(kind, rows.header, rows.rows, { defaultOrder: rows.delimiter === ';' ? 'dmy' : 'mdy' });
  } catch (error) {
    throw new ConfigError(`${name} (${kind}): ${(error as Error).message}`);
  }
  return {
    file: name,
    format: rows.format,
    kind,
    source: detected?.source ?? rows.format,
    rows: rows.rows.length + rows.problems.length,
    records: mapped.records,
    lines: mapped.lines[kind],
    rejected: [...rows.problems, ...mapped.rejected].sort((a, b) => a.line - b.line),
  };
}

/** The first columns of a header, for a one-line message. */
function shownHeader(header: readonly string[]): string {
  return header.slice(0, 8).join(', ') + (header.length > 8 ? ', …' : '');
}

function readRows(bytes: Buffer, text: string, name: string): CrmFileRows {
  const ext = extname(name).toLowerCase();
  const looksJson = /^\s*[[{]/.test(text.replace(/^\ufeff/, ''));
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson' || (looksJson && ext !== '.csv' && ext !== '.tsv' && ext !== '.txt')) {
    try {
      return parseJsonRows(text);
    } catch (error) {
      if (error instanceof NotJsonError) throw new ConfigError(`${name} is not a JSON file this importer can use: ${error.message}`);
      throw error;
    }
  }
  return parseCsvRows(bytes);
}

/** UTF-16 exports (Excel's "Unicode text") are re-encoded; binary files are refused by name. */
function toUtf8(bytes: Buffer, name: string): Buffer {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new ConfigError(`${basename(name)} is a zip archive (an Excel .xlsx workbook?): save or export it as CSV`);
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new ConfigError(`${basename(name)} is an old Excel .xls workbook: save or export it as CSV`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return Buffer.from(bytes.subarray(2).toString('utf16le'), 'utf8');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return Buffer.from(swapped.toString('utf16le'), 'utf8');
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new ConfigError(`${basename(name)} is not a text file: give a CSV or JSON export`);
  return bytes;
}
