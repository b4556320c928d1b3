/**
 * What an export's head says, judged once for the streaming and the in-memory reader alike:
 * CSV or JSON, which kind of records, which CRM wrote it. A file that cannot be used at all (no
 * recognisable columns, a `--kind` its columns contradict) is a `ConfigError` naming the file:
 * one clear line, exit 2. `--kind` decides only what the columns leave open (`kindContradicts`).
 */
import { extname } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { CrmKind } from '../crm-kinds.js';
import { detectCrmFormat, EXPECTED_COLUMNS, kindContradicts } from './crm-columns.js';
import type { DayMonthOrder } from './parse-crm-date.js';

/** An export's kind and source, and how its `A/B/YYYY` dates read when a column does not tell. */
export interface CrmExportJudgement {
  kind: CrmKind;
  /** `salesforce`, `hubspot`, or the format when the columns do not say (`csv`, `json`). */
  source: string;
  defaultOrder: DayMonthOrder;
}

/**
 * CSV or JSON: by the extension, else by the first character of the text.
 *
 * @example exportFormat('export.txt', '[{"Id":1}]') // 'json'
 */
export function exportFormat(name: string, head: string): 'csv' | 'json' {
  const ext = extname(name).toLowerCase();
  const looksJson = /^\s*[[{]/.test(head.replace(/^\ufeff/, ''));
  return ext === '.json' || ext === '.jsonl' || ext === '.ndjson' || (looksJson && ext !== '.csv' && ext !== '.tsv' && ext !== '.txt') ? 'json' : 'csv';
}

/** Whether decoded text holds nothing but a BOM and white space. */
export function isBlank(text: string): boolean {
  return text.replace(/^\ufeff/, '').trim() === '';
}

/**
 * The kind and source of an export from its header (and `--kind`); throws a `ConfigError` when
 * they cannot be told or contradict each other.
 *
 * @example judgeCrmExport('accounts.csv', { format: 'csv', header: ['Id', 'Name', 'Website'] }).kind // 'accounts'
 */
export function judgeCrmExport(
  name: string,
  head: { format: 'csv' | 'json'; header: readonly string[]; kindHint?: CrmKind; delimiter?: string },
  kindOption?: CrmKind,
): CrmExportJudgement {
  if (head.header.length === 0) throw new ConfigError(`${name} has no header row`);
  const detected = detectCrmFormat(head.header);
  const own = head.kindHint ?? detected?.kind;
  if (kindOption !== undefined && kindContradicts(kindOption, own, head.header, { named: head.kindHint !== undefined })) {
    throw new ConfigError(
      `${name}: --kind ${kindOption} does not match its columns (${shownHeader(head.header)}), which look like ${own}: ` +
        `${kindOption} need ${EXPECTED_COLUMNS[kindOption]}; drop --kind to load it as ${own}`,
    );
  }
  const kind = kindOption ?? own;
  if (kind === undefined) {
    throw new ConfigError(`${name}: cannot tell accounts, contacts or deals from its columns (${shownHeader(head.header)}): give --kind accounts|contacts|deals|deal-contacts`);
  }
  return { kind, source: detected?.source ?? head.format, defaultOrder: head.delimiter === ';' ? 'dmy' : 'mdy' };
}

/** A mapping error of the whole file (no id column) as the one line the CLI prints. */
export function unusableColumns(name: string, kind: CrmKind, error: unknown): ConfigError {
  return new ConfigError(`${name} (${kind}): ${(error as Error).message}`);
}

/** Text that is not JSON this importer can use, as the one line the CLI prints. */
export function notJson(name: string, error: Error): ConfigError {
  return new ConfigError(`${name} is not a JSON file this importer can use: ${error.message}`);
}

/** The first columns of a header, for a one-line message. */
function shownHeader(header: readonly string[]): string {
  return header.slice(0, 8).join(', ') + (header.length > 8 ? ', …' : '');
}
