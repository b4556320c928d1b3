import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Tests that spawn worker processes run the built CLI (`dist/`), as users do. `npm test` builds
 * first; a lone `npx vitest run test/integration/workers` builds here when `src/` is newer than
 * `dist/`, under a directory lock so that parallel test files build once.
 */
export async function ensureBuilt(): Promise<void> {
  const stale = () => !existsSync(MAIN) || statSync(MAIN).mtimeMs < newestSource(join(ROOT, 'src'));
  if (!stale()) return;
  const lock = join(ROOT, 'node_modules', '.pandora-gong-build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for another test file to build dist/');
      await sleep(500);
    }
  }
  try {
    if (stale()) {
      try {
        await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')]);
      } catch (error) {
        // tsc emits even with type errors elsewhere in the tree; only a missing CLI is fatal.
        if (!existsSync(MAIN)) throw error;
      }
    }
  } finally {
    rmdirSync(lock);
  }
}
