/**
 * Who an erasure is about, as the database may keep it: a salted SHA-256 of the normalised
 * address or number. The salt is random per database and connection, so a hash in one database
 * says nothing in another, and the address cannot be looked up from a table of common addresses.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ConfigError } from '../errors.js';

export type ErasureKind = 'email' | 'phone';

/** An address as Gong and CRMs spell it differently: trimmed, lower-cased. */
export function normalizeErasedEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ConfigError(`--email ${JSON.stringify(value)} is not an e-mail address`);
  return email;
}

/** A phone number by its digits alone (`+1 (555) 010-2030` and `15550102030` are one number). */
export function normalizeErasedPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 17) throw new ConfigError(`--phone ${JSON.stringify(value)} is not a phone number (6 to 17 digits, with the country code)`);
  return digits;
}

/** @example subjectHash(salt, 'email', 'jane@acme.com') // '9f2c…' (64 hex characters) */
export function subjectHash(salt: string, kind: ErasureKind, normalized: string): string {
  return createHash('sha256').update(`${salt}\u0000${kind}\u0000${normalized}`).digest('hex');
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The erased people of one connection, to leave their calls and their Gong user out of later
 * syncs. Addresses and numbers are hashed the way `erase` recorded them.
 */
export class ErasedPeople {
  constructor(
    private readonly salt: string,
    private readonly hashes: ReadonlySet<string>,
  ) {}

  get size(): number {
    return this.hashes.size;
  }

  hasEmail(value: unknown): boolean {
    if (this.hashes.size === 0 || typeof value !== 'string' || value.trim() === '') return false;
    return this.hashes.has(subjectHash(this.salt, 'email', value.trim().toLowerCase()));
  }

  hasPhone(value: unknown): boolean {
    if (this.hashes.size === 0 || typeof value !== 'string') return false;
    const digits = value.replace(/\D/g, '');
    return digits.length >= 6 && this.hashes.has(subjectHash(this.salt, 'phone', digits));
  }

  /** Whether any party of a call is an erased person. */
  touchesCall(parties: readonly { emailAddress?: unknown; phoneNumber?: unknown }[] | null | undefined): boolean {
    if (this.hashes.size === 0 || !Array.isArray(parties)) return false;
    return parties.some((p) => this.hasEmail(p?.emailAddress) || this.hasPhone(p?.phoneNumber));
  }
}
