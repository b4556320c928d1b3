/**
 * One export file → CRM records, all in memory: `readCrmExport` collects `openCrmExport`'s
 * stream, `parseCrmExport` reads bytes already in memory with the same readers and judgement.
 * `importCrmFiles` does not use these: it streams.
 */
import { ConfigError } from '../../errors.js';
import type { CrmRecords } from '../crm-records.js';
import type { CrmKind } from '../crm-kinds.js';
import type { CrmFileRows } from './crm-file-rows.js';
import { ExportTextDecoder } from './decode-export-text.js';
import { exportFormat, isBlank, judgeCrmExport, notJson, unusableColumns } from './judge-crm-export.js';
import { crmRecordsOf, mapCrmRows, type CrmInput } from './map-crm-rows.js';
import { NotJsonError } from './json-element-scanner.js';
import { openCrmExport } from './open-crm-export.js';
import { parseCsvText } from './read-csv-rows.js';
import { parseJsonRows } from './read-json-rows.js';

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
  const opened = await openCrmExport(file, options);
  const records: CrmInput[] = [];
  const lines: number[] = [];
  const rejected: { line: number; reason: string }[] = [];
  for await (const row of opened.rows()) {
    if ('reason' in row) rejected.push(row);
    else {
      records.push(row.record);
      lines.push(row.line);
    }
  }
  const { file: name, format, kind, source } = opened;
  return { file: name, format, kind, source, rows: records.length + rejected.length, records: crmRecordsOf(kind, records), lines, rejected };
}

/**
 * Like `readCrmExport`, for bytes already in memory (`name` is used in messages and to tell the
 * format by its extension).
 *
 * @example parseCrmExport(Buffer.from('Id,Name,Website\n001A,Acme,acme.com\n'), 'accounts.csv').records.accounts?.length // 1
 */
export function parseCrmExport(input: Buffer, name: string, options: { kind?: CrmKind } = {}): CrmExport {
  const decoder = new ExportTextDecoder(name);
  const text = decoder.push(input) + decoder.end();
  if (isBlank(text)) throw new ConfigError(`${name} is empty`);
  const rows = readRows(text, name);
  const judged = judgeCrmExport(name, rows, options.kind);
  let mapped;
  try {
    mapped = mapCrmRows(judged.kind, rows.header, rows.rows, { defaultOrder: judged.defaultOrder });
  } catch (error) {
    throw unusableColumns(name, judged.kind, error);
  }
  return {
    file: name,
    format: rows.format,
    kind: judged.kind,
    source: judged.source,
    rows: rows.rows.length + rows.problems.length,
    records: mapped.records,
    lines: mapped.lines[judged.kind],
    rejected: [...rows.problems, ...mapped.rejected].sort((a, b) => a.line - b.line),
  };
}

function readRows(text: string, name: string): CrmFileRows {
  if (exportFormat(name, text) === 'csv') return parseCsvText(text);
  try {
    return parseJsonRows(text);
  } catch (error) {
    if (error instanceof NotJsonError) throw notJson(name, error);
    throw error;
  }
}
