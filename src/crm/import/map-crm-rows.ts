/**
 * Export rows → CRM records: the columns found by `crm-columns.ts`, values read by the parsers
 * of this folder. A value that cannot be read (a date, an amount, a yes/no) rejects its row with
 * the line and the reason; an empty cell is just absent.
 */
import type { CrmAccountInput, CrmContactInput, CrmDealContactInput, CrmDealInput, CrmRecords } from '../crm-records.js';
import type { CrmKind } from '../crm-kinds.js';
import { ACCOUNT_COLUMNS, CONTACT_COLUMNS, DEAL_COLUMNS, DEAL_CONTACT_COLUMNS, resolveColumns } from './crm-columns.js';
import type { CrmFileRow } from './crm-file-rows.js';
import { detectDayMonthOrder, parseCrmDate, toCalendarDate, toEpochMs, type DayMonthOrder } from './parse-crm-date.js';
import { parseAmount, parseBoolean } from './parse-crm-values.js';

export interface MappedRows {
  records: CrmRecords;
  /** The file line of each record, by kind, in the order of `records`. */
  lines: Record<CrmKind, number[]>;
  rejected: { line: number; reason: string }[];
}

export interface MapOptions {
  /** How `A/B/YYYY` dates read when a column does not tell: `mdy` (default) or `dmy`. */
  defaultOrder?: DayMonthOrder;
}

/** A row that cannot be used, with the reason. */
class RowError extends Error {}

/**
 * Maps the rows of one export of `kind` to records. Throws a plain `Error` naming the missing
 * column when the header has no id column for that kind.
 *
 * @example mapCrmRows('accounts', ['Id', 'Name', 'Website'], rows).records.accounts?.[0] // { id: '001…', name: 'Acme', website: 'acme.com', raw: {…} }
 */
export function mapCrmRows(kind: CrmKind, header: readonly string[], rows: readonly CrmFileRow[], options: MapOptions = {}): MappedRows {
  const lines: Record<CrmKind, number[]> = { accounts: [], contacts: [], deals: [], 'deal-contacts': [] };
  const rejected: { line: number; reason: string }[] = [];
  const out: CrmInput[] = [];
  const orders = new DayMonthOrders(crmDateColumns(kind, header));
  for (const row of rows) orders.add(row.values);
  const map = createCrmRowMapper(kind, header, orders, options.defaultOrder ?? 'mdy');
  for (const row of rows) {
    const mapped = map(row);
    if ('reason' in mapped) rejected.push(mapped);
    else {
      out.push(mapped.record);
      lines[kind].push(row.line);
    }
  }
  return { records: crmRecordsOf(kind, out), lines, rejected };
}

/** Any one CRM record. */
export type CrmInput = CrmAccountInput | CrmContactInput | CrmDealInput | CrmDealContactInput;

/** A row mapped to its record, or the reason it cannot be one. */
export type MappedRow = { line: number; record: CrmInput } | { line: number; reason: string };

/**
 * The mapper of one export's rows. `orders` must have seen every row's values first: a date
 * column's `A/B/YYYY` order is decided over all its values. Throws a plain `Error` naming the
 * missing column when the header has no id column for that kind.
 *
 * @example const map = createCrmRowMapper('accounts', header, new DayMonthOrders([]), 'mdy'); map(row) // { line, record }
 */
export function createCrmRowMapper(kind: CrmKind, header: readonly string[], orders: DayMonthOrders, defaultOrder: DayMonthOrder): (row: CrmFileRow) => MappedRow {
  const convert = converterFor(kind, header, (column) => (column === undefined ? defaultOrder : (orders.of(column) ?? defaultOrder)));
  return (row) => {
    try {
      return { line: row.line, record: convert(row.values) };
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      return { line: row.line, reason: error.message };
    }
  };
}

/**
 * The columns of an export of `kind` whose `A/B/YYYY` order must be decided over the whole file
 * before any row is mapped (deals' created and close dates).
 *
 * @example crmDateColumns('deals', ['Id', 'CreatedDate', 'CloseDate']) // ['CreatedDate', 'CloseDate']
 */
export function crmDateColumns(kind: CrmKind, header: readonly string[]): string[] {
  if (kind !== 'deals') return [];
  const c = resolveColumns(DEAL_COLUMNS, header);
  return [c.createdAt, c.closeDate].filter((column): column is string => column !== undefined);
}

/**
 * The day/month order of date columns, voted over their values one row at a time (so a file can
 * be scanned for it as a stream): a value like `25/03/2026` votes day-first, `03/25/2026`
 * month-first; both seen is a conflict.
 */
export class DayMonthOrders {
  private readonly votes = new Map<string, { dmy: boolean; mdy: boolean }>();

  constructor(columns: readonly string[]) {
    for (const column of columns) this.votes.set(column, { dmy: false, mdy: false });
  }

  add(values: Record<string, string>): void {
    for (const [column, vote] of this.votes) {
      const order = detectDayMonthOrder([values[column] ?? '']);
      if (order === 'dmy') vote.dmy = true;
      else if (order === 'mdy') vote.mdy = true;
    }
  }

  of(column: string): DayMonthOrder | 'conflict' | undefined {
    const vote = this.votes.get(column);
    if (vote === undefined) return undefined;
    return vote.dmy && vote.mdy ? 'conflict' : vote.dmy ? 'dmy' : vote.mdy ? 'mdy' : undefined;
  }
}

/** Records of one kind in the shape `importCrmRecords` takes. */
export function crmRecordsOf(kind: CrmKind, records: CrmInput[]): CrmRecords {
  if (kind === 'accounts') return { accounts: records as CrmAccountInput[] };
  if (kind === 'contacts') return { contacts: records as CrmContactInput[] };
  if (kind === 'deals') return { deals: records as CrmDealInput[] };
  return { dealContacts: records as CrmDealContactInput[] };
}

type Converter = (values: Record<string, string>) => CrmAccountInput | CrmContactInput | CrmDealInput | CrmDealContactInput;

function converterFor(kind: CrmKind, header: readonly string[], orderOf: (column: string | undefined) => DayMonthOrder | 'conflict'): Converter {
  const read = (values: Record<string, string>, column: string | undefined) => (column === undefined ? null : emptyToNull(values[column]));
  const required = (column: string | undefined, label: string, names: readonly string[]) => {
    if (column === undefined) throw new Error(`no ${label} column (expected one of: ${names.join(', ')})`);
    return column;
  };
  switch (kind) {
    case 'accounts': {
      const c = resolveColumns(ACCOUNT_COLUMNS, header);
      const id = required(c.id, 'account id', ['Id', 'Account ID', 'Record ID']);
      return (v) => ({ id: idCell(read(v, id), 'account id'), name: read(v, c.name), domain: read(v, c.domain), website: read(v, c.website), raw: v });
    }
    case 'contacts': {
      const c = resolveColumns(CONTACT_COLUMNS, header);
      const id = required(c.id, 'contact id', ['Id', 'Contact ID', 'Record ID']);
      return (v) => {
        let firstName = read(v, c.firstName);
        let lastName = read(v, c.lastName);
        const full = read(v, c.fullName);
        if (firstName === null && lastName === null && full !== null) [firstName, lastName] = splitName(full);
        return {
          id: idCell(read(v, id), 'contact id'),
          email: read(v, c.email),
          accountId: firstOf(read(v, c.accountId)),
          accountName: read(v, c.accountName),
          firstName,
          lastName,
          raw: v,
        };
      };
    }
    case 'deals': {
      const c = resolveColumns(DEAL_COLUMNS, header);
      const id = required(c.id, 'deal id', ['Id', 'Opportunity ID', 'Record ID']);
      const createdOrder = orderOf(c.createdAt);
      const closeOrder = orderOf(c.closeDate);
      return (v) => {
        const created = read(v, c.createdAt);
        const close = read(v, c.closeDate);
        const amountText = read(v, c.amount);
        const amount = amountText === null ? null : parseAmount(amountText);
        if (amount === undefined) throw new RowError(`${c.amount}: "${amountText}" is not an amount`);
        return {
          id: idCell(read(v, id), 'deal id'),
          name: read(v, c.name),
          accountId: firstOf(read(v, c.accountId)),
          accountName: read(v, c.accountName),
          stage: read(v, c.stage),
          amount,
          createdAt: created === null ? null : instant(created, createdOrder, c.createdAt!),
          closeDate: close === null ? null : calendarDate(close, closeOrder, c.closeDate!),
          isClosed: bool(read(v, c.isClosed), c.isClosed),
          isWon: bool(read(v, c.isWon), c.isWon),
          ...(c.contactIds === undefined ? {} : { contactIds: listOf(read(v, c.contactIds)) }),
          raw: v,
        };
      };
    }
    case 'deal-contacts': {
      const c = resolveColumns(DEAL_CONTACT_COLUMNS, header);
      const deal = required(c.dealId, 'deal id', ['OpportunityId', 'Opportunity ID', 'Deal ID']);
      const contact = required(c.contactId, 'contact id', ['ContactId', 'Contact ID']);
      return (v) => ({ dealId: idCell(read(v, deal), 'deal id'), contactId: idCell(read(v, contact), 'contact id'), role: read(v, c.role) });
    }
  }
}

function instant(text: string, order: DayMonthOrder | 'conflict', column: string): string {
  const parsed = parseCrmDate(text, order);
  if (!parsed.ok) throw new RowError(`${column}: ${parsed.reason}`);
  return new Date(toEpochMs(parsed.parts)).toISOString();
}

function calendarDate(text: string, order: DayMonthOrder | 'conflict', column: string): string {
  const parsed = parseCrmDate(text, order);
  if (!parsed.ok) throw new RowError(`${column}: ${parsed.reason}`);
  // A close date is a calendar day: the date as written, whatever time or offset follows it.
  return toCalendarDate(parsed.parts);
}

function bool(text: string | null, column: string | undefined): boolean | null {
  if (text === null) return null;
  const value = parseBoolean(text);
  if (value === undefined) throw new RowError(`${column}: "${text}" is not true or false`);
  return value;
}

function idCell(value: string | null, label: string): string {
  if (value === null) throw new RowError(`no ${label}`);
  return value;
}

/** HubSpot writes several associated ids as `1;2;3`: the first is the primary. */
function firstOf(value: string | null): string | null {
  return value === null ? null : (listOf(value)[0] ?? null);
}

function listOf(value: string | null): string[] {
  return value === null ? [] : value.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean);
}

function splitName(full: string): [string | null, string | null] {
  const parts = full.trim().split(/\s+/);
  if (parts.length === 1) return [null, parts[0]!];
  return [parts.slice(0, -1).join(' '), parts.at(-1)!];
}

function emptyToNull(value: string | undefined): string | null {
  if (value === undefined) return null;
  const text = value.trim();
  return text === '' ? null : text;
}
