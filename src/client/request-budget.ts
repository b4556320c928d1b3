/**
 * The daily request budget. Gong allows 10,000 requests a day per company and answers a spent
 * quota with a 429 whose Retry-After runs to hours (docs/gong-api.md §2.5). We count every
 * attempt that goes on the wire, retries included, in a persisted per-account, per-UTC-day
 * counter, and stop cleanly at the budget instead of burning requests on refusals.
 *
 * The counter lives behind `BudgetStore` so the database can persist it and share it between
 * processes (its `add` is the atomic arbiter); `InMemoryBudgetStore` serves a single process.
 */
import { createHash } from 'node:crypto';
import { GongQuotaExhaustedError } from '../errors.js';
import { nextUtcMidnight, utcDay } from '../util/time.js';
import { credentialIdentity, type Credentials } from './credentials.js';

/** Persisted request counts per Gong account and UTC day (`YYYY-MM-DD`). */
export interface BudgetStore {
  /** The count so far (0 when none). */
  load(accountKey: string, day: string): Promise<number>;
  /** Adds `n` atomically and returns the new total. */
  add(accountKey: string, day: string, n: number): Promise<number>;
}

/**
 * A `BudgetStore` in process memory: enough for one CLI run, forgotten at exit.
 *
 * @example new GongClient({ apiKey, budget: { store: new InMemoryBudgetStore() } })
 */
export class InMemoryBudgetStore implements BudgetStore {
  readonly #counts = new Map<string, number>();
  async load(accountKey: string, day: string): Promise<number> {
    return this.#counts.get(`${accountKey}\u0000${day}`) ?? 0;
  }
  async add(accountKey: string, day: string, n: number): Promise<number> {
    const key = `${accountKey}\u0000${day}`;
    const total = (this.#counts.get(key) ?? 0) + n;
    this.#counts.set(key, total);
    return total;
  }
}

/** Gong's default daily quota (docs/gong-api.md §2.5). */
export const DEFAULT_DAILY_LIMIT = 10_000;

export interface RequestBudgetOptions {
  /** Requests allowed per UTC day (default 10,000). */
  dailyLimit?: number;
  store?: BudgetStore;
  /** Identifies the Gong account whose quota this is; see `defaultAccountKey`. */
  accountKey: string;
  /**
   * The time that decides the UTC day; the client passes Gong's clock (`serverNow`), which is the
   * local clock until the first response's `Date` header has been seen.
   */
  now: () => number;
}

/**
 * Counts and caps requests per account and UTC day.
 *
 * @example
 * const budget = new RequestBudget({ accountKey: 'acme', now: Date.now });
 * await budget.reserve(); // before each request on the wire
 * budget.remaining();     // 9999
 */
export class RequestBudget {
  readonly dailyLimit: number;
  readonly accountKey: string;
  readonly #store: BudgetStore;
  readonly #now: () => number;
  #day: string | undefined;
  #used = 0;

  constructor(options: RequestBudgetOptions) {
    this.dailyLimit = options.dailyLimit ?? DEFAULT_DAILY_LIMIT;
    this.accountKey = options.accountKey;
    this.#store = options.store ?? new InMemoryBudgetStore();
    this.#now = options.now;
  }

  /** Reads today's persisted count; `used()` and `remaining()` are exact after it. */
  async load(): Promise<number> {
    const day = utcDay(this.#now());
    const used = await this.#store.load(this.accountKey, day);
    this.#day = day;
    this.#used = used;
    return used;
  }

  /**
   * Reserves one request for today, before it is sent.
   * @throws GongQuotaExhaustedError (reason `budget`, resumeAfter = next UTC midnight) when spent
   */
  async reserve(): Promise<void> {
    const now = this.#now();
    const day = utcDay(now);
    if (this.#day !== day) {
      // A new day (or the first request): start from what is persisted, not from our memory.
      this.#used = await this.#store.load(this.accountKey, day);
      this.#day = day;
    }
    if (this.#used >= this.dailyLimit) throw this.#exhausted(now);
    const total = await this.#store.add(this.accountKey, day, 1);
    if (this.#day === day) this.#used = Math.max(this.#used, total);
    // Another process may have taken the last requests between our check and our add.
    if (total > this.dailyLimit) throw this.#exhausted(now);
  }

  /** Requests counted today (as of the last load or reservation). */
  used(): number {
    return this.#day === utcDay(this.#now()) ? this.#used : 0;
  }

  /** Requests left today (as of the last load or reservation). */
  remaining(): number {
    return Math.max(0, this.dailyLimit - this.used());
  }

  #exhausted(now: number): GongQuotaExhaustedError {
    const resumeAfter = new Date(nextUtcMidnight(now));
    return new GongQuotaExhaustedError(
      `The daily request budget of ${this.dailyLimit} is spent for ${utcDay(now)} (UTC); resume after ${resumeAfter.toISOString()}`,
      resumeAfter,
      'budget',
    );
  }
}

/**
 * The default account key: a SHA-256 prefix of the base URL and the access key (or token), so the
 * budget follows the Gong account without storing any credential in clear.
 *
 * @example defaultAccountKey('https://api.gong.io', credentials) // '3f9a1c…' (16 hex digits)
 */
export function defaultAccountKey(baseUrl: string, credentials: Credentials): string {
  return createHash('sha256').update(`${baseUrl}\n${credentialIdentity(credentials)}`).digest('hex').slice(0, 16);
}
