#!/usr/bin/env node
import { processRuntime } from './cli-runtime.js';
import { runCli } from './program.js';

// First SIGINT/SIGTERM: stop between pages, commit, release the lock, exit. Second: leave now
// (what was committed stays committed; the next run resumes from it).
const controller = new AbortController();
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (++signals > 1) {
      // Leave at once, but say so in words: the run's summary will not come.
      process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}pandora-gong: stopped at once on a second ${signal}; what was committed stays, and the next run resumes from it\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    controller.abort(new Error(`received ${signal}`));
  });
}

process.exitCode = await runCli(process.argv, processRuntime(controller.signal));
