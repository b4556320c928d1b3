/**
 * CRM exports of the simulator's company, as Salesforce and HubSpot write them, built from the
 * ground truth (`company.crm`) with a real CSV writer (quoting, doubled quotes, embedded
 * newlines). Each format varies what real exports vary: websites every which way, 15-character
 * ids in reports, a BOM, a `;`-separated file with day-first dates and European amounts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../../../src/util/csv-line.js';
import type { Company } from '../../../src/simulator/company/company.js';

const BOM = '\ufeff';

/** A CSV file: the header and rows through the RFC 4180 writer, `\r\n` line ends. */
function csv(header: string[], rows: (string | number | boolean | null)[][], delimiter = ','): string {
  const lines = [header, ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))].map((fields) =>
    delimiter === ',' ? csvLine(fields) : `${fields.map((f) => (/[";\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(delimiter)}\r\n`,
  );
  return lines.join('');
}

/** `2026-03-31` → `31/03/2026` (a European re-save). */
const euDate = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
};
/** `12500` → `12.500,00 €`. */
const euAmount = (n: number) => `${Math.floor(n).toLocaleString('de-DE')},${String(Math.round((n % 1) * 100)).padStart(2, '0')} €`;

/**
 * Salesforce: an Account data export (18-character ids, BOM, multi-line descriptions), a
 * Contacts report (labels, 15-character account ids), an Opportunity data export, and
 * OpportunityContactRole.
 */
export function writeSalesforceExports(company: Company, dir: string): string[] {
  const files = {
    accounts: join(dir, 'sf-accounts.csv'),
    contacts: join(dir, 'sf-contacts-report.csv'),
    deals: join(dir, 'sf-opportunities.csv'),
    roles: join(dir, 'sf-contact-roles.csv'),
  };
  const { accounts, contacts, deals } = company.crm;
  writeFileSync(
    files.accounts,
    BOM +
      csv(
        ['Id', 'Name', 'Website', 'Industry', 'ParentId', 'Description'],
        accounts.map((a, i) => [
          a.id,
          // Names with commas and quotes, as CRMs hold them.
          i % 7 === 0 ? `${a.name}, Inc.` : i % 11 === 0 ? `"${a.name}"` : a.name,
          a.website,
          a.industry,
          a.parentAccountId,
          i % 5 === 0 ? `Key account.\nOwner: ${a.ownerUserId}` : null,
        ]),
      ),
  );
  writeFileSync(
    files.contacts,
    csv(
      ['Contact ID', 'First Name', 'Last Name', 'Title', 'Email', 'Account ID', 'Account Name'],
      contacts.map((c) => [c.id.slice(0, 15), c.firstName, c.lastName, c.title, c.email, c.accountId.slice(0, 15), null]),
    ),
  );
  writeFileSync(
    files.deals,
    csv(
      ['Id', 'Name', 'AccountId', 'StageName', 'Amount', 'CloseDate', 'IsClosed', 'IsWon', 'CreatedDate', 'Type'],
      deals.map((d) => [d.id, d.name, d.accountId, d.stage, d.amount, d.closeDate, d.isClosed, d.isWon, d.createdAt, d.type]),
    ),
  );
  writeFileSync(
    files.roles,
    csv(
      ['Id', 'OpportunityId', 'ContactId', 'Role', 'IsPrimary'],
      deals.flatMap((d) => d.contactIds.map((c, i) => [`00K${d.id.slice(3, 12)}${i}`, d.id, c, i === 0 ? 'Decision Maker' : 'Evaluator', i === 0])),
    ),
  );
  return Object.values(files);
}

/**
 * HubSpot: companies (domain or website URL), contacts with their associated company, and deals
 * re-saved by a European Excel: `;`-separated, day-first dates, `12.500,00 €`, stage ids.
 */
export function writeHubSpotExports(company: Company, dir: string): string[] {
  const files = { companies: join(dir, 'hs-companies.csv'), contacts: join(dir, 'hs-contacts.csv'), deals: join(dir, 'hs-deals.csv') };
  const { accounts, contacts, deals } = company.crm;
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  writeFileSync(
    files.companies,
    csv(
      ['Record ID', 'Company name', 'Company Domain Name', 'Website URL', 'Create Date'],
      accounts.map((a, i) => [a.id, a.name, i % 3 === 0 ? null : a.domain, i % 3 === 0 || i % 4 === 0 ? a.website : null, a.createdAt.slice(0, 16).replace('T', ' ')]),
    ),
  );
  writeFileSync(
    files.contacts,
    csv(
      ['Record ID', 'First Name', 'Last Name', 'Email', 'Associated Company', 'Associated Company IDs'],
      contacts.map((c, i) => [c.id, c.firstName, c.lastName, c.email, accountById.get(c.accountId)!.name, i % 4 === 0 ? null : c.accountId]),
    ),
  );
  const stageId = (stage: string) =>
    ({ Prospecting: 'appointmentscheduled', Discovery: 'qualifiedtobuy', Proposal: 'presentationscheduled', Negotiation: 'contractsent', 'Closed Won': 'closedwon', 'Closed Lost': 'closedlost' })[stage]!;
  writeFileSync(
    files.deals,
    csv(
      ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Create Date', 'Associated Company IDs', 'Associated Contact IDs'],
      deals.map((d) => [d.id, d.name, stageId(d.stage), euAmount(d.amount), euDate(d.closeDate), d.createdAt.slice(0, 19).replace('T', ' '), d.accountId, d.contactIds.join(';')]),
      ';',
    ),
  );
  return Object.values(files);
}
