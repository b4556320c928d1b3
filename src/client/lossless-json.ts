/**
 * JSON parsing that keeps every digit of Gong's ids. Gong ids have up to 20 digits
 * (docs/gong-api.md §2.3) and some endpoints send them as JSON numbers; `JSON.parse` would round
 * them (`2271307570613351879` → `2271307570613352000`). Any integer literal of 16 or more digits
 * outside a string is therefore turned into a string before parsing. 16 digits is the first length
 * that can exceed `Number.MAX_SAFE_INTEGER`; no count or duration Gong sends comes near it.
 */

const BIG_INTEGER = /^-?\d{16,}$/;

/**
 * A number literal outside a string always follows `:`, `[` or `,` (and maybe whitespace). When
 * no 16-digit run follows one of those anywhere in the text, no big integer literal can exist and
 * the character-by-character pass is skipped: the common case, since Gong quotes its call ids.
 * A match inside a string only costs the full pass, never a wrong answer.
 */
const MAYBE_BIG_INTEGER = /[:,[]\s*-?\d{16}/;

/**
 * Quotes every JSON integer literal of 16+ digits that is not inside a string, in one pass.
 * Fractions and exponents are left alone (they are not ids).
 *
 * @example quoteBigIntegers('{"id":2271307570613351879,"n":1}') // '{"id":"2271307570613351879","n":1}'
 */
export function quoteBigIntegers(text: string): string {
  if (!MAYBE_BIG_INTEGER.test(text)) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i++;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      const token = text.slice(start, i);
      if (token.length >= 16 && BIG_INTEGER.test(token)) {
        out += `${text.slice(copied, start)}"${token}"`;
        copied = i;
      }
      continue;
    }
    i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isNumberChar(c: number): boolean {
  // digits, '.', 'e', 'E', '+', '-'
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/**
 * `JSON.parse` that keeps big integers as strings.
 *
 * @example (parseJsonLossless('{"id":7782342274025937895}') as { id: string }).id // '7782342274025937895'
 * @throws SyntaxError on malformed JSON, like `JSON.parse`
 */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteBigIntegers(text));
}
