import type { GongStore } from '../store/gong-store.js';
import { chunk } from '../store/upsert-rows.js';
import { parseInstant, toUtcIso } from '../util/time.js';
import { upsertScopedRows, type ScopedRow } from '../store/tenant/upsert-scoped-rows.js';
import type { Database } from '../store/schema/index.js';
import { crmIdKey } from './crm-id-key.js';
import type {
  CrmAccountInput,
  CrmContactInput,
  CrmDealContactInput,
  CrmDealInput,
  CrmImportResult,
  CrmRecordRejection,
  CrmRecords,
} from './crm-records.js';
import type { CrmKind } from './crm-kinds.js';
import { domainFromWebsite, normalizeDomain, normalizeEmail } from './domains/normalize-domain.js';
import { stageOutcome } from './import/parse-crm-values.js';

export interface ImportCrmOptions {
  /** Written to each row's `source` column: `salesforce`, `hubspot`, your connector's name. Default `api`. */
  source?: string;
  /**
   * Replace instead of merge: every kind this import brings (non-empty array) is emptied for the
   * store's connection first, in the same transaction, so records gone from the CRM go from the
   * store too. Kinds not brought are left alone.
   */
  replace?: boolean;
  /** Stamp for `imported_at` (default: now). */
  now?: string;
}

type Row<T extends keyof Database> = ScopedRow<T>;

/**
 * Loads CRM records into `crm_accounts`, `crm_contacts`, `crm_deals` and `crm_deal_contacts` in
 * one transaction: an upsert by id (a record seen again replaces the stored one; within one call
 * the last record with an id wins). Records that cannot be used (no id, an email that is not an
 * address, an unreadable date, an account name that matches no account) are returned in
 * `rejected`; the rest still load. Calls are not relinked: run `linkCalls` afterwards.
 *
 * @example
 * const result = await importCrmRecords(store, {
 *   accounts: [{ id: '0018W00000Acme1QAB', name: 'Acme', website: 'https://www.acme.com/' }],
 *   contacts: [{ id: '003…', email: 'jane@acme.com', accountId: '0018W00000Acme1QAB' }],
 *   deals: [{ id: '006…', accountId: '0018W00000Acme1QAB', stage: 'Discovery', createdAt: '2026-01-05T10:00:00Z', closeDate: '2026-04-30' }],
 * }, { source: 'salesforce' });
 * await linkCalls(store);
 */
export async function importCrmRecords(store: GongStore, records: CrmRecords, options: ImportCrmOptions = {}): Promise<CrmImportResult> {
  const now = options.now ?? new Date().toISOString();
  const source = options.source ?? 'api';
  const base = { source, imported_at: now };
  const rejected: CrmRecordRejection[] = [];
  const reject = (kind: CrmKind, index: number, id: string | null, reason: string) => rejected.push({ kind, index, id, reason });

  const accounts = lastById(
    (records.accounts ?? []).flatMap((input, index) => {
      const row = accountRow(input, base);
      if (typeof row === 'string') return reject('accounts', index, idOf(input.id), row), [];
      return [row];
    }),
  );

  const names = await accountNames(store, accounts, options.replace === true && (records.accounts?.length ?? 0) > 0);
  const resolveAccount = (accountId: string | null | undefined, accountName: string | null | undefined): string | null | { reason: string } => {
    const id = clean(accountId);
    if (id !== null) return id;
    const name = clean(accountName);
    if (name === null) return null;
    const ids = names.get(nameKey(name));
    if (!ids || ids.size === 0) return { reason: `account "${name}" is not among the imported accounts: import the accounts too, or give an account id column` };
    if (ids.size > 1) return { reason: `account name "${name}" matches ${ids.size} accounts: give an account id column` };
    return [...ids][0]!;
  };

  const contacts = lastById(
    (records.contacts ?? []).flatMap((input, index) => {
      const row = contactRow(input, base, resolveAccount);
      if (typeof row === 'string') return reject('contacts', index, idOf(input.id), row), [];
      return [row];
    }),
  );

  const dealContacts = new Map<string, Row<'crm_deal_contacts'>>();
  const dealsWithContacts = new Set<string>();
  const deals = lastById(
    (records.deals ?? []).flatMap((input, index) => {
      const row = dealRow(input, base, resolveAccount);
      if (typeof row === 'string') return reject('deals', index, idOf(input.id), row), [];
      if (input.contactIds) {
        dealsWithContacts.add(row.id);
        for (const contactId of input.contactIds) {
          const id = clean(contactId);
          if (id !== null) dealContacts.set(`${row.id}\u0000${id}`, { ...base, source: row.source, deal_id: row.id, contact_id: id, role: null });
        }
      }
      return [row];
    }),
  );
  (records.dealContacts ?? []).forEach((input: CrmDealContactInput, index) => {
    const dealId = clean(input.dealId);
    const contactId = clean(input.contactId);
    if (dealId === null || contactId === null) {
      reject('deal-contacts', index, dealId ?? contactId, dealId === null ? 'no deal id' : 'no contact id');
      return;
    }
    dealsWithContacts.add(dealId);
    dealContacts.set(`${dealId}\u0000${contactId}`, { ...base, ...sourceOf(input), deal_id: dealId, contact_id: contactId, role: clean(input.role) });
  });

  const max = store.engine.maxParameters;
  await store.write(async (writer) => {
    const tx = writer.scoped;
    if (options.replace) {
      if ((records.accounts?.length ?? 0) > 0) await tx.deleteFrom('crm_accounts').execute();
      if ((records.contacts?.length ?? 0) > 0) await tx.deleteFrom('crm_contacts').execute();
      if ((records.deals?.length ?? 0) > 0) await tx.deleteFrom('crm_deals').execute();
      if ((records.dealContacts?.length ?? 0) > 0 || dealsWithContacts.size > 0) await tx.deleteFrom('crm_deal_contacts').execute();
    } else {
      // A deal's associations are what this import says they are: contacts taken off the deal
      // in the CRM must stop steering calls to it.
      for (const ids of chunk([...dealsWithContacts], 500)) {
        await tx.deleteFrom('crm_deal_contacts').where('deal_id', 'in', ids).execute();
      }
    }
    await upsertScopedRows(tx, 'crm_accounts', accounts, ['id'], max);
    await upsertScopedRows(tx, 'crm_contacts', contacts, ['id'], max);
    await upsertScopedRows(tx, 'crm_deals', deals.map((d) => ({ ...d, is_closed: encodeBool(store, d.is_closed), is_won: encodeBool(store, d.is_won) })), ['id'], max);
    await upsertScopedRows(tx, 'crm_deal_contacts', [...dealContacts.values()], ['deal_id', 'contact_id'], max);
  });
  return { accounts: accounts.length, contacts: contacts.length, deals: deals.length, dealContacts: dealContacts.size, rejected };
}

type Base = { source: string; imported_at: string };
type Resolve = (id: string | null | undefined, name: string | null | undefined) => string | null | { reason: string };

function accountRow(input: CrmAccountInput, base: Base): Row<'crm_accounts'> | string {
  const id = idOf(input.id);
  if (id === null) return 'no account id';
  const domainText = clean(input.domain);
  const website = clean(input.website);
  // An explicit domain column is trusted as a domain (even `linkedin.com`: the account may be
  // LinkedIn); a website only gives a domain when it is the company's own site.
  const domain = normalizeDomain(domainText) ?? domainFromWebsite(domainText) ?? domainFromWebsite(website);
  return { ...base, ...sourceOf(input), id, name: clean(input.name), domain, website, raw: rawJson(input) };
}

function contactRow(input: CrmContactInput, base: Base, resolve: Resolve): Row<'crm_contacts'> | string {
  const id = idOf(input.id);
  if (id === null) return 'no contact id';
  const emailText = clean(input.email);
  const email = normalizeEmail(emailText);
  if (emailText !== null && email === null) return `email "${emailText}" is not an email address`;
  const account = resolve(input.accountId, input.accountName);
  if (account !== null && typeof account === 'object') return account.reason;
  return { ...base, ...sourceOf(input), id, email, account_id: account, first_name: clean(input.firstName), last_name: clean(input.lastName), raw: rawJson(input) };
}

interface DealRow extends Omit<Row<'crm_deals'>, 'is_closed' | 'is_won'> {
  is_closed: boolean | null;
  is_won: boolean | null;
}

function dealRow(input: CrmDealInput, base: Base, resolve: Resolve): DealRow | string {
  const id = idOf(input.id);
  if (id === null) return 'no deal id';
  const account = resolve(input.accountId, input.accountName);
  if (account !== null && typeof account === 'object') return account.reason;
  const amount = input.amount ?? null;
  if (amount !== null && (typeof amount !== 'number' || !Number.isFinite(amount))) return `amount ${String(amount)} is not a number`;
  const createdAt = instantOf(input.createdAt);
  if (createdAt === undefined) return `created date ${JSON.stringify(input.createdAt)} is not an ISO-8601 instant`;
  const closeDate = calendarDateOf(input.closeDate);
  if (closeDate === undefined) return `close date ${JSON.stringify(input.closeDate)} is not a date (YYYY-MM-DD)`;
  const stage = clean(input.stage);
  const outcome = stageOutcome(stage);
  let isClosed = input.isClosed ?? null;
  let isWon = input.isWon ?? null;
  // A won deal is closed whatever else the export says; otherwise the stage fills the gaps.
  if (isWon === true) isClosed = true;
  if (isClosed === null && outcome) isClosed = outcome.isClosed;
  if (isWon === null && outcome) isWon = outcome.isWon;
  if (isWon === null && isClosed === false) isWon = false;
  return {
    ...base,
    ...sourceOf(input),
    id,
    name: clean(input.name),
    account_id: account,
    stage,
    amount,
    created_at: createdAt,
    close_date: closeDate === null ? null : `${closeDate}T00:00:00.000Z`,
    is_closed: isClosed,
    is_won: isWon,
    raw: rawJson(input),
  };
}

/** An instant → UTC ISO; `null` when absent; `undefined` when unreadable. */
function instantOf(value: string | Date | null | undefined): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const text = value.trim();
  if (text === '') return null;
  const ms = parseInstant(text);
  return ms === undefined ? undefined : toUtcIso(ms);
}

/** A close date → `YYYY-MM-DD` as written (an instant's own date, not its UTC date). */
function calendarDateOf(value: string | Date | null | undefined): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  const text = value.trim();
  if (text === '') return null;
  if (parseInstant(text) === undefined) return undefined;
  return text.slice(0, 10);
}

/** Names of the accounts this import brings and of those already stored (unless replaced), for name → id. */
async function accountNames(store: GongStore, batch: readonly Row<'crm_accounts'>[], replacing: boolean): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const add = (id: string, name: string | null) => {
    if (name === null) return;
    const key = nameKey(name);
    const ids = out.get(key) ?? new Set<string>();
    ids.add(id);
    out.set(key, ids);
  };
  const batchIds = new Set(batch.map((a) => a.id));
  if (!replacing) {
    const stored = await store.scoped.selectFrom('crm_accounts').select(['id', 'name']).execute();
    // A stored account the batch renames must not keep answering to its old name.
    for (const a of stored) if (!batchIds.has(a.id)) add(a.id, a.name);
  }
  for (const a of batch) add(a.id, a.name);
  // The 15- and 18-character spellings of one Salesforce id are one account.
  for (const [key, ids] of out) {
    const seen = new Map<string, string>();
    for (const id of ids) seen.set(crmIdKey(id), id);
    out.set(key, new Set(seen.values()));
  }
  return out;
}


function lastById<T extends { id: string }>(rows: T[]): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) {
    byId.delete(row.id);
    byId.set(row.id, row);
  }
  return [...byId.values()];
}

function encodeBool(store: GongStore, value: boolean | null): number | boolean | null {
  return value === null ? null : store.engine.bool(value);
}

/**
 * Case, spacing and punctuation-insensitive account name.
 *
 * @example nameKey('ACME, Inc.') // 'acme inc'
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

function idOf(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? clean(String(value)) : null;
}

function rawJson(input: { raw?: unknown }): string {
  if (input.raw !== undefined) return JSON.stringify(input.raw);
  const { raw: _raw, source: _source, ...rest } = input as Record<string, unknown>;
  return JSON.stringify(rest);
}

function sourceOf(input: { source?: string }): { source?: string } {
  return input.source === undefined ? {} : { source: input.source };
}
