import { describe, expect, it } from 'vitest';
import { parseJsonLossless, quoteBigIntegers } from '../../../src/client/lossless-json.js';

describe('lossless JSON parsing', () => {
  it('keeps every digit of an id sent as a number (docs/gong-api.md §2.3)', () => {
    const parsed = parseJsonLossless('{"integrationId":2271307570613351879}') as { integrationId: string };
    expect(parsed.integrationId).toBe('2271307570613351879');
    // What JSON.parse would have done:
    expect(String((JSON.parse('{"i":2271307570613351879}') as { i: number }).i)).toBe('2271307570613352000');
  });

  it('quotes 16+ digit integers, negative ones too, and leaves shorter numbers alone', () => {
    const parsed = parseJsonLossless('[123456789012345, 1234567890123456, -12345678901234567890, 42, -7]');
    expect(parsed).toEqual([123456789012345, '1234567890123456', '-12345678901234567890', 42, -7]);
  });

  it('never touches digits inside strings, including escaped quotes', () => {
    const text = '{"a":"12345678901234567890","b":"say \\"12345678901234567890\\" ok","c":12345678901234567890}';
    expect(parseJsonLossless(text)).toEqual({
      a: '12345678901234567890',
      b: 'say "12345678901234567890" ok',
      c: '12345678901234567890',
    });
  });

  it('leaves fractions and exponents alone', () => {
    expect(parseJsonLossless('[1234567890123456.5, 12345678901234567e2, 0.12345678901234567890]')).toEqual([
      // As strings: written as literals, these digits would be rounded by the compiler (which is the point).
      1234567890123456.5, Number('12345678901234567e2'), Number('0.1234567890123456789'),
    ]);
  });

  it('handles nesting, whitespace and a backslash at the end of a string', () => {
    const text = '{ "x" : [ {"id" : 7782342274025937895 }, "back\\\\" , 9007199254740993 ] }';
    expect(parseJsonLossless(text)).toEqual({ x: [{ id: '7782342274025937895' }, 'back\\', '9007199254740993'] });
  });

  it('returns the text itself when nothing needs quoting', () => {
    const text = '{"a":1,"b":"2"}';
    expect(quoteBigIntegers(text)).toBe(text);
  });

  it('still throws on malformed or truncated JSON', () => {
    expect(() => parseJsonLossless('{"a":12345678901234567890')).toThrow(SyntaxError);
    expect(() => parseJsonLossless('{"a":"unterminated')).toThrow(SyntaxError);
  });
});

describe('the fast path that skips the full pass', () => {
  it('still finds big integers after whitespace, in arrays and after commas', () => {
    expect(parseJsonLossless('{"id" :\n\t2271307570613351879}')).toEqual({ id: '2271307570613351879' });
    expect(parseJsonLossless('[1, 2271307570613351879,-2271307570613351879]')).toEqual([1, '2271307570613351879', '-2271307570613351879']);
  });
  it('leaves text that only looks like a big integer inside a string alone', () => {
    const text = '{"note":"ref:2271307570613351879","n":[1,2]}';
    expect(parseJsonLossless(text)).toEqual({ note: 'ref:2271307570613351879', n: [1, 2] });
    expect(quoteBigIntegers('{"id":"2271307570613351879"}')).toBe('{"id":"2271307570613351879"}');
  });
});
