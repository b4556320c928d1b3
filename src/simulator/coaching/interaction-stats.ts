/**
 * `POST /v2/stats/interaction` truth: each user's interaction stats over a period, the average of
 * the stats of the calls they hosted in it. Gong computes these only for calls it analysed
 * ("calls that have Whisper turned on"), so a call counts once its transcript is ready; internal
 * and imported calls do not count. A call's stats are drawn from its seed and agenda rather than
 * measured on its transcript, which would mean generating every transcript of the period; they
 * are plausible, not equal to the per-call `interaction.interactionStats`.
 */
import type { Company } from '../company/company.js';
import type { Agenda, CompanyCall } from '../company/types.js';
import { hashSeed, Prng } from '../prng.js';

/** The documented names (S1), plus Talk Ratio as `/v2/calls/extensive` reports it. */
export const INTERACTION_STAT_NAMES = ['Talk Ratio', 'Longest Monologue', 'Longest Customer Story', 'Interactivity', 'Patience', 'Question Rate'] as const;
export type InteractionStatName = (typeof INTERACTION_STAT_NAMES)[number];

export interface UserInteractionStats {
  userId: string;
  emailAddress: string;
  /** The calls the averages are over. */
  callIds: string[];
  stats: { name: InteractionStatName; value: number }[];
}

const TALK_RATIO: Partial<Record<Agenda, number>> = { discovery: 0.42, intro: 0.5, demo: 0.66, pricing: 0.55, security: 0.5, negotiation: 0.52, 'check-in': 0.45, 'cold-call': 0.58 };
const round2 = (n: number) => Math.round(n * 100) / 100;

/** One call's stats (seconds for the two lengths and Patience, questions per hour for Question Rate). */
export function callInteractionStats(call: CompanyCall): Record<InteractionStatName, number> {
  const rng = new Prng(hashSeed(call.seed, 'interaction-stats'));
  const seconds = Math.max(30, call.durationSec);
  return {
    'Talk Ratio': round2(Math.min(0.9, Math.max(0.15, (TALK_RATIO[call.agenda] ?? 0.5) + rng.float(-0.12, 0.12)))),
    'Longest Monologue': Math.min(seconds, Math.round(call.agenda === 'demo' ? rng.float(90, 300) : rng.float(25, 160))),
    'Longest Customer Story': Math.min(seconds, Math.round(call.agenda === 'discovery' ? rng.float(60, 240) : rng.float(15, 150))),
    Interactivity: round2(rng.float(2, 9)),
    Patience: round2(rng.float(0.4, 2.2)),
    'Question Rate': round2(call.agenda === 'discovery' ? rng.float(12, 30) : rng.float(4, 18)),
  };
}

/** Whether a call counts toward its host's interaction stats at `atMs`. */
export function countsForInteraction(company: Company, call: CompanyCall, atMs: number): boolean {
  return call.kind !== 'internal' && call.kind !== 'imported' && company.hasTranscriptAt(call, atMs);
}

/**
 * Users' stats over the calls they hosted with `fromMs <= started < toMs`, as known at `atMs`,
 * in the company's user order; users without such a call are left out.
 *
 * @example interactionStats(company, now, Date.parse('2026-05-01T04:00:00Z'), Date.parse('2026-05-08T04:00:00Z'))
 */
export function interactionStats(company: Company, atMs: number, fromMs: number, toMs: number, userIds?: ReadonlySet<string>): UserInteractionStats[] {
  const [lo, hi] = company.callRange(fromMs, toMs);
  const byUser = new Map<string, CompanyCall[]>();
  for (let i = lo; i < hi; i++) {
    const call = company.calls[i]!;
    if (!countsForInteraction(company, call, atMs) || (userIds && !userIds.has(call.primaryUserId))) continue;
    const list = byUser.get(call.primaryUserId);
    if (list) list.push(call);
    else byUser.set(call.primaryUserId, [call]);
  }
  const out: UserInteractionStats[] = [];
  for (const user of company.users) {
    const calls = byUser.get(user.id);
    if (!calls) continue;
    const each = calls.map(callInteractionStats);
    const mean = (name: InteractionStatName) => each.reduce((sum, s) => sum + s[name], 0) / each.length;
    out.push({
      userId: user.id,
      emailAddress: user.emailAddress,
      callIds: calls.map((c) => c.id),
      stats: INTERACTION_STAT_NAMES.map((name) => ({ name, value: name === 'Longest Monologue' || name === 'Longest Customer Story' ? Math.round(mean(name)) : round2(mean(name)) })),
    });
  }
  return out;
}
