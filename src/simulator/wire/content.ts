/**
 * `content` of `/v2/calls/extensive`, computed from the call's transcript so trackers, topics and
 * action items agree with the words actually said. Gong leaves out what it has not produced,
 * even when asked (docs/gong-api.md §3.3, R2 had no `structure`): nothing transcript-based exists
 * before the transcript is ready, `structure` exists for about a third of calls, the AI summaries
 * (brief, outline, highlights, keyPoints) only for English calls of three minutes or more, and
 * `callOutcome` only for dialer calls.
 */
import type { Company } from '../company/company.js';
import { TOPIC_NAMES } from '../company/trackers.js';
import type { CompanyCall } from '../company/types.js';
import { countPhrase } from '../conversation/key-phrases.js';
import type { PhaseKey } from '../conversation/phases.js';
import type { TranscriptTruth } from '../conversation/transcript.js';
import type { ContentField } from './selector.js';

type Occurrence = { startTime: number; speakerId?: string };

const STRUCTURE_NAMES: Partial<Record<PhaseKey, string>> = {
  greeting: 'Meeting Setup',
  'small-talk': 'Meeting Setup',
  discovery: 'Discovery',
  demo: 'Demo',
  pricing: 'Pricing',
  security: 'Security Review',
  competition: 'Competition',
  objections: 'Objection Handling',
  legal: 'Legal',
  adoption: 'Adoption',
  'next-steps': 'Next Steps',
  'wrap-up': 'Closing',
  pitch: 'Pitch',
  pipeline: 'Pipeline Review',
  forecast: 'Forecast',
  coaching: 'Coaching',
};

const OUTCOMES: Record<string, { id: string; category: string; name: string }> = {
  'Answered - Meeting Set': { id: 'MEETING_BOOKED', category: 'Answered', name: 'Meeting booked' },
  'Answered - Not Interested': { id: 'NOT_INTERESTED', category: 'Answered', name: 'Not interested' },
  'Answered - Call Back Later': { id: 'CALL_BACK_LATER', category: 'Answered', name: 'Call back later' },
  'Got the gatekeeper': { id: 'GATEKEEPER', category: 'Answered', name: 'Reached gatekeeper' },
  'Left Voicemail': { id: 'LEFT_VOICEMAIL', category: 'Not answered', name: 'Left voicemail' },
  'No Answer': { id: 'NO_ANSWER', category: 'Not answered', name: 'No answer' },
};

const seconds = (ms: number) => Math.round(ms / 10) / 100;

/**
 * The `content` object for the requested fields.
 *
 * @example toWireContent(company, call, new Set(['trackers', 'topics']), sim.clock.now())
 */
export function toWireContent(company: Company, call: CompanyCall, fields: ReadonlySet<ContentField>, atMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const truth = company.hasTranscriptAt(call, atMs) ? company.transcript(call.id) : undefined;
  const ai = truth !== undefined && call.language === 'eng' && call.durationSec >= 180;
  if (truth && fields.has('structure') && call.seed % 3 === 0) {
    out.structure = truth.phases.map((p) => ({ name: STRUCTURE_NAMES[p.key] ?? p.key, duration: Math.round((p.endMs - p.startMs) / 1000) }));
  }
  if (truth && fields.has('trackers')) out.trackers = trackers(company, truth, fields.has('trackerOccurrences'));
  if (truth && fields.has('topics')) out.topics = topics(truth);
  if (truth && fields.has('pointsOfInterest')) out.pointsOfInterest = { actionItems: actionItems(truth) };
  if (ai && fields.has('brief')) out.brief = brief(company, call, truth);
  if (ai && fields.has('outline')) out.outline = outline(truth);
  if (ai && fields.has('highlights')) out.highlights = highlights(truth);
  if (fields.has('callOutcome') && call.sdrDisposition && OUTCOMES[call.sdrDisposition]) out.callOutcome = { ...OUTCOMES[call.sdrDisposition] };
  if (ai && fields.has('keyPoints')) out.keyPoints = keyPoints(truth);
  return out;
}

function trackers(company: Company, truth: TranscriptTruth, withOccurrences: boolean): Record<string, unknown>[] {
  return company.trackers.map((tracker) => {
    const byPhrase = new Map<string, Occurrence[]>();
    for (const phrase of tracker.phrases) byPhrase.set(phrase, []);
    for (const m of truth.monologues) {
      for (const s of m.sentences) {
        for (const phrase of tracker.phrases) {
          const n = countPhrase(s.text, phrase);
          for (let k = 0; k < n; k++) byPhrase.get(phrase)!.push(m.speakerId === null ? { startTime: seconds(s.start) } : { startTime: seconds(s.start), speakerId: m.speakerId });
        }
      }
    }
    const all = [...byPhrase.values()].flat().sort((a, b) => a.startTime - b.startTime);
    const item: Record<string, unknown> = { id: tracker.id, name: tracker.name, count: all.length, type: tracker.type };
    if (withOccurrences) {
      item.occurrences = all;
      if (tracker.type === 'KEYWORD') {
        item.phrases = [...byPhrase].filter(([, occ]) => occ.length > 0).map(([phrase, occ]) => ({ count: occ.length, occurrences: occ, phrase }));
      }
    }
    return item;
  });
}

/** Every company topic with the seconds spent on it, zero included (as in R2). */
function topics(truth: TranscriptTruth): { name: string; duration: number }[] {
  const ms = new Map<string, number>();
  for (const m of truth.monologues) {
    if (m.topic === null || m.sentences.length === 0) continue;
    ms.set(m.topic, (ms.get(m.topic) ?? 0) + m.sentences[m.sentences.length - 1]!.end - m.sentences[0]!.start);
  }
  return TOPIC_NAMES.map((name) => ({ name, duration: Math.round((ms.get(name) ?? 0) / 1000) }));
}

/** The seller's promises in the next-steps phase ("I'll send…"). `speakerID` is spelled as Gong spells it. */
function actionItems(truth: TranscriptTruth): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const nextSteps = truth.phases.find((p) => p.key === 'next-steps');
  if (!nextSteps) return items;
  for (const m of truth.monologues) {
    for (const s of m.sentences) {
      if (s.start >= nextSteps.startMs && s.end <= nextSteps.endMs && m.speakerId !== null && /^I'll |I'll send/.test(s.text) && items.length < 3) {
        items.push({ snippetStartTime: seconds(s.start), snippetEndTime: seconds(s.end), speakerID: m.speakerId, snippet: s.text });
      }
    }
  }
  return items;
}

function phaseLabel(key: PhaseKey): string {
  return (STRUCTURE_NAMES[key] ?? key).toLowerCase();
}

function brief(company: Company, call: CompanyCall, truth: TranscriptTruth): string {
  const host = company.userById(call.primaryUserId)!;
  const who = call.accountId ? company.accountById(call.accountId)!.name : call.unknownCompany ?? 'the team';
  const topicsCovered = [...new Set(truth.phases.filter((p) => p.key !== 'greeting' && p.key !== 'wrap-up').map((p) => phaseLabel(p.key)))];
  const competitors = truth.phases.some((p) => p.key === 'competition') ? ` ${who} is also evaluating ${truth.competitors[0]} and ${truth.competitors[1]}.` : '';
  return `${host.firstName} ${host.lastName} met with ${who} to cover ${topicsCovered.join(', ') || 'an update'}.${competitors}`;
}

function outline(truth: TranscriptTruth): Record<string, unknown>[] {
  return truth.phases.map((p) => {
    const first = truth.monologues.find((m) => m.sentences[0]!.start >= p.startMs);
    return {
      section: STRUCTURE_NAMES[p.key] ?? p.key,
      startTime: seconds(p.startMs),
      duration: seconds(p.endMs - p.startMs),
      items: first ? [{ text: first.sentences[0]!.text, startTime: seconds(first.sentences[0]!.start) }] : [],
    };
  });
}

function highlights(truth: TranscriptTruth): Record<string, unknown>[] {
  const sections: Record<string, unknown>[] = [];
  const add = (title: string, phrases: string[]) => {
    const hits = truth.mentions.filter((m) => phrases.includes(m.phrase));
    if (hits.length === 0) return;
    const first = hits[0]!;
    const text = truth.monologues[first.monologueIndex]!.sentences[first.sentenceIndex]!.text;
    sections.push({ title, items: [{ text, startTimes: [...new Set(hits.map((h) => seconds(h.start)))].slice(0, 5) }] });
  };
  add('Pricing', ['pricing', 'per seat', 'discount', 'annual contract']);
  add('Security', ['SOC 2', 'single sign-on', 'SAML', 'GDPR', 'data residency', 'pen test']);
  add('Competition', truth.competitors);
  add('Next steps', ['proposal', 'legal']);
  return sections;
}

function keyPoints(truth: TranscriptTruth): { text: string }[] {
  const said = new Set(truth.mentions.map((m) => m.phrase));
  const points: { text: string }[] = [];
  if (said.has('pricing')) points.push({ text: 'Pricing was presented per seat on an annual contract.' });
  if (said.has('discount')) points.push({ text: 'A discount was discussed in exchange for a longer commitment.' });
  if (said.has('SOC 2')) points.push({ text: 'Security requirements covered SOC 2 Type II and single sign-on.' });
  const named = truth.competitors.filter((c) => said.has(c));
  if (named.length > 0) points.push({ text: `Competitors mentioned: ${named.join(', ')}.` });
  if (said.has('proposal')) points.push({ text: 'Next step: the proposal will be sent and a follow-up scheduled.' });
  if (points.length === 0) points.push({ text: 'General status update; no commercial topics were raised.' });
  return points;
}
