import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from '../errors.js';

/**
 * The environment the CLI reads: the process environment over a `.env` file in the working
 * directory, if there is one (README.md, "Configuration"). Real
 * environment variables win over the file, and flags win over both.
 */
export function loadEnvironment(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return { ...env };
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return { ...parsed, ...env };
}

/** A flag's value, else its environment variable, else the default. */
export function setting(flag: string | undefined, env: Record<string, string | undefined>, name: string, fallback?: string): string | undefined {
  if (flag !== undefined) return flag;
  const fromEnv = env[name];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return fallback;
}
