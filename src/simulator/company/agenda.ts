/**
 * What a call is about: its agenda (from the deal's stage when it was booked), its title in the
 * forms Gong shows ("Acme <> Northwind - Pricing review"), its purpose, the dialer disposition and
 * its length.
 */
import type { Prng } from '../prng.js';
import type { Agenda, CallKind, CompanyUser, ExternalPerson } from './types.js';

const AGENDA_TITLES: Record<Agenda, readonly string[]> = {
  intro: ['Intro', 'Introductions', 'Intro call'],
  discovery: ['Discovery call', 'Follow up Discussion', 'Discovery'],
  demo: ['Product demo', 'Platform walkthrough', 'Demo'],
  pricing: ['Pricing review', 'Commercials', 'Pricing & packaging'],
  security: ['Security review', 'InfoSec questionnaire review', 'SSO & security deep dive'],
  negotiation: ['Contract negotiation', 'Redlines review', 'Order form review'],
  'check-in': ['Quarterly business review', 'Check-in', 'Renewal planning'],
  'cold-call': ['Call'],
  internal: ['Weekly pipeline review', 'Forecast call', 'Deal desk', 'SE team sync', 'Win/loss review', '1:1'],
};

export const PURPOSES: Record<Agenda, string> = {
  intro: 'Intro Call',
  discovery: 'Discovery Call',
  demo: 'Demo Call',
  pricing: 'Pricing Call',
  security: 'Security Review',
  negotiation: 'Negotiation',
  'check-in': 'Customer Check-in',
  'cold-call': 'Cold Call',
  internal: 'Internal Meeting',
};

export const DISPOSITIONS = [
  ['Answered - Meeting Set', 25],
  ['Answered - Not Interested', 20],
  ['Answered - Call Back Later', 20],
  ['Got the gatekeeper', 15],
  ['Left Voicemail', 15],
  ['No Answer', 5],
] as const;

/**
 * The agenda of a customer call, from the deal's stage at booking time.
 *
 * @example agendaFor(rng, 'Proposal', false) // 'pricing', 'demo' or 'security'
 */
export function agendaFor(r: Prng, stage: string | undefined, customer: boolean): Agenda {
  switch (stage) {
    case 'Prospecting':
      return r.weighted([['intro', 40], ['discovery', 60]] as const);
    case 'Discovery':
      return r.weighted([['discovery', 50], ['demo', 50]] as const);
    case 'Proposal':
      return r.weighted([['demo', 30], ['pricing', 45], ['security', 25]] as const);
    case 'Negotiation':
      return r.weighted([['pricing', 30], ['negotiation', 40], ['security', 30]] as const);
    case 'Closed Won':
      return 'check-in';
    default:
      return customer ? 'check-in' : r.weighted([['intro', 50], ['discovery', 50]] as const);
  }
}

/**
 * Call length in seconds: log-normal around 25–30 minutes for meetings, a few minutes for
 * dialer calls (some under a minute, which never get a transcript), some over an hour, and a
 * marathon of nearly four hours now and then.
 *
 * @example callDuration(rng, 'external', 'demo', false, false) // e.g. 1904
 */
export function callDuration(r: Prng, kind: CallKind, agenda: Agenda, marathon: boolean, needsTranscript: boolean): number {
  if (marathon) return r.int(13_500, 14_600);
  // Dialer calls under a minute (no answer, voicemail) never get a transcript.
  if (kind === 'dialer') return r.chance(0.05) && !needsTranscript ? r.int(20, 59) : Math.round(r.logNormal(260, 0.6, 60, 1800));
  if (r.chance(0.025)) return r.int(3_700, 6_000);
  const median = agenda === 'demo' || agenda === 'security' || agenda === 'pricing' ? 1_900 : kind === 'internal' ? 1_700 : 1_500;
  return Math.round(r.logNormal(median, 0.35, 420, 3_500));
}

/**
 * The call's title as Gong shows it.
 *
 * @example titleFor(rng, 'pricing', 'external', 'Acme', 'Northwind', person, host, undefined) // 'Acme <> Northwind - Pricing review'
 */
export function titleFor(
  r: Prng,
  agenda: Agenda,
  kind: CallKind,
  counterpart: string,
  vendor: string,
  person: ExternalPerson | undefined,
  host: CompanyUser,
  second: CompanyUser | undefined,
): string {
  const topic = r.pick(AGENDA_TITLES[agenda]);
  if (kind === 'dialer') return person ? `Call with ${person.firstName} ${person.lastName} (${counterpart})` : 'Outbound call';
  if (kind === 'internal') {
    if (topic === '1:1') return `${host.firstName} / ${second?.firstName ?? 'Manager'} 1:1`;
    if (topic === 'Deal desk') return `Deal desk: ${r.pick(['Q3 approvals', 'non-standard terms', 'discount approvals'])}`;
    return topic;
  }
  return r.weighted([
    [`${counterpart} <> ${vendor} - ${topic}`, 50],
    [`${vendor} / ${counterpart}: ${topic}`, 25],
    [`${topic} - ${counterpart}`, 25],
  ] as const);
}
