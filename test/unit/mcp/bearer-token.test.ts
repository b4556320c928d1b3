import { describe, expect, it } from 'vitest';
import { bearerTokenMatches, isLoopbackHost } from '../../../src/mcp/bearer-token.js';

describe('bearerTokenMatches', () => {
  it('accepts exactly the token, as a Bearer credential', () => {
    expect(bearerTokenMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerTokenMatches('bearer s3cret-token', 's3cret-token')).toBe(true);
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Bearer s3cret-toke', 'Bearer s3cret-token2', 'Basic s3cret-token', 's3cret-token', 'Bearer s3cret token']) {
      expect(bearerTokenMatches(header, 's3cret-token'), String(header)).toBe(false);
    }
  });
});

describe('isLoopbackHost', () => {
  it('knows the addresses only this machine reaches', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '128.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
