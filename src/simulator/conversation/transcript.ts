/**
 * A call's transcript, generated on demand and always the same for the same call: monologues of
 * consecutive sentences by one speaker (`{speakerId, topic, sentences:[{start,end,text}]}`,
 * docs/gong-api.md §3.4), with millisecond offsets that only increase and never pass the call's end.
 *
 * The conversation follows the phases of the call's agenda (greeting, discovery, demo, pricing,
 * security, competition, objections, next steps…). Gong's own oddities are kept: a few monologues
 * with `speakerId: null`, now and then one whose speaker matches no party, and `topic: null`.
 */
import type { Cast, CastMember } from '../company/cast.js';
import type { CompanyCall } from '../company/types.js';
import { Prng } from '../prng.js';
import { FOREIGN_PHASES, type ForeignLanguage } from './foreign.js';
import { KEY_PHRASES, phraseMatcher } from './key-phrases.js';
import { AGENDA_PHASES, PHASES, type Phase, type PhaseKey, type Side } from './phases.js';
import {
  COMPETITORS,
  CURRENT_TOOLS,
  DISCOUNTS,
  PRICES_PER_SEAT,
  PRODUCT,
  QUARTERS,
  REGIONS,
  VENDOR,
  WEEKDAYS,
} from './vocabulary.js';

export interface SimSentence {
  start: number;
  end: number;
  text: string;
}

export interface SimMonologue {
  speakerId: string | null;
  topic: string | null;
  sentences: SimSentence[];
}

/** Where a key phrase (see `KEY_PHRASES`) was said. */
export interface Mention {
  phrase: string;
  monologueIndex: number;
  sentenceIndex: number;
  /** Milliseconds from the call's start: the sentence's `start`. */
  start: number;
  speakerId: string | null;
}

export interface PhaseSpan {
  key: PhaseKey;
  topic: string | null;
  startMs: number;
  endMs: number;
}

/** A transcript with the facts tests assert on. */
export interface TranscriptTruth {
  callId: string;
  monologues: SimMonologue[];
  phases: PhaseSpan[];
  mentions: Mention[];
  /** The competitors this call's conversation names, in the order of `{competitor}`, `{competitor2}`, `{competitor3}`. */
  competitors: string[];
}

export interface TranscriptInput {
  call: CompanyCall;
  cast: Cast;
  /** The customer's or prospect's company name, if any. */
  counterpart: string | null;
  /** Account names internal meetings talk about. */
  accountNames: readonly string[];
}

const BACKCHANNEL = ['Mm-hmm.', 'Sorry, go ahead.', 'Yeah.', 'Right.'];
const INTERRUPTIONS = ['Sorry, I think I joined the wrong meeting.', 'Hi, this is the front desk, your next visitor has arrived.'];

/**
 * Generates the transcript of a call (also for calls that will never get one: the server decides
 * what to serve).
 *
 * @example
 * const t = generateTranscript({ call, cast, counterpart: 'Acme Corp', accountNames });
 * t.monologues[0].sentences[0].text // 'Hi Jane, thanks for making the time today.'
 */
export function generateTranscript(input: TranscriptInput): TranscriptTruth {
  const { call, cast } = input;
  const rng = new Prng(call.seed).derive('transcript');
  const competitors = rng.sample(COMPETITORS, 3);
  const speakers = cast.members.filter((m) => m.speakerId !== null);
  const sellers = speakers.filter((m) => m.side === 'seller');
  let buyers = speakers.filter((m) => m.side === 'buyer');
  // In internal meetings the host leads and colleagues answer.
  let sellerSide = sellers;
  if (buyers.length === 0) {
    buyers = sellers.length > 1 ? sellers.slice(1) : sellers;
    sellerSide = sellers.length > 1 ? sellers.slice(0, 1) : sellers;
  }
  const fill = placeholders(rng, input, competitors, buyers[0] ?? null, sellerSide[0] ?? null);
  const language = call.language === 'fre' || call.language === 'spa' ? (call.language as ForeignLanguage) : null;

  const phaseKeys = AGENDA_PHASES[call.agenda].filter(([, p]) => p >= 1 || rng.chance(p)).map(([k]) => k);
  const durationMs = call.durationSec * 1000;
  let t = rng.int(1_500, Math.min(20_000, Math.floor(durationMs / 10)));
  const endLimit = durationMs - rng.int(500, Math.min(10_000, Math.floor(durationMs / 20)));
  const strangerAt = cast.strangerSpeakerId ? rng.int(1, Math.max(1, phaseKeys.length - 1)) : -1;

  const monologues: SimMonologue[] = [];
  const phases: PhaseSpan[] = [];
  let previous: CastMember | null = null;
  let full = false;

  /** Adds a monologue; a speaker who goes on after a pause on the same topic continues theirs. */
  const emit = (speakerId: string | null, topic: string | null, sentences: SimSentence[]) => {
    const last = monologues[monologues.length - 1];
    if (last && speakerId !== null && last.speakerId === speakerId && last.topic === topic) last.sentences.push(...sentences);
    else monologues.push({ speakerId, topic, sentences });
  };

  /** Says one sentence at `t` if it fits before the end of the call. */
  const say = (sentences: SimSentence[], text: string): boolean => {
    const end = t + speechMs(rng, text);
    if (end > endLimit) {
      full = true;
      return false;
    }
    sentences.push({ start: t, end, text });
    t = end + rng.int(80, 450);
    return true;
  };

  for (let p = 0; p < phaseKeys.length && !full; p++) {
    const phase = PHASES[phaseKeys[p]!];
    const foreign = language ? (FOREIGN_PHASES[language][phase.key] ?? FOREIGN_PHASES[language].default!) : null;
    const anchors: Record<Side, string[]> = {
      seller: [...((foreign ? foreign.anchors?.seller : phase.anchors.seller) ?? [])],
      buyer: [...((foreign ? foreign.anchors?.buyer : phase.anchors.buyer) ?? [])],
    };
    const lines = foreign ? foreign.lines : phase.lines;
    // A short phase says a shuffled part of its lines once; an elastic one draws lines until its
    // share of the time left (after the short phases still to come) is used up.
    const unsaid: Record<Side, string[]> = {
      seller: rng.sample(lines.seller, rng.int(Math.ceil(lines.seller.length / 2), lines.seller.length)),
      buyer: rng.sample(lines.buyer, rng.int(Math.ceil(lines.buyer.length / 2), lines.buyer.length)),
    };
    const later = phaseKeys.slice(p + 1).map((k) => PHASES[k]);
    const reserved = later.filter((q) => !q.elastic).reduce((ms, q) => ms + estimateMs(q), 0);
    const elasticWeights = phase.weight + later.filter((q) => q.elastic).reduce((w, q) => w + q.weight, 0);
    const phaseEnd = phase.elastic ? t + Math.max(0, endLimit - t - reserved) * (phase.weight / elasticWeights) : Infinity;
    const recent: string[] = [];
    const nextLine = (side: Side): string | undefined => {
      const anchor = anchors[side].shift();
      if (anchor !== undefined) return anchor;
      if (!phase.elastic) return unsaid[side].shift();
      if (t >= phaseEnd) return undefined;
      let line = rng.pick(lines[side]);
      for (let tries = 0; tries < 4 && recent.includes(line); tries++) line = rng.pick(lines[side]);
      recent.push(line);
      if (recent.length > 4) recent.shift();
      return line;
    };
    const span: PhaseSpan = { key: phase.key, topic: phase.topic, startMs: t, endMs: t };
    let side: Side = phase.lead;

    if (p === strangerAt) {
      const sentences: SimSentence[] = [];
      if (say(sentences, rng.pick(INTERRUPTIONS))) emit(cast.strangerSpeakerId, null, sentences);
      t += rng.int(400, 1_500);
    }

    for (let idle = 0; !full && idle < 2; ) {
      const speaker = pickSpeaker(rng, side === 'seller' ? sellerSide : buyers, previous);
      const wanted = side === 'seller' && phase.elastic ? rng.int(2, 5) : rng.int(1, 3);
      const sentences: SimSentence[] = [];
      for (let k = 0; k < wanted; k++) {
        const line = nextLine(side);
        if (line === undefined || !say(sentences, fill(line, phase.slots))) break;
      }
      if (sentences.length > 0) {
        emit(speaker?.speakerId ?? null, rng.chance(0.08) ? null : phase.topic, sentences);
        span.endMs = sentences[sentences.length - 1]!.end;
        previous = speaker;
        idle = 0;
        // Turn-taking gaps, and now and then a longer silence (someone reads, shares a screen).
        t += rng.int(600, 3_000) + (rng.chance(0.12) ? rng.int(4_000, 15_000) : 0);
      } else idle++;
      // Someone says "Mm-hmm." and Gong cannot tell who.
      if (!full && rng.chance(0.02)) {
        const backchannel: SimSentence[] = [];
        if (say(backchannel, rng.pick(BACKCHANNEL))) emit(null, phase.topic, backchannel);
      }
      side = rng.chance(0.85) ? other(side) : side;
    }
    if (span.endMs > span.startMs) phases.push(span);
  }

  return { callId: call.id, monologues, phases, mentions: findMentions(monologues), competitors };
}

/** What a short phase usually takes: its anchors and about three quarters of its lines. */
function estimateMs(phase: Phase): number {
  const lines = (phase.anchors.seller?.length ?? 0) + (phase.anchors.buyer?.length ?? 0) + 0.75 * (phase.lines.seller.length + phase.lines.buyer.length);
  return lines * 5_500;
}

function other(side: Side): Side {
  return side === 'seller' ? 'buyer' : 'seller';
}

/** Roughly 2.3 words a second with a short lead-in, as in natural speech. */
function speechMs(rng: Prng, text: string): number {
  const words = text.split(' ').length;
  return words * rng.int(380, 480) + rng.int(200, 500);
}

function pickSpeaker(rng: Prng, pool: CastMember[], previous: CastMember | null): CastMember | null {
  if (pool.length === 0) return previous;
  const candidates = pool.length > 1 ? pool.filter((m) => m !== previous) : pool;
  return rng.weighted(candidates.map((m) => [m, m.talkWeight] as const));
}

function placeholders(
  rng: Prng,
  input: TranscriptInput,
  competitors: string[],
  buyer: CastMember | null,
  seller: CastMember | null,
): (text: string, slots?: Record<string, readonly string[]>) => string {
  const values: Record<string, string> = {
    account: input.counterpart ?? (input.accountNames.length > 0 ? rng.pick(input.accountNames) : 'the account'),
    vendor: VENDOR,
    product: PRODUCT,
    competitor: competitors[0]!,
    competitor2: competitors[1]!,
    competitor3: competitors[2]!,
    seats: String(rng.int(2, 50) * 10),
    price: String(rng.pick(PRICES_PER_SEAT)),
    discount: String(rng.pick(DISCOUNTS)),
    tool: rng.pick(CURRENT_TOOLS),
    team: String(rng.int(8, 400)),
    buyer: buyer?.firstName ?? 'everyone',
    seller: seller?.firstName ?? 'there',
    day: rng.pick(WEEKDAYS),
    region: rng.pick(REGIONS),
    quarter: rng.pick(QUARTERS),
  };
  // Internal meetings move from one account to the next.
  const accounts = input.counterpart ? [input.counterpart] : rng.sample(input.accountNames, 4);
  let accountTurn = 0;
  return (text, slots) =>
    text
      .replace(/\[(\w+)\]/g, (_, key: string) => (slots?.[key] ? rng.pick(slots[key]) : `[${key}]`))
      .replace(/\{(\w+)\}/g, (_, key: string) => {
        if (key === 'account' && !input.counterpart && accounts.length > 0) return accounts[accountTurn++ % accounts.length]!;
        return values[key] ?? `{${key}}`;
      });
}

function findMentions(monologues: SimMonologue[]): Mention[] {
  const mentions: Mention[] = [];
  monologues.forEach((m, monologueIndex) => {
    m.sentences.forEach((s, sentenceIndex) => {
      for (const phrase of KEY_PHRASES) {
        if (phraseMatcher(phrase).test(s.text)) {
          mentions.push({ phrase, monologueIndex, sentenceIndex, start: s.start, speakerId: m.speakerId });
        }
      }
    });
  });
  return mentions;
}
