import { describe, expect, it } from 'vitest';
import { dateOption } from '../../../src/cli/cli-options.js';
import { ConfigError } from '../../../src/errors.js';

describe('dateOption', () => {
  const now = Date.UTC(2026, 10, 24);
  it('takes ISO dates and relative durations', () => {
    expect(dateOption('--since', '2026-09-01', now)).toBe(Date.UTC(2026, 8, 1));
    expect(dateOption('--since', '30d', now)).toBe(now - 30 * 86_400_000);
    expect(dateOption('--since', undefined, now)).toBeUndefined();
  });
  it('refuses a relative date beyond the year 0000 as configuration (exit 2), not as an unexpected "Invalid time value"', () => {
    expect(() => dateOption('--since', '999999999d', now)).toThrow(ConfigError);
    expect(() => dateOption('--since', '99999999d', now)).toThrow(/--since "99999999d" reaches back before the year 0000/);
    expect(() => dateOption('--until', 'someday', now)).toThrow(/--until "someday" is not a date/);
  });
});
