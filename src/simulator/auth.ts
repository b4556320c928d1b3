/**
 * Authentication as Gong does it (docs/gong-api.md §1.2–1.4): Basic with the access key and secret,
 * or a Bearer token whose scopes decide which endpoints it may call. Basic keys may call
 * everything.
 */
import { timingSafeEqual } from 'node:crypto';

export interface Credentials {
  accessKey: string;
  accessKeySecret: string;
}

/** Fixed, non-secret values a local simulator accepts unless told otherwise. */
export const DEMO_CREDENTIALS: Readonly<Credentials> = Object.freeze({
  accessKey: 'pandora-simulator-key',
  accessKeySecret: 'pandora-simulator-not-a-secret',
});

export type Principal = { kind: 'basic' } | { kind: 'bearer'; scopes: ReadonlySet<string> };

/**
 * The caller behind an `Authorization` header, or undefined when it is missing or wrong.
 *
 * @example authenticate('Basic ' + btoa('key:secret'), { accessKey: 'key', accessKeySecret: 'secret' }, {})
 */
export function authenticate(header: string | undefined, credentials: Credentials, tokens: Readonly<Record<string, readonly string[]>>): Principal | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space < 0 || value === '') return undefined;
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return same(decoded, `${credentials.accessKey}:${credentials.accessKeySecret}`) ? { kind: 'basic' } : undefined;
  }
  if (scheme === 'bearer') {
    for (const [token, scopes] of Object.entries(tokens)) if (same(value, token)) return { kind: 'bearer', scopes: new Set(scopes) };
  }
  return undefined;
}

/**
 * Whether the caller may use `scope`; scopes apply to Bearer tokens only (docs/gong-api.md §1.4).
 *
 * @example allows({ kind: 'bearer', scopes: new Set(['api:users:read']) }, 'api:users:read') // true
 */
export function allows(principal: Principal, scope: string): boolean {
  return principal.kind === 'basic' || principal.scopes.has(scope);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
