/**
 * The daily request budget without a database: the count starts from the one the last state
 * carried (same account, same UTC day) and every emitted state carries it on, so a platform that
 * schedules reads back to back cannot spend more of Gong's 10,000 a day than `sync` would. A read
 * killed between two states forgets at most the requests of one page.
 */
import type { BudgetStore } from '../client/request-budget.js';
import type { BudgetCount } from './protocol-state.js';

export class StateBudgetStore implements BudgetStore {
  #count: BudgetCount | undefined;

  constructor(seed: BudgetCount | undefined) {
    this.#count = seed;
  }

  async load(accountKey: string, day: string): Promise<number> {
    const c = this.#count;
    return c && c.accountKey === accountKey && c.day === day ? c.used : 0;
  }

  async add(accountKey: string, day: string, n: number): Promise<number> {
    const used = (await this.load(accountKey, day)) + n;
    this.#count = { accountKey, day, used };
    return used;
  }

  /** The count to write in the next state. */
  current(): BudgetCount | undefined {
    return this.#count ? { ...this.#count } : undefined;
  }
}
