/** Column values from fields of Gong records that may be absent, null or (in drifting payloads) of another type. */
import { gongTimeToUtc } from '../../util/time.js';

/** A string column from a value that may be absent, null, or (in drifting payloads) a number. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A number column from a number or numeric text; null otherwise. */
export function numberOrNull(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** A boolean column from a boolean (or its text); null otherwise. */
export function boolOrNull(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/**
 * Optional timestamps: a value that is not ISO text (the spec's numeric examples,
 * docs/gong-api.md §2.4) is kept in `raw` and leaves the column null rather than failing the
 * whole page. Timestamps that windows depend on (a call's `started`) stay strict.
 */
export function gongTimeToUtcLenient(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return gongTimeToUtc(value);
  } catch {
    return null;
  }
}
