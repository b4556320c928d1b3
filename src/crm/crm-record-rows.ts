/**
 * CRM records → table rows: the checks and clean-ups of one record (an id, an email that is an
 * address, readable dates, the account it names), shared by every batch of an import.
 */
import type { GongStore } from '../store/gong-store.js';
import type { Database } from '../store/schema/index.js';
import type { ScopedRow } from '../store/tenant/upsert-scoped-rows.js';
import { parseInstant, toUtcIso } from '../util/time.js';
import type { CrmAccountInput, CrmContactInput, CrmDealInput } from './crm-records.js';
import { domainFromWebsite, normalizeDomain, normalizeEmail } from './domains/normalize-domain.js';
import { stageOutcome } from './import/parse-crm-values.js';

export type Row<T extends keyof Database> = ScopedRow<T>;

export type Base = { source: string; imported_at: string };
export type Resolve = (id: string | null | undefined, name: string | null | undefined) => string | null | { reason: string };

export function accountRow(input: CrmAccountInput, base: Base): Row<'crm_accounts'> | string {
  const id = idOf(input.id);
  if (id === null) return 'no account id';
  const domainText = clean(input.domain);
  const website = clean(input.website);
  // An explicit domain column is trusted as a domain (even `linkedin.com`: the account may be
  // LinkedIn); a website only gives a domain when it is the company's own site.
  const domain = normalizeDomain(domainText) ?? domainFromWebsite(domainText) ?? domainFromWebsite(website);
  return { ...base, ...sourceOf(input), id, name: clean(input.name), domain, website, raw: rawJson(input) };
}

export function contactRow(input: CrmContactInput, base: Base, resolve: Resolve): Row<'crm_contacts'> | string {
  const id = idOf(input.id);
  if (id === null) return 'no contact id';
  const emailText = clean(input.email);
  const email = normalizeEmail(emailText);
  if (emailText !== null && email === null) return `email "${emailText}" is not an email address`;
  const account = resolve(input.accountId, input.accountName);
  if (account !== null && typeof account === 'object') return account.reason;
  return { ...base, ...sourceOf(input), id, email, account_id: account, first_name: clean(input.firstName), last_name: clean(input.lastName), raw: rawJson(input) };
}

export interface DealRow extends Omit<Row<'crm_deals'>, 'is_closed' | 'is_won'> {
  is_closed: boolean | null;
  is_won: boolean | null;
}

export function dealRow(input: CrmDealInput, base: Base, resolve: Resolve): DealRow | string {
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

export function lastById<T extends { id: string }>(rows: T[]): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) {
    byId.delete(row.id);
    byId.set(row.id, row);
  }
  return [...byId.values()];
}

export function encodeBool(store: GongStore, value: boolean | null): number | boolean | null {
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

export function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

export function idOf(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? clean(String(value)) : null;
}

function rawJson(input: { raw?: unknown }): string {
  if (input.raw !== undefined) return JSON.stringify(input.raw);
  const { raw: _raw, source: _source, ...rest } = input as Record<string, unknown>;
  return JSON.stringify(rest);
}

export function sourceOf(input: { source?: string }): { source?: string } {
  return input.source === undefined ? {} : { source: input.source };
}
