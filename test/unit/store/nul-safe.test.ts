import { describe, expect, it } from 'vitest';
import { withoutNul } from '../../../src/store/postgres/nul-safe-plugin.js';

describe('withoutNul (PostgreSQL cannot store U+0000)', () => {
  it('replaces raw NUL characters and JSON \\u0000 escapes with U+FFFD', () => {
    expect(withoutNul('a\u0000b')).toBe('a\uFFFDb');
    expect(withoutNul(JSON.stringify({ t: 'a\u0000b' }))).toBe('{"t":"a\\ufffdb"}');
    expect(JSON.parse(withoutNul(JSON.stringify({ t: 'a\u0000b' }))).t).toBe('a\uFFFDb');
  });
  it('leaves an escaped backslash followed by u0000 alone: that is text, not a NUL', () => {
    const text = JSON.stringify({ t: '\\u0000 is how you write it' });
    expect(withoutNul(text)).toBe(text);
    expect(withoutNul('plain')).toBe('plain');
  });
});
