import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const OPEN_STORE = fileURLToPath(new URL('../../dist/store/open-store.js', import.meta.url));

/**
 * Opens (and so migrates) the store at `location` from `count` separate Node processes started
 * together, as a fleet of workers does; resolves with each one's exit code and stderr.
 */
export async function openStoreInProcesses(location: string, count: number): Promise<{ code: number | null; stderr: string }[]> {
  const script = `const { openStore } = await import(${JSON.stringify(OPEN_STORE)}); const s = await openStore(process.argv[1]); await s.close();`;
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, location], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      return new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
    }),
  );
}
