/**
 * Pagination cursors that behave like Gong's (docs/gong-api.md §2.2): opaque HS256-JWT-looking tokens,
 * bound to the request that started the sequence, expiring a fixed time after the sequence's
 * *first* page (Onyx: "~1 hour from the first request in a pagination sequence").
 *
 * The payload mirrors the decoded example in D4 (`pageSize`, `total`, `pageNumber`, `exp`) plus
 * what the simulator needs to check the next request: a hash of the request's other inputs and
 * the first page's time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface CursorPayload {
  /** 0-based number of the page this cursor fetches. */
  pageNumber: number;
  pageSize: number;
  total: number;
  /** Simulated time of the sequence's first page, epoch ms. */
  firstPageAt: number;
  /** `requestFingerprint` of the request that began the sequence. */
  request: string;
  /** Expiry, epoch seconds (informational; `firstPageAt` + TTL decides). */
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

/**
 * Deterministic JSON: object keys sorted at every level, so equal inputs hash equal.
 *
 * @example canonicalJson({ b: 1, a: 2 }) // '{"a":2,"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A short hash of everything in a request except its cursor ("All other request inputs should
 * remain the same", D1).
 *
 * @example requestFingerprint('GET /v2/calls', { fromDateTime: '2026-01-01T00:00:00Z' })
 */
export function requestFingerprint(endpoint: string, inputs: unknown): string {
  return createHash('sha256').update(`${endpoint}\n${canonicalJson(inputs)}`).digest('base64url').slice(0, 22);
}

/** @example const codec = new CursorCodec('secret'); codec.decode(codec.encode(payload)) */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(payload: CursorPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${HEADER}.${body}.${this.sign(`${HEADER}.${body}`)}`;
  }

  /** The payload, or undefined when the token is malformed or its signature is wrong. */
  decode(token: string): CursorPayload | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as CursorPayload;
      if (!Number.isInteger(payload.pageNumber) || payload.pageNumber < 1 || typeof payload.request !== 'string') return undefined;
      return payload;
    } catch {
      return undefined;
    }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}
