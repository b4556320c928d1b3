import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { detectCrmFormat } from '../../../src/crm/import/crm-columns.js';
import { parseCrmExport } from '../../../src/crm/import/read-crm-export.js';

const file = (text: string, name = 'export.csv', kind?: Parameters<typeof parseCrmExport>[2]) => parseCrmExport(Buffer.from(text, 'utf8'), name, kind);

describe('header detection', () => {
  it.each([
    // Salesforce data exports / API field names
    [['Id', 'Name', 'Website', 'Industry'], 'accounts', 'salesforce'],
    [['Id', 'AccountId', 'FirstName', 'LastName', 'Email'], 'contacts', 'salesforce'],
    [['Id', 'Name', 'AccountId', 'StageName', 'Amount', 'CloseDate', 'IsClosed', 'IsWon', 'CreatedDate'], 'deals', 'salesforce'],
    [['Id', 'OpportunityId', 'ContactId', 'Role', 'IsPrimary'], 'deal-contacts', 'salesforce'],
    // Salesforce report labels
    [['Account ID', 'Account Name', 'Website', 'Type'], 'accounts', 'salesforce'],
    [['Contact ID', 'First Name', 'Last Name', 'Email', 'Account ID', 'Account Name'], 'contacts', 'salesforce'],
    [['Opportunity ID', 'Opportunity Name', 'Account Name', 'Stage', 'Amount', 'Close Date', 'Created Date', 'Won', 'Closed'], 'deals', 'salesforce'],
    // HubSpot exports
    [['Record ID', 'Company name', 'Company Domain Name', 'Website URL', 'Create Date'], 'accounts', 'hubspot'],
    [['Record ID', 'First Name', 'Last Name', 'Email', 'Associated Company', 'Associated Company IDs'], 'contacts', 'hubspot'],
    [['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Create Date', 'Associated Company IDs', 'Associated Contact IDs'], 'deals', 'hubspot'],
    // HubSpot API property names
    [['hs_object_id', 'dealname', 'dealstage', 'closedate', 'amount'], 'deals', 'hubspot'],
  ] as const)('%j → %s from %s', (header, kind, source) => {
    expect(detectCrmFormat(header)).toEqual({ kind, source });
  });

  it('gives up on a header that names nothing it knows', () => {
    expect(detectCrmFormat(['foo', 'bar'])).toBeUndefined();
  });
});

describe('parseCrmExport', () => {
  it('maps a Salesforce accounts export', () => {
    const exp = file('Id,Name,Website\n0018W00000Qz3kPQAR,"Acme, Inc.",https://www.acme.com/about\n');
    expect(exp).toMatchObject({ kind: 'accounts', source: 'salesforce', format: 'csv', rows: 1, lines: [2], rejected: [] });
    expect(exp.records.accounts).toEqual([
      { id: '0018W00000Qz3kPQAR', name: 'Acme, Inc.', domain: null, website: 'https://www.acme.com/about', raw: { Id: '0018W00000Qz3kPQAR', Name: 'Acme, Inc.', Website: 'https://www.acme.com/about' } },
    ]);
  });

  it('maps HubSpot contacts: the first associated company id, names, and the company name for resolution', () => {
    const exp = file('Record ID,First Name,Last Name,Email,Associated Company,Associated Company IDs\n501,Jane,Doe,jane@acme.com,Acme,"901;902"\n');
    expect(exp.records.contacts![0]).toMatchObject({ id: '501', firstName: 'Jane', lastName: 'Doe', email: 'jane@acme.com', accountId: '901', accountName: 'Acme' });
  });

  it('splits a full name when there are no name parts', () => {
    const exp = file('Id,Name,Email,AccountId\n003A,Mary Ann Smith,mary@acme.com,001A\n');
    expect(exp.records.contacts![0]).toMatchObject({ firstName: 'Mary Ann', lastName: 'Smith' });
  });

  it('maps HubSpot deals: amounts with symbols, dates, stage ids and associated contacts', () => {
    const exp = file(
      'Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Associated Company IDs,Associated Contact IDs\n' +
        '77,Big deal,closedwon,"$12,500.00",03/31/2026,2026-01-05 10:22,901,"501;502"\n',
    );
    expect(exp.records.deals![0]).toMatchObject({
      id: '77',
      name: 'Big deal',
      stage: 'closedwon',
      amount: 12500,
      closeDate: '2026-03-31',
      createdAt: '2026-01-05T10:22:00.000Z',
      accountId: '901',
      contactIds: ['501', '502'],
      isClosed: null,
      isWon: null,
    });
  });

  it('reads day-first dates in a ;-separated file and month-first ones in a ,-separated file when they could be either', () => {
    expect(file('Id;Name;StageName;CloseDate\n006A;X;Discovery;04/03/2026\n').records.deals![0]!.closeDate).toBe('2026-03-04');
    expect(file('Id,Name,StageName,CloseDate\n006A,X,Discovery,04/03/2026\n').records.deals![0]!.closeDate).toBe('2026-04-03');
    // A column with a day over 12 is day-first for all its rows.
    const mixed = file('Id,Name,StageName,CloseDate\n006A,X,Discovery,04/03/2026\n006B,Y,Discovery,15/03/2026\n');
    expect(mixed.records.deals!.map((d) => d.closeDate)).toEqual(['2026-03-04', '2026-03-15']);
  });

  it('rejects rows it cannot use with their physical line, and loads the rest', () => {
    const exp = file(
      'Id,Name,StageName,Amount,CloseDate,IsWon\n' +
        '006A,"Multi\nline name",Discovery,100,2026-03-31,false\n' +
        ',No id,Discovery,100,2026-03-31,false\n' +
        '006C,Bad amount,Discovery,lots,2026-03-31,false\n' +
        '006D,Bad date,Discovery,100,31st of March,false\n' +
        '006E,Bad flag,Discovery,100,2026-03-31,perhaps\n' +
        '006F,Fine,Closed Won,"1,000",2026-03-31,true\n',
    );
    expect(exp.records.deals!.map((d) => d.id)).toEqual(['006A', '006F']);
    expect(exp.lines).toEqual([2, 8]);
    expect(exp.rejected).toEqual([
      { line: 4, reason: 'no deal id' },
      { line: 5, reason: 'Amount: "lots" is not an amount' },
      { line: 6, reason: expect.stringMatching(/^CloseDate: "31st of March" is not a date/) },
      { line: 7, reason: 'IsWon: "perhaps" is not true or false' },
    ]);
  });

  it('takes --kind where the columns leave it open, and the kind Salesforce JSON names', () => {
    expect(file('Id,Title\n1,Acme\n', 'x.csv', { kind: 'deals' }).kind).toBe('deals');
    // A HubSpot companies export has a Close Date (when the company became a customer): still accounts when told so.
    const companies = file('Record ID,Company name,Company Domain Name,Close Date\n1,Acme,acme.com,2026-01-01\n', 'companies.csv', { kind: 'accounts' });
    expect(companies).toMatchObject({ kind: 'accounts', lines: [2] });
    const json = file(JSON.stringify({ records: [{ attributes: { type: 'Contact' }, Id: '003A', Email: 'a@b.com' }] }), 'contacts.json');
    expect(json).toMatchObject({ kind: 'contacts', format: 'json', lines: [1] });
  });

  it.each([
    ['Id,Name,Website\n001A,Acme,acme.com\n', 'accounts.csv', 'deals', /^accounts\.csv: --kind deals does not match its columns \(Id, Name, Website\), which look like accounts: deals need Opportunity ID, Deal Name, Stage, Amount or Close Date; drop --kind/],
    ['Id,Email,FirstName,AccountId,AccountName\n003A,a@b.com,Al,001A,Acme\n', 'contacts.csv', 'accounts', /contacts\.csv: --kind accounts does not match .*which look like contacts: accounts need Account Name, Website or Domain/],
    ['Id,Name,AccountId,StageName,Amount\n006A,Big,001A,Won,10\n', 'deals.csv', 'contacts', /which look like deals: contacts need/],
    ['OpportunityId,ContactId,Role\n006A,003A,Buyer\n', 'roles.csv', 'deals', /which look like deal-contacts: deals need/],
    [JSON.stringify([{ attributes: { type: 'Account' }, Id: '001A', Stage: 'x' }]), 'accounts.json', 'deals', /which look like accounts/],
  ] as const)('refuses a --kind its columns contradict: %j as %s', (text, name, kind, message) => {
    expect(() => file(text, name, { kind })).toThrow(ConfigError);
    expect(() => file(text, name, { kind })).toThrow(message);
  });

  it('reads UTF-16 exports (Excel "Unicode text")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Id\tName\tWebsite\n001A\tZürich AG\tzurich.ch\n', 'utf16le')]);
    const exp = parseCrmExport(bytes, 'accounts.txt');
    expect(exp.records.accounts![0]).toMatchObject({ id: '001A', name: 'Zürich AG', website: 'zurich.ch' });
  });

  it.each([
    ['', 'accounts.csv', /accounts.csv is empty/],
    ['foo,bar\n1,2\n', 'accounts.csv', /cannot tell accounts, contacts or deals from its columns \(foo, bar\): give --kind/],
    ['Name,Website\nAcme,acme.com\n', 'accounts.csv', /no account id column/],
    ['{"broken": ', 'x.json', /not a JSON file/],
  ])('refuses an unusable file with one clear line: %j', (text, name, message) => {
    expect(() => file(text, name)).toThrow(ConfigError);
    expect(() => file(text, name)).toThrow(message);
  });

  it('refuses workbooks and binary files by name', () => {
    expect(() => parseCrmExport(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'accounts.xlsx')).toThrow(/Excel .xlsx workbook\?\): save or export it as CSV/);
    expect(() => parseCrmExport(Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01]), 'blob.bin')).toThrow(/not a text file/);
  });
});
