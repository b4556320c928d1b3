import type { Writable } from 'node:stream';
import { jsonLinesProgress } from './json-lines-progress.js';
import type { ProgressReporter } from './progress-reporter.js';
import { ttyProgress } from './tty-progress.js';

/** A bar when stderr is a terminal and `--json` was not given; JSON lines otherwise. */
export function createProgress(stderr: Writable & { isTTY?: boolean; columns?: number }, json: boolean): ProgressReporter {
  return !json && stderr.isTTY ? ttyProgress(stderr) : jsonLinesProgress(stderr);
}
