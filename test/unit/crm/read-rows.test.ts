import { describe, expect, it } from 'vitest';
import { parseCsvRows, sniffDelimiter } from '../../../src/crm/import/read-csv-rows.js';
import { NotJsonError, parseJsonRows } from '../../../src/crm/import/read-json-rows.js';

const csv = (text: string) => parseCsvRows(Buffer.from(text, 'utf8'));

describe('CSV rows', () => {
  it('reads a BOM, quoted fields with commas, doubled quotes and embedded newlines', () => {
    const rows = csv('\ufeffId,Name,Description\r\n001A,"Acme, Inc.","first line\r\nsecond line"\r\n001B,"The ""Best"" Co",plain\r\n');
    expect(rows.header).toEqual(['Id', 'Name', 'Description']);
    expect(rows.rows).toEqual([
      { line: 2, values: { Id: '001A', Name: 'Acme, Inc.', Description: 'first line\r\nsecond line' } },
      { line: 4, values: { Id: '001B', Name: 'The "Best" Co', Description: 'plain' } },
    ]);
    expect(rows.problems).toEqual([]);
  });

  it('counts every physical line: blank lines, LF, CRLF and lone CR alike', () => {
    expect(csv('Id,Name\n1,a\n\n\n2,"b\nb\nb"\n3,c').rows.map((r) => r.line)).toEqual([2, 5, 8]);
    expect(csv('Id,Name\r\n1,a\r\n\r\n2,"b\r\nb"\r\n3,c\r\n').rows.map((r) => r.line)).toEqual([2, 4, 6]);
    expect(csv('Id,Name\r1,a\r2,b\r').rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('reports a row it cannot read with its line and reads the rest', () => {
    const rows = csv('Id,Name\n1,a\n2,"x"y\n3,ab"c\n');
    // A quote in the middle of a field is kept as text (Excel writes such rows), never a lost row.
    expect(rows.rows.map((r) => r.values.Id)).toEqual(['1', '2', '3']);
    const broken = csv('Id,Name\n1,a\n2,"multi\nline"\n3,"never closed\n4,d\n');
    expect(broken.rows.map((r) => [r.line, r.values.Id])).toEqual([[2, '1'], [3, '2']]);
    expect(broken.problems).toEqual([{ line: 5, reason: expect.stringContaining('never closed') }]);
  });

  it('rejects a row with more fields than the header (an unquoted delimiter), and fills short rows', () => {
    const rows = csv('Id,Name,Website\n1,Acme, Inc.,acme.com\n2,Beta\n');
    expect(rows.problems).toEqual([{ line: 2, reason: expect.stringContaining('has 4 fields but the header has 3') }]);
    expect(rows.rows).toEqual([{ line: 3, values: { Id: '2', Name: 'Beta', Website: '' } }]);
  });

  it('skips rows with only empty fields', () => {
    expect(csv('Id,Name\n,\n1,a\n ,  \n').rows).toEqual([{ line: 3, values: { Id: '1', Name: 'a' } }]);
  });

  it('detects ; and tab delimiters from the header, and honours Excel\'s sep= line', () => {
    expect(csv('Id;Name;Amount\n1;"Acme; Inc.";1.234,56\n').rows[0]!.values).toEqual({ Id: '1', Name: 'Acme; Inc.', Amount: '1.234,56' });
    expect(csv('Id\tName\n1\tAcme, Inc.\n').rows[0]!.values).toEqual({ Id: '1', Name: 'Acme, Inc.' });
    const sep = csv('sep=;\nId;Name\n1;Acme, Inc.\n');
    expect(sep.delimiter).toBe(';');
    expect(sep.rows).toEqual([{ line: 3, values: { Id: '1', Name: 'Acme, Inc.' } }]);
    // Commas inside a quoted header do not count.
    expect(sniffDelimiter(Buffer.from('"Name, full";Id;Email\n'))).toBe(';');
    expect(sniffDelimiter(Buffer.from('Id\n1\n'))).toBe(',');
  });

  it('keeps multi-byte text intact and counts lines right after it', () => {
    const rows = csv('Id,Name\n1,"Zürich AG\nÉtoile"\n2,日本株式会社\n');
    expect(rows.rows).toEqual([
      { line: 2, values: { Id: '1', Name: 'Zürich AG\nÉtoile' } },
      { line: 4, values: { Id: '2', Name: '日本株式会社' } },
    ]);
  });
});

describe('JSON rows', () => {
  it('reads an array of objects with the line each starts on', () => {
    const rows = parseJsonRows('[\n  {"Id": "1", "Name": "Acme"},\n  {\n    "Id": "2",\n    "Name": "Beta"\n  }\n]');
    expect(rows.rows).toEqual([
      { line: 2, values: { Id: '1', Name: 'Acme' } },
      { line: 3, values: { Id: '2', Name: 'Beta' } },
    ]);
  });

  it('reads Salesforce REST answers: records under "records", the kind from attributes.type, nested objects as dotted columns', () => {
    const rows = parseJsonRows(
      JSON.stringify({ totalSize: 1, done: true, records: [{ attributes: { type: 'Opportunity', url: '/x' }, Id: '006A', Amount: 5000, IsWon: false, Account: { Name: 'Acme' } }] }, null, 2),
    );
    expect(rows.kindHint).toBe('deals');
    expect(rows.rows).toEqual([{ line: 5, values: { Id: '006A', Amount: '5000', IsWon: 'false', 'Account.Name': 'Acme' } }]);
  });

  it('lifts HubSpot API properties and joins arrays of ids', () => {
    const rows = parseJsonRows('{"results":[{"id":"77","properties":{"dealname":"Big","dealstage":"closedwon"},"contactIds":["1","2"]}]}');
    expect(rows.rows[0]!.values).toEqual({ dealname: 'Big', dealstage: 'closedwon', id: '77', contactIds: '1;2' });
  });

  it('reads JSON lines, reporting lines that are not JSON or not objects', () => {
    const rows = parseJsonRows('{"Id":"1"}\n\n{"Id":"2"}\n{broken\n42\n{"Id":"3"}\n');
    expect(rows.rows.map((r) => [r.line, r.values.Id])).toEqual([[1, '1'], [3, '2'], [6, '3']]);
    expect(rows.problems).toEqual([
      { line: 4, reason: expect.stringContaining('not valid JSON') },
      { line: 5, reason: 'not an object' },
    ]);
  });

  it('refuses text that is not JSON at all', () => {
    expect(() => parseJsonRows('{this is not json\nnor this')).toThrow(NotJsonError);
    expect(() => parseJsonRows('"just a string"')).toThrow(NotJsonError);
  });
});
