import { GongApiError, GongError, redact } from '../errors.js';

/**
 * One line for any error (README.md, "Errors and exit codes": one line on stderr, and the code):
 * our own errors say what went wrong and what to do; anything else is reported as unexpected, with
 * its stack only when `PANDORA_GONG_DEBUG` is set.
 */
export function describeError(error: unknown, debug = false): string {
  if (error instanceof GongError) {
    const request = error instanceof GongApiError && error.requestId && !error.message.includes(error.requestId) ? ` (Gong requestId ${error.requestId})` : '';
    return oneLine(`${error.message}${request}`);
  }
  const code = (error as { code?: unknown })?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return 'the disk is full: nothing past the last committed page was written; free some space and run the command again';
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return oneLine(`database error (${code}): ${(error as Error).message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${redact(error.stack)}` : '';
  return `unexpected error: ${oneLine(message)}${stack}${debug ? '' : ' (set PANDORA_GONG_DEBUG=1 for details)'}`;
}

function oneLine(text: string): string {
  return redact(text).replace(/\s*\n\s*/g, ' ').trim();
}
