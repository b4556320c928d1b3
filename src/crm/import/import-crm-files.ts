import type { GongStore } from '../../store/gong-store.js';
import type { CrmRecords } from '../crm-records.js';
import type { CrmKind } from '../crm-kinds.js';
import { importCrmRecords } from '../import-crm-records.js';
import { readCrmExport, type CrmExport } from './read-crm-export.js';

/** What happened to one file of a `crm import`. */
export interface CrmFileReport {
  file: string;
  format: 'csv' | 'json';
  kind: CrmKind;
  source: string;
  /** Data rows in the file. */
  rows: number;
  /** Rows loaded (a later row with the same id replaces an earlier one; both count). */
  loaded: number;
  rejected: { line: number; reason: string }[];
}

export interface CrmFilesImportReport {
  files: CrmFileReport[];
  /** Rows written per table. */
  totals: { accounts: number; contacts: number; deals: number; dealContacts: number };
}

const KIND_FIELD = { accounts: 'accounts', contacts: 'contacts', deals: 'deals', 'deal-contacts': 'dealContacts' } as const;

/**
 * `pandora-gong crm import`: reads every file first (so an unusable one stops the import
 * before anything is written), then loads them all in one transaction, so contacts and deals can
 * name accounts from another file of the same import.
 *
 * @example
 * const report = await importCrmFiles(store, ['accounts.csv', 'contacts.csv', 'deals.csv']);
 * for (const f of report.files) console.log(f.file, f.kind, f.loaded, f.rejected.length);
 */
export async function importCrmFiles(
  store: GongStore,
  files: readonly string[],
  options: { kind?: CrmKind; replace?: boolean } = {},
): Promise<CrmFilesImportReport> {
  const exports: CrmExport[] = [];
  for (const file of files) exports.push(await readCrmExport(file, options.kind ? { kind: options.kind } : {}));

  const merged = { accounts: [], contacts: [], deals: [], dealContacts: [] } as { [K in keyof Required<CrmRecords>]: NonNullable<CrmRecords[K]>[number][] };
  // Where each merged record came from: its file and line, to report the importer's rejections.
  const origins: Record<CrmKind, { file: number; line: number }[]> = { accounts: [], contacts: [], deals: [], 'deal-contacts': [] };
  exports.forEach((exp, fileIndex) => {
    const field = KIND_FIELD[exp.kind];
    const records = (exp.records[field] ?? []) as readonly object[];
    records.forEach((record, i) => {
      (merged[field] as { source?: string }[]).push({ ...record, source: exp.source });
      origins[exp.kind].push({ file: fileIndex, line: exp.lines[i]! });
    });
  });
  const records: CrmRecords = {};
  for (const [kind, field] of Object.entries(KIND_FIELD) as [CrmKind, keyof CrmRecords][]) {
    if (exports.some((e) => e.kind === kind)) (records as Record<string, unknown>)[field] = merged[field];
  }
  const result = await importCrmRecords(store, records, { source: 'file', ...(options.replace ? { replace: true } : {}) });

  const reports: CrmFileReport[] = exports.map((e) => ({
    file: e.file,
    format: e.format,
    kind: e.kind,
    source: e.source,
    rows: e.rows,
    loaded: e.lines.length,
    rejected: [...e.rejected],
  }));
  for (const r of result.rejected) {
    const origin = origins[r.kind][r.index];
    if (!origin) continue;
    const report = reports[origin.file]!;
    report.loaded--;
    report.rejected.push({ line: origin.line, reason: r.reason });
  }
  for (const report of reports) report.rejected.sort((a, b) => a.line - b.line);
  return {
    files: reports,
    totals: { accounts: result.accounts, contacts: result.contacts, deals: result.deals, dealContacts: result.dealContacts },
  };
}
