/**
 * The two things `connections` commands read from standard input: credentials
 * (`--credentials-stdin`, so they never appear in argv) and the confirmation of `remove`.
 */
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { ConfigError } from '../errors.js';

/** Standard input as the commands see it; tests and embedders pass their own. */
export type InputStream = Readable & { isTTY?: boolean };

/** Credentials are small; a runaway pipe is refused rather than buffered. */
const MAX_BYTES = 64 * 1024;

/**
 * All of standard input as text (at most 64 KiB). On a terminal, says how to finish.
 *
 * @example const text = await readAllInput(process.stdin, process.stderr);
 * @throws ConfigError when the input is larger than 64 KiB
 */
export async function readAllInput(input: InputStream, prompt: Writable): Promise<string> {
  if (input.isTTY) prompt.write('Paste the credentials, then press Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BYTES) throw new ConfigError('--credentials-stdin: standard input is larger than 64 KiB; send only the credentials');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Asks the person at the terminal to type `expected` to confirm. Resolves false on anything else.
 *
 * @example if (!(await confirmByTyping(process.stdin, process.stderr, 'Type "acme" to remove it: ', 'acme'))) return 2;
 */
export async function confirmByTyping(input: InputStream, output: Writable, question: string, expected: string): Promise<boolean> {
  const rl = createInterface({ input, output, terminal: Boolean(input.isTTY) });
  try {
    const answer = await rl.question(question);
    return answer.trim() === expected;
  } finally {
    rl.close();
  }
}
