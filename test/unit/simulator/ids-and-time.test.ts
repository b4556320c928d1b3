import { describe, expect, it } from 'vitest';
import { salesforceId18 } from '../../../src/util/salesforce-id.js';
import { formatInstant, formatUtcOffset, parseUtcOffset } from '../../../src/simulator/index.js';
import { newRequestId } from '../../../src/simulator/ids.js';

describe('ids', () => {
  it('computes the Salesforce 18-character checksum', () => {
    expect(salesforceId18('001000000000001')).toBe('001000000000001AAA');
    // Upper-case letters at chunk positions set the bits: 'A' at position 0 of chunk 3 → 'B'.
    expect(salesforceId18('0010000000A0000')).toBe('0010000000A0000AAB');
  });

  it('makes request ids of 18–19 lowercase alphanumerics', () => {
    for (let i = 0; i < 50; i++) expect(newRequestId()).toMatch(/^[a-z0-9]{18,19}$/);
  });
});

describe('company time', () => {
  it('formats in a fixed offset with 0, 3 or 6 fractional digits', () => {
    const ms = Date.parse('2020-08-17T16:58:12.034Z');
    expect(formatInstant(ms, -240, 6, 683)).toBe('2020-08-17T12:58:12.034683-04:00');
    expect(formatInstant(ms, -240, 3)).toBe('2020-08-17T12:58:12.034-04:00');
    expect(formatInstant(ms, 120, 0)).toBe('2020-08-17T18:58:12+02:00');
  });

  it('parses and formats offsets', () => {
    expect(parseUtcOffset('-04:00')).toBe(-240);
    expect(parseUtcOffset('+0530')).toBe(330);
    expect(parseUtcOffset('Z')).toBe(0);
    expect(formatUtcOffset(-240)).toBe('-04:00');
    expect(() => parseUtcOffset('4 hours')).toThrow(/bad UTC offset/);
  });
});
