/**
 * `POST /v2/stats/activity/scorecards` truth: scorecards managers filled in on calls. A manager
 * reviews a call days (sometimes weeks) after it happened, so reviews of old calls keep appearing
 * as simulated time passes; a review exists from its `reviewMs` on, and never before the call is
 * visible. Drawn once per company from each call's own seed, so it costs nothing until asked for.
 */
import type { Company } from '../company/company.js';
import type { CompanyCall, CompanyUser } from '../company/types.js';
import { gongId } from '../ids.js';
import { hashSeed, Prng } from '../prng.js';
import type { Scorecard, ScorecardQuestion } from './scorecards.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Share of eligible calls a manager scores. */
const REVIEW_RATE = 0.2;

export type ScorecardVisibility = 'PUBLIC' | 'PRIVATE' | 'OPT_IN_USERS';

export interface ScorecardAnswer {
  questionId: string;
  questionRevisionId: string;
  isOverall: boolean;
  score: number | null;
  answerText: string | null;
  notApplicable: boolean;
  selectedOptions: string[] | null;
}

export interface AnsweredScorecard {
  id: string;
  scorecardId: string;
  scorecardName: string;
  callId: string;
  callStartedMs: number;
  reviewedUserId: string;
  reviewerUserId: string;
  /** When the review was published: it is listed from then on. */
  reviewMs: number;
  visibility: ScorecardVisibility;
  answers: ScorecardAnswer[];
}

const ADVICE = [
  'Ask about the budget owner earlier.',
  'Let the customer finish before answering the objection.',
  'Good discovery; summarise the pains back before the demo.',
  'Confirm the next meeting while everyone is still on the call.',
  'Less feature tour, more of their use case.',
];
const ACCOUNT_NOTES = ['Usage is up since the rollout.', 'New VP of Sales; set up an intro.', 'Wants the EU data residency roadmap.', 'Renewal risk: evaluating a competitor.'];

/**
 * Every review the company will ever have, ordered by review time then id.
 *
 * @example buildAnsweredScorecards(company, scorecards).filter((a) => a.reviewMs <= sim.clock.now())
 */
export function buildAnsweredScorecards(company: Company, scorecards: readonly Scorecard[]): AnsweredScorecard[] {
  const managers = company.users.filter((u) => u.role === 'Manager');
  const out: AnsweredScorecard[] = [];
  const seen = new Set<string>();
  for (const call of company.calls) {
    if (call.kind === 'imported' || call.kind === 'internal') continue;
    const host = company.userById(call.primaryUserId);
    if (!host) continue;
    const scorecard = scorecards.find((s) => s.enabled && s.workspaceId === call.workspaceId && s.agendas.includes(call.agenda) && s.hostRoles.includes(host.role));
    if (!scorecard) continue;
    const rng = new Prng(hashSeed(call.seed, 'scorecard-review'));
    if (!rng.chance(REVIEW_RATE)) continue;
    const reviewer = reviewerOf(company, host, managers, rng);
    if (!reviewer) continue;
    const endMs = call.startedMs + call.durationSec * 1000;
    const lag = Math.round(rng.logNormal(4 * DAY, 0.9, 3 * HOUR, 40 * DAY));
    let id = gongId(rng);
    while (seen.has(id)) id = gongId(rng);
    seen.add(id);
    out.push({
      id,
      scorecardId: scorecard.id,
      scorecardName: scorecard.name,
      callId: call.id,
      callStartedMs: call.startedMs,
      reviewedUserId: host.id,
      reviewerUserId: reviewer.id,
      reviewMs: Math.floor((Math.max(endMs, call.visibleAt) + lag) / 1000) * 1000,
      visibility: rng.weighted([['PUBLIC', 80], ['OPT_IN_USERS', 12], ['PRIVATE', 8]] as const),
      answers: answersFor(call, scorecard.questions, rng),
    });
  }
  return out.sort((a, b) => a.reviewMs - b.reviewMs || (a.id < b.id ? -1 : 1));
}

/** The host's manager, else any other manager. */
function reviewerOf(company: Company, host: CompanyUser, managers: readonly CompanyUser[], rng: Prng): CompanyUser | undefined {
  const manager = host.managerId ? company.userById(host.managerId) : undefined;
  if (manager && manager.id !== host.id) return manager;
  const others = managers.filter((m) => m.id !== host.id);
  return others.length > 0 ? rng.pick(others) : undefined;
}

function answersFor(call: CompanyCall, questions: readonly ScorecardQuestion[], rng: Prng): ScorecardAnswer[] {
  // One quality per call, so a call's answers agree with each other and with its overall score.
  const quality = rng.float(0, 1);
  return questions.map((q) => {
    const base = { questionId: q.id, questionRevisionId: q.revisionId, isOverall: q.isOverall };
    if (!q.isOverall && rng.chance(0.06)) return { ...base, score: null, answerText: null, notApplicable: true, selectedOptions: null };
    switch (q.type) {
      case 'RANGE': {
        const min = q.minRange ?? 1, max = q.maxRange ?? 5;
        const score = Math.min(max, Math.max(min, Math.round(min + quality * (max - min) + rng.float(-0.8, 0.8))));
        return { ...base, score, answerText: null, notApplicable: false, selectedOptions: null };
      }
      case 'SINGLE_CHOICE':
        return { ...base, score: null, answerText: null, notApplicable: false, selectedOptions: [q.options[quality > 0.6 ? 0 : rng.int(0, q.options.length - 1)]!.id] };
      case 'MULTIPLE_CHOICE': {
        const picked = rng.sample(q.options, rng.int(1, q.options.length));
        return { ...base, score: null, answerText: null, notApplicable: false, selectedOptions: q.options.filter((o) => picked.includes(o)).map((o) => o.id) };
      }
      case 'TEXT':
        return { ...base, score: null, answerText: rng.pick(call.kind === 'external' && call.agenda === 'check-in' ? ACCOUNT_NOTES : ADVICE), notApplicable: false, selectedOptions: null };
    }
  });
}
