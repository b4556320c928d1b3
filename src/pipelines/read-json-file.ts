/** Reads a JSON file a protocol command was given, with a message that names the flag. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

export function readJsonFile(path: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${flag} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The message of JSON.parse quotes the text, which may be a secret: say where, not what.
    throw new ConfigError(`${flag} ${path}: not valid JSON`);
  }
}
