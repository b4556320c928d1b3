/**
 * Loads CRM records into the store a batch at a time, inside one write transaction, so an import
 * of any size holds one batch in memory and a failure anywhere leaves nothing behind. Accounts
 * come first: contacts and deals that name their account by name are resolved against the
 * accounts in the transaction (stored and just loaded), read once into a name → ids map that
 * grows with the accounts, not with the contacts or deals.
 *
 * Within one import the last record with an id wins: a batch is reduced to its last record per
 * id, and a later batch's upsert replaces an earlier one's. The counts are of distinct records:
 * a record already written by this import (its `imported_at` is this import's stamp) is not
 * counted again.
 */
import type { GongStore } from '../store/gong-store.js';
import type { StoreWriter } from '../store/store-writer.js';
import { chunk } from '../store/upsert-rows.js';
import { upsertScopedRows } from '../store/tenant/upsert-scoped-rows.js';
import { crmIdKey } from './crm-id-key.js';
import type { CrmAccountInput, CrmContactInput, CrmDealContactInput, CrmDealInput, CrmRecordRejection } from './crm-records.js';
import { accountRow, clean, contactRow, dealRow, encodeBool, idOf, lastById, nameKey, sourceOf, type Base, type Resolve, type Row } from './crm-record-rows.js';

/** Ids per statement when reading or deleting by id. */
const ID_CHUNK = 500;

export interface CrmLoaderOptions {
  /** The default `source` of the rows. */
  source: string;
  /** This import's `imported_at` stamp. */
  now: string;
  /** Empty each kind this import brings (at its first non-empty batch), in the same transaction. */
  replace: boolean;
}

/** Distinct rows written per table. */
export interface CrmLoadCounts {
  accounts: number;
  contacts: number;
  deals: number;
  dealContacts: number;
}

/**
 * One import's loader, bound to one write transaction.
 *
 * @example
 * await store.write(async (writer) => {
 *   const loader = new CrmRecordLoader(store, writer, { source: 'salesforce', now, replace: false });
 *   for (const batch of accountBatches) rejected.push(...(await loader.accounts(batch)));
 *   for (const batch of contactBatches) rejected.push(...(await loader.contacts(batch)));
 * });
 */
export class CrmRecordLoader {
  readonly counts: CrmLoadCounts = { accounts: 0, contacts: 0, deals: 0, dealContacts: 0 };
  private readonly base: Base;
  private readonly emptied = new Set<string>();
  /** Account name key → ids, read from the transaction when first needed after accounts load. */
  private names: Map<string, Set<string>> | undefined;

  constructor(
    private readonly store: GongStore,
    private readonly writer: StoreWriter,
    private readonly options: CrmLoaderOptions,
  ) {
    this.base = { source: options.source, imported_at: options.now };
  }

  /** Loads a batch of accounts; rejections carry the record's index in `inputs`. */
  async accounts(inputs: readonly CrmAccountInput[]): Promise<CrmRecordRejection[]> {
    const rejected: CrmRecordRejection[] = [];
    const rows = lastById(
      inputs.flatMap((input, index) => {
        const row = accountRow(input, this.base);
        if (typeof row === 'string') return rejected.push({ kind: 'accounts', index, id: idOf(input.id), reason: row }), [];
        return [row];
      }),
    );
    if (inputs.length > 0) await this.emptyOnce('crm_accounts');
    this.counts.accounts += rows.length - (await this.writtenBefore('crm_accounts', rows.map((r) => r.id), this.counts.accounts));
    await upsertScopedRows(this.writer.scoped, 'crm_accounts', rows, ['id'], this.store.engine.maxParameters);
    // Names answer from the transaction: read again after these accounts.
    this.names = undefined;
    return rejected;
  }

  async contacts(inputs: readonly CrmContactInput[]): Promise<CrmRecordRejection[]> {
    const rejected: CrmRecordRejection[] = [];
    const resolve = await this.resolver(inputs);
    const rows = lastById(
      inputs.flatMap((input, index) => {
        const row = contactRow(input, this.base, resolve);
        if (typeof row === 'string') return rejected.push({ kind: 'contacts', index, id: idOf(input.id), reason: row }), [];
        return [row];
      }),
    );
    if (inputs.length > 0) await this.emptyOnce('crm_contacts');
    this.counts.contacts += rows.length - (await this.writtenBefore('crm_contacts', rows.map((r) => r.id), this.counts.contacts));
    await upsertScopedRows(this.writer.scoped, 'crm_contacts', rows, ['id'], this.store.engine.maxParameters);
    return rejected;
  }

  async deals(inputs: readonly CrmDealInput[]): Promise<CrmRecordRejection[]> {
    const rejected: CrmRecordRejection[] = [];
    const resolve = await this.resolver(inputs);
    const links = new Map<string, Row<'crm_deal_contacts'>>();
    const dealsWithContacts = new Set<string>();
    const rows = lastById(
      inputs.flatMap((input, index) => {
        const row = dealRow(input, this.base, resolve);
        if (typeof row === 'string') return rejected.push({ kind: 'deals', index, id: idOf(input.id), reason: row }), [];
        if (input.contactIds) {
          dealsWithContacts.add(row.id);
          for (const contactId of input.contactIds) {
            const id = clean(contactId);
            if (id !== null) links.set(`${row.id}\u0000${id}`, { ...this.base, source: row.source, deal_id: row.id, contact_id: id, role: null });
          }
        }
        return [row];
      }),
    );
    if (inputs.length > 0) await this.emptyOnce('crm_deals');
    this.counts.deals += rows.length - (await this.writtenBefore('crm_deals', rows.map((r) => r.id), this.counts.deals));
    const deals = rows.map((d) => ({ ...d, is_closed: encodeBool(this.store, d.is_closed), is_won: encodeBool(this.store, d.is_won) }));
    await upsertScopedRows(this.writer.scoped, 'crm_deals', deals, ['id'], this.store.engine.maxParameters);
    await this.writeLinks(links, dealsWithContacts);
    return rejected;
  }

  async dealContacts(inputs: readonly CrmDealContactInput[]): Promise<CrmRecordRejection[]> {
    const rejected: CrmRecordRejection[] = [];
    const links = new Map<string, Row<'crm_deal_contacts'>>();
    const deals = new Set<string>();
    inputs.forEach((input, index) => {
      const dealId = clean(input.dealId);
      const contactId = clean(input.contactId);
      if (dealId === null || contactId === null) {
        rejected.push({ kind: 'deal-contacts', index, id: dealId ?? contactId, reason: dealId === null ? 'no deal id' : 'no contact id' });
        return;
      }
      deals.add(dealId);
      links.set(`${dealId}\u0000${contactId}`, { ...this.base, ...sourceOf(input), deal_id: dealId, contact_id: contactId, role: clean(input.role) });
    });
    if (inputs.length > 0) await this.emptyOnce('crm_deal_contacts');
    await this.writeLinks(links, deals);
    return rejected;
  }

  /**
   * A deal's associations are what this import says they are: contacts taken off the deal in
   * the CRM must stop steering calls to it. Those this import already wrote stay.
   */
  private async writeLinks(links: Map<string, Row<'crm_deal_contacts'>>, deals: Set<string>): Promise<void> {
    if (deals.size === 0) return;
    const tx = this.writer.scoped;
    if (this.options.replace) await this.emptyOnce('crm_deal_contacts');
    else {
      for (const ids of chunk([...deals], ID_CHUNK)) {
        let remove = tx.deleteFrom('crm_deal_contacts').where('deal_id', 'in', ids);
        if (this.counts.dealContacts > 0) remove = remove.where('imported_at', '<>', this.options.now);
        await remove.execute();
      }
    }
    let again = 0;
    if (this.counts.dealContacts > 0) {
      for (const ids of chunk([...deals], ID_CHUNK)) {
        const stored = await tx.selectFrom('crm_deal_contacts').select(['deal_id', 'contact_id']).where('deal_id', 'in', ids).where('imported_at', '=', this.options.now).execute();
        for (const s of stored) if (links.has(`${s.deal_id}\u0000${s.contact_id}`)) again++;
      }
    }
    this.counts.dealContacts += links.size - again;
    await upsertScopedRows(tx, 'crm_deal_contacts', [...links.values()], ['deal_id', 'contact_id'], this.store.engine.maxParameters);
  }

  /** With `replace`, empties a table the first time this import brings it rows. */
  private async emptyOnce(table: 'crm_accounts' | 'crm_contacts' | 'crm_deals' | 'crm_deal_contacts'): Promise<void> {
    if (!this.options.replace || this.emptied.has(table)) return;
    this.emptied.add(table);
    await this.writer.scoped.deleteFrom(table).execute();
  }

  /**
   * How many of `ids` an earlier batch of this import already wrote (none before its first
   * batch of the kind, so a one-batch import asks nothing).
   */
  private async writtenBefore(table: 'crm_accounts' | 'crm_contacts' | 'crm_deals', ids: readonly string[], countedSoFar: number): Promise<number> {
    if (countedSoFar === 0 || ids.length === 0) return 0;
    let n = 0;
    for (const part of chunk(ids, ID_CHUNK)) {
      const rows = await this.writer.scoped.selectFrom(table).select('id').where('id', 'in', part).where('imported_at', '=', this.options.now).execute();
      n += rows.length;
    }
    return n;
  }

  /** Account id, or name → id, for records of a batch (the map is read only if a record names an account). */
  private async resolver(inputs: readonly { accountName?: string | null }[]): Promise<Resolve> {
    if (this.names === undefined && inputs.some((i) => clean(i.accountName) !== null)) this.names = await this.readNames();
    const names = this.names;
    return (accountId, accountName) => {
      const id = clean(accountId);
      if (id !== null) return id;
      const name = clean(accountName);
      if (name === null) return null;
      const ids = names?.get(nameKey(name));
      if (!ids || ids.size === 0) return { reason: `account "${name}" is not among the imported accounts: import the accounts too, or give an account id column` };
      if (ids.size > 1) return { reason: `account name "${name}" matches ${ids.size} accounts: give an account id column` };
      return [...ids][0]!;
    };
  }

  /**
   * The accounts as this transaction sees them: the stored ones (none if this import replaced
   * them) with this import's on top, renamed ones under their new name only.
   */
  private async readNames(): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const accounts = await this.writer.scoped.selectFrom('crm_accounts').select(['id', 'name']).execute();
    for (const { id, name } of accounts) {
      if (name === null) continue;
      const key = nameKey(name);
      const ids = out.get(key) ?? new Set<string>();
      ids.add(id);
      out.set(key, ids);
    }
    // The 15- and 18-character spellings of one Salesforce id are one account.
    for (const [key, ids] of out) {
      const seen = new Map<string, string>();
      for (const id of ids) seen.set(crmIdKey(id), id);
      out.set(key, new Set(seen.values()));
    }
    return out;
  }
}
