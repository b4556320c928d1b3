import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../util/csv-line.js';
import type { Company } from './company/company.js';

/**
 * The simulated company's CRM as a Salesforce data export (Data Loader / Data Export CSVs):
 * accounts, contacts, opportunities and opportunity contact roles, ready for
 * `pandora-gong crm import`. Returns the files written.
 *
 * @example const files = writeCrmExport(sim.company, './crm'); // then: pandora-gong crm import ./crm/*.csv
 */
export function writeCrmExport(company: Company, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const { accounts, contacts, deals } = company.crm;
  const file = (name: string, header: string[], rows: (string | number | boolean | null)[][]) => {
    const path = join(dir, name);
    writeFileSync(path, [header, ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))].map(csvLine).join(''));
    return path;
  };
  return [
    file('accounts.csv', ['Id', 'Name', 'Website', 'Industry', 'ParentId'], accounts.map((a) => [a.id, a.name, a.website, a.industry, a.parentAccountId])),
    file(
      'contacts.csv',
      ['Id', 'AccountId', 'FirstName', 'LastName', 'Email', 'Title'],
      contacts.map((c) => [c.id, c.accountId, c.firstName, c.lastName, c.email, c.title]),
    ),
    file(
      'opportunities.csv',
      ['Id', 'AccountId', 'Name', 'StageName', 'Amount', 'CreatedDate', 'CloseDate', 'IsClosed', 'IsWon'],
      deals.map((d) => [d.id, d.accountId, d.name, d.stage, d.amount, d.createdAt, d.closeDate, d.isClosed, d.isWon]),
    ),
    file(
      'opportunity-contact-roles.csv',
      ['OpportunityId', 'ContactId', 'Role'],
      deals.flatMap((d) => d.contactIds.map((contactId, i) => [d.id, contactId, i === 0 ? 'Decision Maker' : 'Influencer'])),
    ),
  ];
}
