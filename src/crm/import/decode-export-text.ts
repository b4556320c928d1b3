/**
 * Export bytes → text, a chunk at a time: workbooks and binary files are refused by name from
 * their first bytes, UTF-16 exports (Excel's "Unicode text", BOM FF FE or FE FF) are decoded as
 * such, anything else as UTF-8. `TextDecoder` with `stream: true` keeps a character that a chunk
 * boundary splits, so memory holds one chunk, never the file.
 */
import { basename } from 'node:path';
import { TextDecoder } from 'node:util';
import { ConfigError } from '../../errors.js';

/** Bytes looked at to decide a file is text: a NUL among them means it is not. */
const SNIFF_BYTES = 8192;
/** Bytes that name a workbook or a UTF-16 text: decoding starts once these are in. */
const MAGIC_BYTES = 4;

/**
 * Push-based decoder: `push` bytes as they come, `end` at the end; each returns the text it can
 * give so far. Used over a stream and, in one push, over bytes already in memory.
 *
 * @example const d = new ExportTextDecoder('accounts.csv'); const text = d.push(bytes) + d.end();
 */
export class ExportTextDecoder {
  private head: Buffer | undefined = Buffer.alloc(0);
  private decoder: TextDecoder | undefined;
  /** Bytes seen so far, while still within the first `SNIFF_BYTES`. */
  private seen = 0;
  private utf16 = false;

  constructor(private readonly name: string) {}

  push(bytes: Uint8Array): string {
    if (this.head !== undefined) {
      this.head = Buffer.concat([this.head, bytes]);
      if (this.head.length < MAGIC_BYTES) return '';
      return this.start();
    }
    this.checkText(bytes);
    return this.decoder!.decode(bytes, { stream: true });
  }

  end(): string {
    const first = this.head !== undefined ? this.start() : '';
    return first + this.decoder!.decode();
  }

  /** Decides the encoding from the head, then decodes it. */
  private start(): string {
    const head = this.head!;
    this.head = undefined;
    const name = basename(this.name);
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
      throw new ConfigError(`${name} is a zip archive (an Excel .xlsx workbook?): save or export it as CSV`);
    }
    if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
      throw new ConfigError(`${name} is an old Excel .xls workbook: save or export it as CSV`);
    }
    if (head[0] === 0xff && head[1] === 0xfe) this.decoder = new TextDecoder('utf-16le');
    else if (head[0] === 0xfe && head[1] === 0xff) this.decoder = new TextDecoder('utf-16be');
    // The default keeps a UTF-8 BOM out of the text (and a UTF-16 one): readers need not know.
    else this.decoder = new TextDecoder('utf-8');
    this.utf16 = this.decoder.encoding !== 'utf-8';
    this.checkText(head);
    return this.decoder.decode(head, { stream: true });
  }

  /** A NUL byte early in a file that is not UTF-16 means a binary file (a database, an image…). */
  private checkText(bytes: Uint8Array): void {
    if (this.utf16 || this.seen >= SNIFF_BYTES) return;
    const look = bytes.subarray(0, SNIFF_BYTES - this.seen);
    this.seen += look.length;
    if (look.includes(0)) throw new ConfigError(`${basename(this.name)} is not a text file: give a CSV or JSON export`);
  }
}

/**
 * Decodes a stream of export bytes into text chunks.
 *
 * @example for await (const text of decodeExportText(createReadStream(file), file)) …
 */
export async function* decodeExportText(bytes: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<string> {
  const decoder = new ExportTextDecoder(name);
  for await (const chunk of bytes) {
    const text = decoder.push(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}
