import { describe, expect, it } from 'vitest';
import { safeUrl } from '../../../src/store/postgres/safe-url.js';

describe('safeUrl (database URLs in messages and status)', () => {
  it('hides the password of the user part', () => {
    expect(safeUrl('postgres://pandora:s3cret-pw@db.example:5432/pandora')).toBe('postgres://pandora:***@db.example:5432/pandora');
  });
  it('hides a password given as a query parameter, which pg accepts too', () => {
    const shown = safeUrl('postgres://pandora@db.example/pandora?sslmode=require&password=s3cret-pw&sslpassword=k3y-pass');
    expect(shown).not.toContain('s3cret-pw');
    expect(shown).not.toContain('k3y-pass');
    expect(shown).toContain('sslmode=require');
    expect(safeUrl('postgres://pandora@[bad/pandora?password=s3cret-pw')).not.toContain('s3cret-pw');
  });
  it('leaves a URL without a password as it is', () => {
    expect(safeUrl('postgres://pandora@db.example/pandora')).toBe('postgres://pandora@db.example/pandora');
  });
});
