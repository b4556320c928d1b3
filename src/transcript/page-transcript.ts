/** One page of a rendered transcript. */
export interface TranscriptPage {
  text: string;
  offset: number;
  /** Where the next page starts, or null when this page reaches the end. */
  nextOffset: number | null;
  totalChars: number;
}

/**
 * The part of `text` from `offset` that fits in `maxChars`, cut after the last whole line that
 * fits, so a reader never gets half a monologue; a single line longer than `maxChars` is cut
 * inside (never between the two halves of a surrogate pair). Pages concatenated in order give
 * back `text` exactly. Offsets count UTF-16 code units, like JavaScript string indexes.
 *
 * @example pageTranscript('[00:01] A: hi\n[00:02] B: hello\n', 0, 16) // { text: '[00:01] A: hi\n', offset: 0, nextOffset: 14, totalChars: 31 }
 * @throws RangeError when offset is past the end or maxChars is not positive
 */
export function pageTranscript(text: string, offset: number, maxChars: number): TranscriptPage {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > text.length) throw new RangeError(`offset ${offset} is outside the transcript (0 to ${text.length})`);
  if (!Number.isSafeInteger(maxChars) || maxChars < 1) throw new RangeError(`maxChars ${maxChars} is not a positive whole number`);
  let end = Math.min(offset + maxChars, text.length);
  if (end < text.length) {
    const lineEnd = text.lastIndexOf('\n', end - 1);
    if (lineEnd >= offset) end = lineEnd + 1;
    else if (isHighSurrogate(text.charCodeAt(end - 1)) && end - 1 > offset) end -= 1;
  }
  return { text: text.slice(offset, end), offset, nextOffset: end < text.length ? end : null, totalChars: text.length };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
