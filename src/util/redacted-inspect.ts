/**
 * Objects that hold a database connection (a store, an engine, the job queue) keep a `pg` pool
 * whose options carry the URL with its password. `util.inspect`, `console.log` and
 * `JSON.stringify` of them show a one-line description instead of their insides, the way
 * `SecretKey` and the client credentials do.
 */
import { inspect } from 'node:util';

/**
 * Gives `target` a non-enumerable `inspect.custom` and `toJSON` that show only `describe()`
 * (which must not contain a secret: build it from `safeUrl` or a path).
 *
 * @example const engine = describedAs({ kind: 'postgres', pool }, () => `StoreEngine(postgres ${safeUrl(url)})`);
 */
export function describedAs<T extends object>(target: T, describe: () => string, json: () => object = () => ({ description: describe() })): T {
  Object.defineProperties(target, {
    [inspect.custom]: { value: () => describe(), enumerable: false, configurable: true },
    toJSON: { value: json, enumerable: false, configurable: true },
  });
  return target;
}
