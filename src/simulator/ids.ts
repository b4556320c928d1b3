/**
 * Id formats the simulator emits. Gong ids are numeric strings of 17–19 digits (docs/gong-api.md §2.3;
 * R2 call ids have all three lengths) that fit a Java long; Salesforce ids are the 18-character
 * form (15 case-sensitive characters plus the 3-character case checksum) with the real key
 * prefixes: 001 Account, 003 Contact, 005 User, 006 Opportunity.
 */
import { randomBytes } from 'node:crypto';
import type { Prng } from './prng.js';
import { salesforceId18 } from '../util/salesforce-id.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type SalesforcePrefix = '001' | '003' | '005' | '006';

/**
 * A numeric Gong id: mostly 19 digits (first digit ≤ 8, so it stays below 2^63), some 17 or 18.
 *
 * @example gongId(new Prng(1)) // e.g. '2753658843780827966'
 */
export function gongId(rng: Prng): string {
  const length = rng.weighted([
    [19, 8],
    [18, 1.5],
    [17, 0.5],
  ] as const);
  return length === 19 ? rng.digits(19, 8) : rng.digits(length);
}


/**
 * A fresh random Salesforce-style id with the given key prefix.
 *
 * @example salesforceId(new Prng(1), '001') // e.g. '0018W0000Qz3kPqAAR'
 */
export function salesforceId(rng: Prng, prefix: SalesforcePrefix): string {
  let body = '';
  for (let i = 0; i < 6; i++) body += BASE62[rng.int(0, 61)];
  return salesforceId18(`${prefix}8W0000${body}`);
}

/**
 * Hands out ids that are unique across the whole company, drawing again on the rare collision.
 *
 * @example const ids = new UniqueIds(); ids.gong(rng); ids.salesforce(rng, '001');
 */
export class UniqueIds {
  private readonly seen = new Set<string>();

  gong(rng: Prng): string {
    return this.unique(() => gongId(rng));
  }

  salesforce(rng: Prng, prefix: SalesforcePrefix): string {
    return this.unique(() => salesforceId(rng, prefix));
  }

  private unique(draw: () => string): string {
    for (;;) {
      const id = draw();
      if (!this.seen.has(id)) {
        this.seen.add(id);
        return id;
      }
    }
  }
}

const REQUEST_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A Gong-like `requestId`: 18–19 lowercase alphanumerics (docs/gong-api.md §2.1, e.g.
 * `4al018gzaztcr8nbukw`). Request ids are not part of the seeded company, so they come from the OS.
 *
 * @example newRequestId() // e.g. '4al018gzaztcr8nbukw'
 */
export function newRequestId(): string {
  const bytes = randomBytes(20);
  const length = 18 + (bytes[0]! & 1);
  let out = '';
  for (let i = 1; i <= length; i++) out += REQUEST_ID_ALPHABET[bytes[i]! % REQUEST_ID_ALPHABET.length];
  return out;
}
