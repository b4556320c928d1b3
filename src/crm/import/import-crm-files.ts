import type { GongStore } from '../../store/gong-store.js';
import { CrmRecordLoader } from '../crm-record-loader.js';
import type { CrmAccountInput, CrmContactInput, CrmDealContactInput, CrmDealInput, CrmRecordRejection } from '../crm-records.js';
import type { CrmKind } from '../crm-kinds.js';
import type { CrmInput } from './map-crm-rows.js';
import { openCrmExport, type OpenedCrmExport } from './open-crm-export.js';

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

/** Records loaded per statement batch: what an import holds in memory, whatever the file size. */
export const CRM_IMPORT_BATCH = 2000;

/** Accounts load first: contacts and deals may name them by name, from another file. */
const KIND_ORDER: Record<CrmKind, number> = { accounts: 0, contacts: 1, deals: 2, 'deal-contacts': 3 };

/**
 * `pandora-gong crm import`: opens every file first and judges its head (so an unusable one
 * stops the import before anything is written), then streams them all into one transaction,
 * accounts files first, `CRM_IMPORT_BATCH` records at a time. A file that turns out unusable
 * midway (JSON that breaks off) rolls the whole import back with a `ConfigError` naming it.
 *
 * @example
 * const report = await importCrmFiles(store, ['accounts.csv', 'contacts.csv', 'deals.csv']);
 * for (const f of report.files) console.log(f.file, f.kind, f.loaded, f.rejected.length);
 */
export async function importCrmFiles(
  store: GongStore,
  files: readonly string[],
  options: { kind?: CrmKind; replace?: boolean; batchSize?: number } = {},
): Promise<CrmFilesImportReport> {
  const opened: OpenedCrmExport[] = [];
  try {
    for (const file of files) opened.push(await openCrmExport(file, options.kind ? { kind: options.kind } : {}));
    const reports: CrmFileReport[] = opened.map((e) => ({ file: e.file, format: e.format, kind: e.kind, source: e.source, rows: 0, loaded: 0, rejected: [] }));
    const order = opened.map((_, i) => i).sort((a, b) => KIND_ORDER[opened[a]!.kind] - KIND_ORDER[opened[b]!.kind] || a - b);
    const batchSize = options.batchSize ?? CRM_IMPORT_BATCH;

    const totals = await store.write(async (writer) => {
      const loader = new CrmRecordLoader(store, writer, { source: 'file', now: new Date().toISOString(), replace: options.replace === true });
      for (const i of order) await loadFile(loader, opened[i]!, reports[i]!, batchSize);
      return loader.counts;
    });
    for (const report of reports) report.rejected.sort((a, b) => a.line - b.line);
    return { files: reports, totals: { ...totals } };
  } finally {
    // Files opened before one that was refused, or not reached when a write failed, are closed.
    await Promise.all(opened.map((e) => e.close()));
  }
}

async function loadFile(loader: CrmRecordLoader, exp: OpenedCrmExport, report: CrmFileReport, batchSize: number): Promise<void> {
  let batch: { line: number; record: CrmInput }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const records = batch.map((b) => ({ ...b.record, source: exp.source }));
    const rejections = await loadBatch(loader, exp.kind, records);
    report.loaded += batch.length - rejections.length;
    for (const r of rejections) report.rejected.push({ line: batch[r.index]!.line, reason: r.reason });
    batch = [];
  };
  for await (const row of exp.rows()) {
    report.rows++;
    if ('reason' in row) report.rejected.push(row);
    else {
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
}

function loadBatch(loader: CrmRecordLoader, kind: CrmKind, records: CrmInput[]): Promise<CrmRecordRejection[]> {
  switch (kind) {
    case 'accounts':
      return loader.accounts(records as CrmAccountInput[]);
    case 'contacts':
      return loader.contacts(records as CrmContactInput[]);
    case 'deals':
      return loader.deals(records as CrmDealInput[]);
    case 'deal-contacts':
      return loader.dealContacts(records as CrmDealContactInput[]);
  }
}
