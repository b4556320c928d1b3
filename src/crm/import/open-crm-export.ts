/**
 * One export file as a stream of mapped rows: the head is read and judged when the file is
 * opened (format, header, kind, the `--kind` check, an id column: every `ConfigError` a file can
 * have before anything is written), and the rows are mapped as they are read, so memory holds
 * a chunk and a row, never the file. Deals are the exception that reads the file twice: a date
 * column's `A/B/YYYY` order is decided over all its values before the first row is mapped.
 */
import { createReadStream } from 'node:fs';
import { ConfigError } from '../../errors.js';
import type { CrmKind } from '../crm-kinds.js';
import { isRowProblem, type CrmRowItem, type CrmRowStream } from './crm-file-rows.js';
import { decodeExportText } from './decode-export-text.js';
import { exportFormat, isBlank, judgeCrmExport, notJson, unusableColumns } from './judge-crm-export.js';
import { createCrmRowMapper, crmDateColumns, DayMonthOrders, type MappedRow } from './map-crm-rows.js';
import { NotJsonError } from './json-element-scanner.js';
import { streamCsvRows } from './read-csv-rows.js';
import { streamJsonRows } from './read-json-rows.js';

/** Where an export's bytes come from: called once per read (deals are read twice). */
export type CrmExportBytes = () => AsyncIterable<Uint8Array>;

/** An export opened and judged, its rows still to read. */
export interface OpenedCrmExport {
  file: string;
  format: 'csv' | 'json';
  kind: CrmKind;
  /** `salesforce`, `hubspot`, or the format when the columns do not say (`csv`, `json`). */
  source: string;
  /**
   * Every data row in file order: its record, or why it was left out (unreadable or unusable).
   * Read it once. Throws a `ConfigError` naming the file if the file turns unusable midway.
   */
  rows(): AsyncIterable<MappedRow>;
  /** Closes the file: for rows never read, or left before the end. Harmless after they ended. */
  close(): Promise<void>;
}

/**
 * Opens one export file (or `bytes`, named `file` in messages) and judges its head.
 *
 * @example
 * const exp = await openCrmExport('contacts.csv');
 * for await (const row of exp.rows()) if ('record' in row) console.log(row.line, row.record.id);
 */
export async function openCrmExport(file: string, options: { kind?: CrmKind; bytes?: CrmExportBytes } = {}): Promise<OpenedCrmExport> {
  const bytes = options.bytes ?? (() => readBytes(file));
  let stream = await openRows(bytes, file);
  try {
    const judged = judgeCrmExport(file, stream, options.kind);
    const mapperFor = (orders: DayMonthOrders) => {
      try {
        return createCrmRowMapper(judged.kind, stream.header, orders, judged.defaultOrder);
      } catch (error) {
        throw unusableColumns(file, judged.kind, error);
      }
    };
    const dateColumns = crmDateColumns(judged.kind, stream.header);
    const orders = new DayMonthOrders(dateColumns);
    // The id column is checked now, with the head, whatever the dates say.
    mapperFor(orders);
    if (dateColumns.length > 0) {
      for await (const item of stream.items) if (!isRowProblem(item)) orders.add(item.values);
      stream = await openRows(bytes, file);
    }
    const map = mapperFor(orders);
    const { items, close } = stream;
    let read = false;
    return {
      file,
      format: stream.format,
      kind: judged.kind,
      source: judged.source,
      rows: async function* rows() {
        if (read) throw new Error(`${file}: rows() can be read once`);
        read = true;
        for await (const item of items) yield isRowProblem(item) ? item : map(item);
      },
      close,
    };
  } catch (error) {
    // A file refused by its head is not left open.
    await stream.close();
    throw error;
  }
}

/** Decodes the bytes, refuses an empty file, and starts the CSV or JSON reader on the text. */
async function openRows(bytes: CrmExportBytes, name: string): Promise<CrmRowStream> {
  const text = decodeExportText(bytes(), name)[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  while (!done && isBlank(head)) {
    const next = await text.next();
    if (next.done) done = true;
    else head += next.value;
  }
  if (isBlank(head)) throw new ConfigError(`${name} is empty`);
  const rest = prepend(head, text);
  const format = exportFormat(name, head);
  try {
    const stream = format === 'json' ? await streamJsonRows(rest) : await streamCsvRows(rest);
    return { ...stream, items: usable(stream.items, name) };
  } catch (error) {
    await rest.return(undefined);
    throw asConfigError(error, name);
  }
}

async function* prepend(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  try {
    yield head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.();
  }
}

/** A file that turns out unusable midway fails with one line naming it. */
async function* usable(items: AsyncIterable<CrmRowItem>, name: string): AsyncGenerator<CrmRowItem> {
  try {
    yield* items;
  } catch (error) {
    throw asConfigError(error, name);
  }
}

function asConfigError(error: unknown, name: string): unknown {
  if (error instanceof NotJsonError) return notJson(name, error);
  if (error instanceof ConfigError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('CSV_')) return new ConfigError(`${name} is not readable as CSV: ${(error as Error).message.split('\n')[0]}`);
  return error;
}

/**
 * The file's bytes as a stream; a file that cannot be opened is one clear line. Returns once the
 * descriptor is closed, so a reader that stops early leaves no file open behind it.
 */
async function* readBytes(file: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(file);
  try {
    yield* stream as AsyncIterable<Buffer>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new ConfigError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code}`);
  } finally {
    if (!stream.closed) await new Promise<void>((resolve) => stream.once('close', () => resolve()).destroy());
  }
}
