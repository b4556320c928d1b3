/**
 * `GET /v2/settings/scorecards` truth: the company's scorecards and their questions, shaped like
 * the R1 recording (fixture settings-scorecards.real-trimmed.json). Each scorecard also says which
 * calls managers fill it in for (`agendas`, `hostRoles`), which decides the answered scorecards.
 * Question types besides `RANGE` (the only one R1 shows) are named as Gong's UI names them;
 * their wire spelling is unverified.
 */
import type { Company } from '../company/company.js';
import type { Agenda, SalesRole } from '../company/types.js';
import { gongId } from '../ids.js';
import { hashSeed, Prng } from '../prng.js';

const DAY = 86_400_000;

export type QuestionType = 'RANGE' | 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'TEXT';

export interface ScorecardQuestion {
  id: string;
  revisionId: string;
  text: string;
  isOverall: boolean;
  type: QuestionType;
  answerGuide: string | null;
  /** For `RANGE` questions; null otherwise. */
  minRange: number | null;
  maxRange: number | null;
  options: { id: string; text: string }[];
}

export interface Scorecard {
  id: string;
  name: string;
  workspaceId: string;
  enabled: boolean;
  /** `-1` for the built-in one, as R1 shows. */
  updaterUserId: string;
  createdMs: number;
  updatedMs: number;
  reviewMethod: 'MANUAL';
  questions: ScorecardQuestion[];
  /** The calls it is used on: their agenda and their host's role. */
  agendas: Agenda[];
  hostRoles: SalesRole[];
}

interface QuestionSpec {
  text: string;
  type: QuestionType;
  overall?: boolean;
  guide?: string;
  options?: string[];
}

interface ScorecardSpec {
  name: string;
  successWorkspace?: boolean;
  enabled: boolean;
  builtIn?: boolean;
  agendas: Agenda[];
  hostRoles: SalesRole[];
  questions: QuestionSpec[];
}

const OVERALL: QuestionSpec = { text: 'Overall, how well did the call go?', type: 'RANGE', overall: true, guide: '1 = needs a redo, 5 = a model call for the library' };

const SPECS: readonly ScorecardSpec[] = [
  {
    name: 'AE Discovery Call Scorecard',
    enabled: true,
    agendas: ['intro', 'discovery'],
    hostRoles: ['AE'],
    questions: [
      OVERALL,
      { text: "Did the AE uncover the customer's business pain?", type: 'RANGE' },
      { text: 'Did the AE identify the decision maker and the buying process?', type: 'RANGE' },
      { text: 'Which qualification areas were covered?', type: 'MULTIPLE_CHOICE', options: ['Budget', 'Authority', 'Need', 'Timeline'] },
      { text: 'What should the AE do differently next time?', type: 'TEXT' },
    ],
  },
  {
    name: 'AE Demo Call Scorecard',
    enabled: true,
    agendas: ['demo', 'pricing', 'security', 'negotiation'],
    hostRoles: ['AE', 'SE'],
    questions: [
      OVERALL,
      { text: 'Did the AE tailor the demo to the pains found in discovery?', type: 'RANGE' },
      { text: "How well did the AE handle the customer's concerns?", type: 'RANGE' },
      { text: 'Was a clear next step agreed?', type: 'SINGLE_CHOICE', options: ['Yes, with a date', 'Yes, without a date', 'No'] },
    ],
  },
  {
    name: 'SDR Cold Call Scorecard',
    enabled: true,
    agendas: ['cold-call'],
    hostRoles: ['SDR'],
    questions: [
      OVERALL,
      { text: 'Did the SDR earn the right to continue past the opener?', type: 'RANGE', guide: 'Listen to the first 30 seconds' },
      { text: 'Outcome of the call', type: 'SINGLE_CHOICE', options: ['Meeting booked', 'Call back later', 'Not interested'] },
    ],
  },
  {
    name: 'CSM Check-in Scorecard',
    successWorkspace: true,
    enabled: true,
    agendas: ['check-in', 'discovery', 'intro'],
    hostRoles: ['CSM'],
    questions: [
      OVERALL,
      { text: 'Did the CSM review adoption against the success plan?', type: 'RANGE' },
      { text: 'Risks raised', type: 'MULTIPLE_CHOICE', options: ['Low usage', 'Champion left', 'Budget cuts', 'Competitor evaluation'] },
      { text: 'Notes for the account plan', type: 'TEXT' },
    ],
  },
  {
    name: 'AE Demo Call Long Scorecard',
    enabled: false,
    builtIn: true,
    agendas: [],
    hostRoles: [],
    questions: [
      OVERALL,
      { text: 'Did the AE offer a pilot? Were success criteria set?', type: 'RANGE' },
      { text: "How well did the AE handle the customer's concerns?", type: 'RANGE' },
    ],
  },
];

/**
 * The company's scorecards, enabled ones first.
 *
 * @example buildScorecards(company).map((s) => s.name) // ['AE Discovery Call Scorecard', …]
 */
export function buildScorecards(company: Company): Scorecard[] {
  const historyStart = company.calls[0]?.startedMs ?? company.now;
  const managers = company.users.filter((u) => u.role === 'Manager' || u.role === 'RevOps');
  return SPECS.map((spec) => {
    const rng = new Prng(hashSeed(company.seed, 'scorecard', spec.name));
    const createdMs = Math.floor((historyStart - rng.int(30, 700) * DAY) / 1000) * 1000;
    const updatedMs = spec.builtIn ? createdMs : createdMs + rng.int(0, 20) * DAY;
    const workspace = spec.successWorkspace && company.workspaces[1] ? company.workspaces[1] : company.workspaces[0]!;
    return {
      id: gongId(rng),
      name: spec.name,
      workspaceId: workspace.id,
      enabled: spec.enabled,
      updaterUserId: spec.builtIn || managers.length === 0 ? '-1' : rng.pick(managers).id,
      createdMs,
      updatedMs,
      reviewMethod: 'MANUAL' as const,
      agendas: [...spec.agendas],
      hostRoles: [...spec.hostRoles],
      questions: spec.questions.map((q, i) => ({
        id: gongId(rng),
        revisionId: gongId(rng),
        text: q.text,
        isOverall: q.overall === true,
        type: q.type,
        answerGuide: q.guide ?? null,
        minRange: q.type === 'RANGE' ? 1 : null,
        maxRange: q.type === 'RANGE' ? 5 : null,
        options: (q.options ?? []).map((text, k) => ({ id: String(hashSeed(company.seed, spec.name, i, k) % 900_000_000 + 100_000_000), text })),
      })),
    };
  });
}
