import type { CrmKind } from '../crm-kinds.js';

/** One data row of an export: its physical line in the file, and its values by column header. */
export interface CrmFileRow {
  line: number;
  values: Record<string, string>;
}

/** An export read into rows, before its columns are interpreted. */
export interface CrmFileRows {
  format: 'csv' | 'json';
  /** Column names in file order (JSON: keys in order of first appearance). */
  header: string[];
  rows: CrmFileRow[];
  /** Rows that could not be read at all (a broken quote, a JSON value that is not an object). */
  problems: { line: number; reason: string }[];
  delimiter?: string;
  /** The kind the file itself names (Salesforce REST `attributes.type`), if any. */
  kindHint?: CrmKind;
}
