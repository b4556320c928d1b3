import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ConfigError } from '../../../src/errors.js';
import { isRowProblem, type CrmFileRow, type CrmRowItem, type CrmRowStream } from '../../../src/crm/import/crm-file-rows.js';
import { decodeExportText } from '../../../src/crm/import/decode-export-text.js';
import { openCrmExport } from '../../../src/crm/import/open-crm-export.js';
import { parseCsvRows, streamCsvRows } from '../../../src/crm/import/read-csv-rows.js';
import { parseJsonRows, streamJsonRows } from '../../../src/crm/import/read-json-rows.js';

/** Bytes cut every `size` bytes, whatever they split (a multi-byte character, a CRLF, a quoted field). */
const pieces = (bytes: Buffer, size: number) => () => {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return Readable.from(out);
};

async function collect(stream: CrmRowStream): Promise<{ header: string[]; rows: CrmFileRow[]; problems: CrmRowItem[]; delimiter?: string | undefined; kindHint?: string | undefined }> {
  const rows: CrmFileRow[] = [];
  const problems: CrmRowItem[] = [];
  for await (const item of stream.items) {
    if (isRowProblem(item)) problems.push(item);
    else rows.push(item);
  }
  return { header: stream.header, rows, problems, delimiter: stream.delimiter, kindHint: stream.kindHint };
}

const streamedCsv = async (bytes: Buffer, size: number) => collect(await streamCsvRows(decodeExportText(pieces(bytes, size)(), 'x.csv')));
const streamedJson = async (text: string, size: number) => collect(await streamJsonRows(decodeExportText(pieces(Buffer.from(text, 'utf8'), size)(), 'x.json')));

/** Fails instead of hanging when a reader waits for the end of a stream that has not ended. */
function soon<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing before the stream ended`)), 3000))]);
}

describe('reading an export as a stream', () => {
  it('yields CSV rows before the file has ended (it does not read the file whole)', async () => {
    // csv-parse hands over a record once the text after it has come in, so each write here
    // releases the row before it.
    const pipe = new PassThrough();
    pipe.write('Id,Name,Website\n001A,Acme,acme.com\n001B,"Beta\nGmbH",beta.de\n');
    const opened = await soon(openCrmExport('live.csv', { bytes: () => pipe }), 'open');
    expect(opened).toMatchObject({ kind: 'accounts', format: 'csv' });
    const rows = opened.rows()[Symbol.asyncIterator]();
    expect((await soon(rows.next(), 'first row')).value).toMatchObject({ line: 2, record: { id: '001A', name: 'Acme' } });
    pipe.write('001C,Cee,cee.io\n');
    expect((await soon(rows.next(), 'second row')).value).toMatchObject({ line: 3, record: { id: '001B', name: 'Beta\nGmbH' } });
    pipe.write('001D,Dee,dee.io\n');
    expect((await soon(rows.next(), 'third row')).value).toMatchObject({ line: 5, record: { id: '001C' } });
    expect(pipe.writableEnded).toBe(false);
    pipe.end();
    expect((await rows.next()).value).toMatchObject({ line: 6, record: { id: '001D' } });
    expect((await rows.next()).done).toBe(true);
  });

  it('closes the source when its reader stops early (an import rolling back)', async () => {
    for (const [name, head] of [['early.csv', 'Id,Name,Website\n001A,Acme,acme.com\n001B,B,b.io\n'], ['early.jsonl', '{"Id":"1","Name":"A","Website":"a.io"}\n'.repeat(120)]] as const) {
      const pipe = new PassThrough();
      pipe.write(head);
      const opened = await soon(openCrmExport(name, { bytes: () => pipe }), 'open');
      const rows = opened.rows()[Symbol.asyncIterator]();
      await soon(rows.next(), 'first row');
      expect(pipe.destroyed).toBe(false);
      await rows.return?.(undefined);
      expect(pipe.destroyed).toBe(true);
    }
  });

  it('closes the source of a file refused by its head, and of one opened but never read', async () => {
    const refused = new PassThrough();
    refused.write('Name,Website\nNo id,noid.io\n');
    await expect(soon(openCrmExport('no-id.csv', { bytes: () => refused }), 'open')).rejects.toThrow(ConfigError);
    expect(refused.destroyed).toBe(true);
    const unread = new PassThrough();
    unread.write('Id,Name,Website\n001A,Acme,acme.com\n');
    const opened = await soon(openCrmExport('unread.csv', { bytes: () => unread }), 'open');
    expect(unread.destroyed).toBe(false);
    await opened.close();
    expect(unread.destroyed).toBe(true);
  });

  it('yields JSON array elements and JSON lines before the file has ended', async () => {
    const array = new PassThrough();
    array.write('{"records": [\n');
    for (let i = 0; i < 150; i++) array.write(`{"Id": "00${i}", "Name": "Co ${i}", "Website": "co${i}.io"},\n`);
    const opened = await soon(openCrmExport('live.json', { bytes: () => array }), 'open array');
    const rows = opened.rows()[Symbol.asyncIterator]();
    for (let i = 0; i < 149; i++) expect((await soon(rows.next(), `element ${i}`)).value).toMatchObject({ line: i + 2, record: { id: `00${i}` } });
    expect(array.writableEnded).toBe(false);
    array.end('{"Id": "last", "Name": "Last"}\n]}\n');
    expect((await rows.next()).value).toMatchObject({ record: { id: '00149' } });
    expect((await rows.next()).value).toMatchObject({ line: 152, record: { id: 'last' } });
    expect((await rows.next()).done).toBe(true);

    const lines = new PassThrough();
    for (let i = 0; i < 120; i++) lines.write(`{"Id": "c${i}", "Email": "p${i}@acme.com"}\n`);
    const jsonl = await soon(openCrmExport('live.jsonl', { bytes: () => lines }), 'open lines');
    expect(jsonl.kind).toBe('contacts');
    const contacts = jsonl.rows()[Symbol.asyncIterator]();
    for (let i = 0; i < 120; i++) expect((await soon(contacts.next(), `line ${i}`)).value).toMatchObject({ line: i + 1, record: { id: `c${i}` } });
    expect(lines.writableEnded).toBe(false);
    lines.end();
    expect((await contacts.next()).done).toBe(true);
  });
});

describe('CSV across chunk boundaries', () => {
  const cases: [string, Buffer][] = [
    ['CRLF, quoted newlines and doubled quotes', Buffer.from('\ufeffId,Name,Description\r\n001A,"Acme, Inc.","first line\r\nsecond line"\r\n\r\n001B,"The ""Best"" Co",plain\r\n', 'utf8')],
    ['multi-byte text', Buffer.from('Id;Name;Ort\n1;"Zürich AG\nÉtoile";Genève\n2;日本株式会社;東京\n3;"😀 emoji";x\n', 'utf8')],
    ['lone CRs, blank lines and a sep= line', Buffer.from('sep=|\rId|Name\r1|a\r\r\r2|"b\rb"\r3|c', 'utf8')],
    ['broken rows', Buffer.from('Id,Name\n1,a\n2,"x"y\n3,a,b,c\n4,"multi\nline"\n5,"never closed\n6,d\n', 'utf8')],
  ];
  it.each(cases)('%s: the same rows, lines and problems in 1- to 16-byte chunks as read whole', async (_name, bytes) => {
    const whole = parseCsvRows(bytes);
    expect(whole.rows.length).toBeGreaterThan(0);
    for (const size of [1, 2, 3, 5, 16]) {
      const streamed = await streamedCsv(bytes, size);
      expect({ size, ...streamed }).toEqual({ size, header: whole.header, rows: whole.rows, problems: whole.problems, delimiter: whole.delimiter });
    }
  });

  it('keeps the lines of the file as read whole (pinned values, not just agreement)', async () => {
    const streamed = await streamedCsv(cases[0]![1], 16);
    expect(streamed.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(streamed.rows[0]).toEqual({ line: 2, values: { Id: '001A', Name: 'Acme, Inc.', Description: 'first line\r\nsecond line' } });
    const broken = await streamedCsv(cases[3]![1], 3);
    expect(broken.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(broken.problems).toEqual([
      { line: 4, reason: expect.stringContaining('has 4 fields') },
      { line: 7, reason: expect.stringContaining('never closed') },
    ]);
  });

  it('reads UTF-16 (LE and BE) split across 16-byte chunks of a real file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgong-utf16-'));
    try {
      const text = 'Id\tName\tWebsite\n001A\tZürich AG\tzurich.ch\n001B\t"日本\n株式会社"\tnihon.jp\n001C\t😀 Co\tsmile.io\n';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      for (const [name, bytes] of [['le.txt', le], ['be.txt', be]] as const) {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        const opened = await openCrmExport(path, { bytes: () => createReadStream(path, { highWaterMark: 16 }) });
        const rows = [];
        for await (const row of opened.rows()) rows.push(row);
        expect(rows).toEqual([
          { line: 2, record: expect.objectContaining({ id: '001A', name: 'Zürich AG', website: 'zurich.ch' }) },
          { line: 3, record: expect.objectContaining({ id: '001B', name: '日本\n株式会社' }) },
          { line: 5, record: expect.objectContaining({ id: '001C', name: '😀 Co' }) },
        ]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('JSON across chunk boundaries', () => {
  const tricky = { Id: '1', Name: 'Brackets ] [ } { and "quotes" \\ backslash', Note: 'line\nbreak', 'Account': { Name: 'A "quoted" ]' } };
  const cases: [string, string][] = [
    ['an array', `[\n  ${JSON.stringify(tricky)},\n  {\n    "Id": "2",\n    "Name": "Ünïcödé 😀"\n  }\n]\n`],
    ['a wrapper object', JSON.stringify({ totalSize: 2, done: true, nextRecordsUrl: '/x]', records: [{ attributes: { type: 'Account' }, ...tricky }, { attributes: { type: 'Account' }, Id: '2', Name: 'Two' }] }, null, 2)],
    ['JSON lines with CRLF', `${JSON.stringify(tricky)}\r\n\r\n{"Id":"2","Name":"Two ]"}\r\n{"Id":"3","properties":{"name":"HubSpot"}}\r\n`],
    ['a single object', `\n\n${JSON.stringify(tricky, null, 1)}\n`],
  ];
  it.each(cases)('%s: the same rows and lines in 1- to 16-character chunks as read whole', async (_name, text) => {
    const whole = parseJsonRows(text);
    expect(whole.rows.length).toBeGreaterThan(0);
    expect(whole.rows[0]!.values.Name).toBe(tricky.Name);
    for (const size of [1, 2, 3, 7, 16]) {
      const streamed = await streamedJson(text, size);
      expect({ size, ...streamed }).toEqual({ size, header: whole.header, rows: whole.rows, problems: whole.problems, delimiter: undefined, kindHint: whole.kindHint });
    }
  });

  it('pins the lines elements start on', async () => {
    expect((await streamedJson(cases[0]![1], 3)).rows.map((r) => r.line)).toEqual([2, 3]);
    expect((await streamedJson(cases[2]![1], 5)).rows.map((r) => r.line)).toEqual([1, 3, 4]);
    const wrapper = await streamedJson(cases[1]![1], 7);
    expect(wrapper.kindHint).toBe('accounts');
    expect(wrapper.rows[0]!.values['Account.Name']).toBe('A "quoted" ]');
  });

  it('refuses, with one line naming the file, JSON that breaks off midway', async () => {
    const text = `[\n${Array.from({ length: 150 }, (_, i) => `{"Id": "${i}", "Name": "n", "Website": "w.io"}`).join(',\n')},\n{"Id": "broken", "Name": `;
    const opened = await openCrmExport('cut.json', { bytes: pieces(Buffer.from(text), 64) });
    const count = async (rows: AsyncIterable<unknown>) => {
      let n = 0;
      for await (const row of rows) if (row) n++;
      return n;
    };
    await expect(count(opened.rows())).rejects.toThrow(ConfigError);
    const again = await openCrmExport('cut.json', { bytes: pieces(Buffer.from(text), 64) });
    await expect(count(again.rows())).rejects.toThrow(/^cut\.json is not a JSON file this importer can use: not valid JSON: the file ends/);
  });
});

describe('opening a file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgong-open-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a missing file, a directory, a workbook and a binary by name', async () => {
    await expect(openCrmExport(join(dir, 'nope.csv'))).rejects.toThrow(/cannot read .*nope\.csv: no such file/);
    await expect(openCrmExport(dir)).rejects.toThrow(/it is a directory/);
    writeFileSync(join(dir, 'book.xlsx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    await expect(openCrmExport(join(dir, 'book.xlsx'))).rejects.toThrow(/book\.xlsx is a zip archive/);
    writeFileSync(join(dir, 'blob.bin'), Buffer.concat([Buffer.from('Id,Name\n'), Buffer.from([0x41, 0x00, 0x42])]));
    await expect(openCrmExport(join(dir, 'blob.bin'))).rejects.toThrow(/blob\.bin is not a text file/);
  });

  it('decides a deals file\'s day/month order over the whole file, not its head', async () => {
    // Only row 150 tells the order: 25/03 is day-first, so 03/04 is the 3rd of April.
    const rows = Array.from({ length: 150 }, (_, i) => `006${i},Deal ${i},001A,Discovery,10,${i === 149 ? '25/03/2026' : '03/04/2026'}`);
    const path = join(dir, 'deals.csv');
    writeFileSync(path, `Id,Name,AccountId,StageName,Amount,CloseDate\n${rows.join('\n')}\n`);
    const opened = await openCrmExport(path);
    const dates = [];
    for await (const row of opened.rows()) if ('record' in row) dates.push((row.record as { closeDate?: string }).closeDate);
    expect(dates[0]).toBe('2026-04-03');
    expect(dates[149]).toBe('2026-03-25');
  });
});
