/**
 * Which of an account's deals a call belongs to (docs/crm-linking.md, "Deals"): one that was open
 * when the call started. Rules, in order:
 * 1. Open at the call's start: created on or before it (a deal with no created date has no
 *    lower bound) and not closed before it. `close_date` is a calendar date with no time, so a
 *    deal closing on the day of the call is still open for that call: it counts as open until
 *    the end of its close date (UTC). An open deal whose expected close date has passed is still
 *    open (deals slip). A closed deal without a close date cannot be placed and never matches.
 * 2. Among open deals, those on which a call participant is a contact come first.
 * 3. Then the nearest close date to the call; then the most recently created; then the id.
 * No open deal (a call between a lost deal and the next one, or after every deal closed): the
 * call links to the account only.
 */
import { DAY } from '../../util/time.js';

export interface DealForSelection {
  id: string;
  /** Epoch ms of `created_at`, or null when the CRM gave none. */
  createdMs: number | null;
  /** Epoch ms of the close date's UTC midnight, or null. */
  closeDateMs: number | null;
  /** null when the export said nothing and the stage did not tell. */
  isClosed: boolean | null;
}

export type DealChoice = 'participant' | 'only-open' | 'nearest-close';

/**
 * Whether a deal was open at instant `t` (rule 1).
 *
 * @example isDealOpenAt({ id: '006A', createdMs: Date.parse('2026-01-01'), closeDateMs: Date.parse('2026-03-31'), isClosed: true }, Date.parse('2026-03-31T18:00:00Z')) // true
 */
export function isDealOpenAt(deal: DealForSelection, t: number): boolean {
  if (deal.createdMs !== null && deal.createdMs > t) return false;
  if (deal.isClosed === false) return true;
  if (deal.closeDateMs === null) return deal.isClosed === null;
  return t < deal.closeDateMs + DAY;
}

/**
 * The deal a call at `t` belongs to among `deals` (one account's), and why it was chosen; or
 * undefined when none was open.
 *
 * @example selectDeal(accountDeals, callStartMs, new Set(['006B'])) // { deal: { id: '006B', … }, choice: 'participant' }
 */
export function selectDeal<D extends DealForSelection>(
  deals: readonly D[],
  t: number,
  dealsWithParticipant: ReadonlySet<string>,
): { deal: D; choice: DealChoice } | undefined {
  const open = deals.filter((d) => isDealOpenAt(d, t));
  if (open.length === 0) return undefined;
  if (open.length === 1) return { deal: open[0]!, choice: dealsWithParticipant.has(open[0]!.id) ? 'participant' : 'only-open' };
  const withParticipant = open.filter((d) => dealsWithParticipant.has(d.id));
  const pool = withParticipant.length > 0 ? withParticipant : open;
  const distance = (d: D) => (d.closeDateMs === null ? Number.POSITIVE_INFINITY : Math.abs(d.closeDateMs - t));
  const best = [...pool].sort(
    (a, b) => distance(a) - distance(b) || (b.createdMs ?? -Infinity) - (a.createdMs ?? -Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0]!;
  if (withParticipant.length > 0) return { deal: best, choice: 'participant' };
  return { deal: best, choice: pool.length === 1 ? 'only-open' : 'nearest-close' };
}
