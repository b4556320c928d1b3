/**
 * `interaction` of `/v2/calls/extensive`, measured on the transcript. `speakers` lists internal
 * parties only, keyed by the *party* id (docs/gong-api.md §3.3, R2); imported calls have no
 * parties, so no speakers. Video stats exist for video calls only.
 */
import type { Company } from '../company/company.js';
import type { CompanyCall } from '../company/types.js';
import { Prng } from '../prng.js';
import type { InteractionField } from './selector.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** @example toWireInteraction(company, call, new Set(['speakers']), sim.clock.now()).speakers */
export function toWireInteraction(company: Company, call: CompanyCall, fields: ReadonlySet<InteractionField>, atMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const truth = company.hasTranscriptAt(call, atMs) ? company.transcript(call.id) : undefined;
  if (truth) {
    const cast = company.cast(call);
    const sideOf = new Map(cast.members.filter((m) => m.speakerId !== null).map((m) => [m.speakerId!, m.affiliation === 'Internal' ? 'company' : 'other']));
    const talkMs = new Map<string, number>();
    let companyMs = 0, otherMs = 0, longestCompany = 0, longestOther = 0, switches = 0, questionsCompany = 0, questionsOther = 0;
    let lastSide: string | undefined;
    const patience: number[] = [];
    let lastOtherEnd: number | undefined;
    for (const m of truth.monologues) {
      const side = m.speakerId === null ? undefined : sideOf.get(m.speakerId);
      const first = m.sentences[0]!, last = m.sentences[m.sentences.length - 1]!;
      const spoken = m.sentences.reduce((ms, s) => ms + s.end - s.start, 0);
      if (m.speakerId !== null) talkMs.set(m.speakerId, (talkMs.get(m.speakerId) ?? 0) + spoken);
      const asked = m.sentences.filter((s) => s.text.endsWith('?')).length;
      if (side === 'company') {
        companyMs += spoken;
        longestCompany = Math.max(longestCompany, last.end - first.start);
        questionsCompany += asked;
        if (lastOtherEnd !== undefined && lastSide === 'other') patience.push(first.start - lastOtherEnd);
      } else if (side === 'other') {
        otherMs += spoken;
        longestOther = Math.max(longestOther, last.end - first.start);
        questionsOther += asked;
        lastOtherEnd = last.end;
      }
      if (side && lastSide && side !== lastSide) switches++;
      if (side) lastSide = side;
    }
    if (fields.has('speakers') && !call.imported) {
      out.speakers = cast.members
        .filter((m) => m.affiliation === 'Internal' && m.userId && m.speakerId && talkMs.has(m.speakerId))
        .map((m) => ({ id: m.partyId, userId: m.userId!, talkTime: Math.round(talkMs.get(m.speakerId!)! / 1000) }));
    }
    if (fields.has('personInteractionStats')) {
      const minutes = Math.max(1, call.durationSec / 60);
      out.interactionStats = [
        { name: 'Talk Ratio', value: round2(companyMs / Math.max(1, companyMs + otherMs)) },
        { name: 'Longest Monologue', value: Math.round(longestCompany / 1000) },
        { name: 'Longest Customer Story', value: Math.round(longestOther / 1000) },
        { name: 'Interactivity', value: round2(Math.min(10, switches / minutes)) },
        { name: 'Patience', value: round2(patience.length ? patience.reduce((a, b) => a + b, 0) / patience.length / 1000 : 0) },
      ];
    }
    if (fields.has('questions')) out.questions = { companyCount: questionsCompany, nonCompanyCount: questionsOther };
  }
  if (fields.has('video') && call.media === 'Video') {
    const rng = new Prng(call.seed).derive('video');
    const share = (lo: number, hi: number) => Math.round(call.durationSec * rng.float(lo, hi));
    out.video = [
      { name: 'Browser', duration: share(0.05, 0.2) },
      { name: 'Presentation', duration: share(0.1, 0.5) },
      { name: 'WebcamPrimaryUser', duration: share(0.5, 0.95) },
      { name: 'WebcamNonCompany', duration: share(0.3, 0.9) },
    ];
  }
  // Keep Gong's key order (speakers, interactionStats, video, questions) whatever was computed first.
  const ordered: Record<string, unknown> = {};
  for (const key of ['speakers', 'interactionStats', 'video', 'questions']) if (key in out) ordered[key] = out[key];
  return ordered;
}
