/**
 * Validation of the non-secret settings of a connection: its name (which becomes the
 * `connection_id` of its rows), its rate spec and its schedule.
 */
import { parseRateSpec } from '../client/rate-limiter.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_CONNECTION } from '../store/gong-store.js';
import { isPostgresUrl } from '../store/open-store.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * A connection name: 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit.
 * `default` is the single-company `sync`'s own connection and cannot be added.
 *
 * @example checkConnectionName('acme-eu') // 'acme-eu'
 * @throws ConfigError
 */
export function checkConnectionName(name: string, what = 'connection name'): string {
  if (!NAME.test(name)) {
    throw new ConfigError(`${what} "${name}" is not valid: use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
  if (name === DEFAULT_CONNECTION) throw new ConfigError(`"${DEFAULT_CONNECTION}" is the single-company sync's connection: choose another name`);
  return name;
}

/**
 * A rate spec as `parseRateSpec` reads it (`3/s`, `100/min`, `3/s,100/min`), or `off`.
 *
 * @example checkRate('3/s') // '3/s'
 * @throws ConfigError
 */
export function checkRate(rate: string): string {
  const value = rate.trim();
  if (value === 'off') return value;
  parseRateSpec(value);
  return value;
}

/**
 * Multi-tenant mode needs PostgreSQL: its job queue, advisory locks and shared limits live there.
 *
 * @example requirePostgres(dbLocation(flags.db, cli), 'connections add')
 * @throws ConfigError for a SQLite path
 */
export function requirePostgres(location: string, command: string): string {
  if (!isPostgresUrl(location)) {
    throw new ConfigError(
      `${command} needs PostgreSQL (the job queue, the locks and the shared rate limits live there): pass --db postgres://… or set PANDORA_GONG_DB`,
    );
  }
  return location;
}
