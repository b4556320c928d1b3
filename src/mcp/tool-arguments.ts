import { z } from 'zod';
import { resolveAccount, resolveDeal, UnknownCrmObjectError, type ResolvedCrmObject } from '../crm/query/resolve-crm-object.js';
import { closestAccountNames } from '../crm/query/closest-account-names.js';
import { ConfigError, GongError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import { parseDateArgument } from '../util/time.js';

/** A date argument's schema: the same forms as the CLI's `--since`. */
export const dateSchema = (what: string) =>
  z.string().describe(`${what}: ISO-8601 (2026-09-01, 2026-09-01T09:00:00Z, any offset) or relative to now (30d, 12h)`);

/** The page size argument of list tools. */
export const limitSchema = (fallback: number, max: number) =>
  z.number().int('limit must be a whole number').min(1, 'limit must be at least 1').max(max, `limit must be at most ${max}`).describe(`at most this many (default ${fallback}, at most ${max})`);

/** `since` and `until` as UTC ISO instants; a bad date or an empty range is a sentence saying so. */
export function dateRange(args: { since?: string; until?: string }, now = Date.now()): { since?: string; until?: string } {
  const since = instant('since', args.since, now);
  const until = instant('until', args.until, now);
  if (since !== undefined && until !== undefined && since >= until) throw new ConfigError(`since (${since}) must be before until (${until})`);
  return { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) };
}

function instant(name: string, value: string | undefined, now: number): string | undefined {
  if (value === undefined) return undefined;
  const ms = parseDateArgument(value.trim(), now);
  if (ms === undefined) throw new ConfigError(`${name} "${value}" is not a date: use ISO-8601 (2026-09-01 or 2026-09-01T09:00:00Z) or a relative 30d / 12h`);
  return new Date(ms).toISOString();
}

/**
 * The account a tool's `account` argument names (id, name, domain or a unique part of the
 * name). No match is a sentence naming the closest account names, so the model can ask again.
 */
export async function accountArgument(store: GongStore, text: string): Promise<ResolvedCrmObject> {
  try {
    return await resolveAccount(store, text);
  } catch (error) {
    if (!(error instanceof UnknownCrmObjectError)) throw error;
    const closest = await closestAccountNames(store, text);
    if (closest.length === 0) throw new GongError('no CRM accounts are in the database: import a CRM export with `pandora-gong crm import` to ask by account');
    throw new GongError(`no account matches "${text.trim()}" by id, name or domain; the closest account names are ${closest.map((n) => `"${n}"`).join(', ')}`);
  }
}

/** The deal a tool's `deal` argument names (its id, or its exact name). */
export async function dealArgument(store: GongStore, text: string): Promise<ResolvedCrmObject> {
  try {
    return await resolveDeal(store, text);
  } catch (error) {
    if (!(error instanceof UnknownCrmObjectError)) throw error;
    throw new GongError(`no deal has the id or name "${text.trim()}": account_overview lists an account's deals with their ids`);
  }
}

/** A required text argument: present and not blank. */
export const requiredText = (name: string) => z.string({ error: `${name} is required and must be text` }).trim().min(1, `${name} must not be empty`);
