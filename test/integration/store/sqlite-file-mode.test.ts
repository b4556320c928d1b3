import { afterEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../src/store/open-store.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('SQLite database file permissions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgong-mode-'));
  afterEach(() => vi.restoreAllMocks());

  it('creates a new file 0600, and tightens an existing 0644 one to 0600 with one warning line', async () => {
    const file = join(dir, 'store.db');
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
    await (await openStore(file)).close();
    expect(mode(file)).toBe(0o600);
    expect(writes).toEqual([]);

    chmodSync(file, 0o644);
    await (await openStore(file)).close();
    expect(mode(file)).toBe(0o600);
    expect(writes).toEqual([`pandora-gong: warning: ${file} was readable by other users (mode 0644); changed to 0600\n`]);

    // Already private: nothing said.
    await (await openStore(file)).close();
    expect(writes).toHaveLength(1);
  });

  it('leaves a file that is not a database as it was: refused, mode untouched, no warning', async () => {
    const file = join(dir, 'package.json');
    writeFileSync(file, '{"name":"not a database"}\n');
    chmodSync(file, 0o644);
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
    await expect(openStore(file)).rejects.toThrow(/cannot open database .*package\.json: file is not a database/);
    expect(mode(file)).toBe(0o644);
    expect(writes).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
