import { ConfigError } from '../errors.js';
import { parseDateArgument, parseDuration } from '../util/time.js';

/**
 * Parsers for flag values: each turns bad input into a `ConfigError` (exit 2) that names the
 * flag and the expected form, in one line.
 */
export function dateOption(flag: string, value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDateArgument(value, now);
  if (ms === undefined && parseDuration(value) !== undefined) {
    throw new ConfigError(`${flag} "${value}" reaches back before the year 0000: give a shorter duration or an ISO-8601 date`);
  }
  if (ms === undefined) {
    throw new ConfigError(`${flag} "${value}" is not a date: use ISO-8601 (2026-09-01, 2026-09-01T00:00:00Z, any offset) or a relative 30d / 12h`);
  }
  return ms;
}

export function durationOption(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined) throw new ConfigError(`${flag} "${value}" is not a duration: use e.g. 3d, 12h, 30m, 45s`);
  return ms;
}

export function positiveIntOption(flag: string, value: string | undefined, { allowZero = false } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || (!allowZero && n === 0)) {
    throw new ConfigError(`${flag} "${value}" is not a ${allowZero ? 'non-negative' : 'positive'} whole number`);
  }
  return n;
}

export function choiceOption<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new ConfigError(`${flag} "${value}" is not one of ${choices.join(', ')}`);
  return value as T;
}

export function listOption<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new ConfigError(`${flag} is empty: give one or more of ${choices.join(', ')}`);
  for (const item of items) choiceOption(flag, item, choices);
  return [...new Set(items)] as T[];
}

/** A boolean environment variable: 1/true/yes or 0/false/no. */
export function booleanSetting(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name}="${value}" is not a boolean: use true or false`);
}
