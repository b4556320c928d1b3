import type { CrmKind } from '../crm-kinds.js';

/** One data row of an export: its physical line in the file, and its values by column header. */
export interface CrmFileRow {
  line: number;
  values: Record<string, string>;
}

/** A row that could not be read at all (a broken quote, a JSON value that is not an object). */
export interface CrmRowProblem {
  line: number;
  reason: string;
}

/** What a reader gives, in file order: a row, or a row it could not read. */
export type CrmRowItem = CrmFileRow | CrmRowProblem;

/** An export read into rows, before its columns are interpreted. */
export interface CrmFileRows {
  format: 'csv' | 'json';
  /** Column names in file order (JSON: keys in order of first appearance). */
  header: string[];
  rows: CrmFileRow[];
  /** Rows that could not be read at all (a broken quote, a JSON value that is not an object). */
  problems: CrmRowProblem[];
  delimiter?: string;
  /** The kind the file itself names (Salesforce REST `attributes.type`), if any. */
  kindHint?: CrmKind;
}

/**
 * An export being read: what its head says, and its rows as they come. The header of a JSON
 * export is the keys of its first rows (`JSON_HEADER_ROWS`), not of the whole file.
 */
export interface CrmRowStream {
  format: 'csv' | 'json';
  header: string[];
  delimiter?: string;
  kindHint?: CrmKind;
  /** Every row and unreadable row, in file order (the head's ones included); iterate once. */
  items: AsyncIterable<CrmRowItem>;
  /**
   * Closes the source: for a reader that stops before the end, or never starts (another file of
   * the same import was refused). Harmless after the items ended.
   */
  close(): Promise<void>;
}

/** Tells a row from a row that could not be read. */
export function isRowProblem(item: CrmRowItem): item is CrmRowProblem {
  return 'reason' in item;
}
