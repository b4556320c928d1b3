import { describe, expect, it } from 'vitest';
import { pageTranscript } from '../../../src/transcript/page-transcript.js';

const TEXT = '[00:01] Ann (Internal): Hello there.\n[00:05] Bob (External): Hi Ann, good to see you.\n[00:09] Ann (Internal): Shall we start?\n';

function pages(text: string, maxChars: number): string[] {
  const out: string[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page = pageTranscript(text, offset, maxChars);
    out.push(page.text);
    offset = page.nextOffset;
  }
  return out;
}

describe('pageTranscript', () => {
  it('cuts after the last whole line that fits, and the pages join back to the text', () => {
    const parts = pages(TEXT, 70);
    expect(parts).toEqual(['[00:01] Ann (Internal): Hello there.\n', '[00:05] Bob (External): Hi Ann, good to see you.\n', '[00:09] Ann (Internal): Shall we start?\n']);
    expect(parts.join('')).toBe(TEXT);
    expect(pageTranscript(TEXT, 0, 1000)).toEqual({ text: TEXT, offset: 0, nextOffset: null, totalChars: TEXT.length });
  });

  it('cuts inside a line longer than a page, never between the halves of a surrogate pair', () => {
    const long = `[00:01] Ann (Internal): ${'😀'.repeat(20)}\n`;
    for (const size of [5, 6, 7, 33]) {
      const parts = pages(long, size);
      expect(parts.join('')).toBe(long);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(size);
      for (const part of parts) expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(part)).toBe(false);
    }
  });

  it('gives an empty last page at the very end, and refuses an offset past it', () => {
    expect(pageTranscript(TEXT, TEXT.length, 100)).toEqual({ text: '', offset: TEXT.length, nextOffset: null, totalChars: TEXT.length });
    expect(() => pageTranscript(TEXT, TEXT.length + 1, 100)).toThrow(RangeError);
    expect(() => pageTranscript(TEXT, 0, 0)).toThrow(RangeError);
  });
});
