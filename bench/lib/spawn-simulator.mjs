// Starts `pandora-gong simulate` as its own process, so the simulator's memory and CPU never
// count against the process being measured. Resolves to { url, accessKey, accessKeySecret, stop }.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export function spawnSimulator(args) {
  const child = spawn(process.execPath, [CLI, 'simulate', '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (data) => {
      buffer += data;
      const line = buffer.split('\n')[0];
      if (!buffer.includes('\n')) return;
      const info = JSON.parse(line);
      resolve({
        ...info,
        async log() {
          return (await fetch(`${info.url}/__simulator/log`)).json();
        },
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.on('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
