/**
 * The phases of a sales conversation and the sentences each side says in them. A phase's
 * `anchors` are said first, verbatim but for placeholders, so the phrases search and tracker tests
 * look for ("SOC 2", "single sign-on", "pricing", "discount", competitor names…) are certain to
 * occur wherever that phase does.
 *
 * Short phases (greeting, competition, next steps…) say each of their lines at most once and take
 * the time that needs; `elastic` phases (discovery, demo, pricing, security…) stretch to fill
 * the rest of the call, drawing fresh `[slot]` values for every sentence so long calls do not
 * loop over the same words.
 *
 * Placeholders fixed for the whole call: {account} {vendor} {product} {competitor} {competitor2}
 * {competitor3} {seats} {price} {discount} {tool} {team} {buyer} {seller} {day} {region} {quarter}.
 * Placeholders drawn per sentence: `[name]`, from the phase's `slots`.
 */
import type { Agenda } from '../company/types.js';

export type PhaseKey =
  | 'greeting'
  | 'small-talk'
  | 'discovery'
  | 'demo'
  | 'pricing'
  | 'security'
  | 'competition'
  | 'objections'
  | 'legal'
  | 'adoption'
  | 'next-steps'
  | 'wrap-up'
  | 'pitch'
  | 'pipeline'
  | 'forecast'
  | 'coaching';

export type Side = 'seller' | 'buyer';

export interface Phase {
  key: PhaseKey;
  /** Gong's topic name for monologues in this phase; null where Gong finds no topic. */
  topic: string | null;
  /** Relative share of the call's time. */
  weight: number;
  /** Which side speaks first. */
  lead: Side;
  /** Stretches to fill the call; otherwise the phase ends when its lines are said. */
  elastic: boolean;
  anchors: Partial<Record<Side, readonly string[]>>;
  lines: Record<Side, readonly string[]>;
  slots?: Record<string, readonly string[]>;
}

const PROCESSES = ['forecasting', 'pipeline reviews', 'call coaching', 'deal handoffs', 'onboarding new reps', 'CRM hygiene', 'renewal tracking'];
const FEATURES = [
  'the deal board',
  'the activity timeline',
  'the forecast roll-up',
  'the call library',
  'the deal warnings',
  'the coaching scorecards',
  'the pipeline waterfall',
  'the rep leaderboard',
  'the transcript search',
];
const PERSONAS = ['frontline managers', 'the reps', 'RevOps', 'sales leadership'];

export const PHASES: Record<PhaseKey, Phase> = {
  greeting: {
    key: 'greeting',
    topic: 'Call Setup',
    weight: 1,
    lead: 'seller',
    elastic: false,
    anchors: { seller: ['Hi {buyer}, thanks for making the time today.'] },
    lines: {
      seller: [
        'Can you hear me okay?',
        'Great, I think we have everyone.',
        'Before we dive in, does the agenda I sent over still work for you?',
        "I'm recording this for my notes, is that okay with everyone?",
      ],
      buyer: ['Hi {seller}, yes, I can hear you fine.', 'Sure, that works for us.', 'Yes, go ahead, recording is fine.', 'Thanks for having us.'],
    },
  },
  'small-talk': {
    key: 'small-talk',
    topic: 'Small Talk',
    weight: 1,
    lead: 'seller',
    elastic: false,
    anchors: {},
    lines: {
      seller: ['How was your weekend?', 'Are you based in {region} as well?', 'I saw {account} just opened a new office, congratulations.'],
      buyer: ['Pretty good, busy as always.', "It's been a hectic quarter, honestly.", 'Yes, the team is growing fast.', 'The weather has been terrible here all week.'],
    },
  },
  discovery: {
    key: 'discovery',
    topic: 'Discovery',
    weight: 5,
    lead: 'seller',
    elastic: true,
    anchors: { seller: ['To start, can you walk me through how your team handles forecasting today?'] },
    lines: {
      seller: [
        'What are the biggest pain points with [process]?',
        'How many people are involved in [process] today?',
        'How do you handle [process] right now?',
        'Who owns [process] on your side?',
        'What would change for your team if [outcome]?',
        'Is there a budget set aside for this project?',
        'What happens if you do nothing this year?',
        'How are you measuring [metric] right now?',
        'Walk me through what happens after [event].',
      ],
      buyer: [
        'Today we mostly rely on {tool} for [process].',
        'Honestly, [process] is a mess right now.',
        'The team is about {team} people across sales and customer success.',
        'Our biggest issue is that [pain].',
        'We tried to fix [process] last year, but it did not stick.',
        'My manager cares most about [metric].',
        'We have budget approved for this quarter, but it needs to show ROI.',
        'After [event], things usually fall through the cracks.',
      ],
    },
    slots: {
      process: PROCESSES,
      outcome: ['forecasts were accurate to five percent', 'managers got a day back every week', 'new reps ramped in half the time'],
      metric: ['pipeline coverage', 'win rate', 'forecast accuracy', 'ramp time', 'net revenue retention'],
      pain: [
        'forecasting takes our managers a full day every week',
        'nobody trusts the CRM data',
        'reps spend too much time on data entry',
        'we lose context when deals change hands',
        'we have no visibility into what is said on calls',
      ],
      event: ['a first meeting', 'a deal is marked closed won', 'a rep leaves', 'the quarter ends'],
    },
  },
  demo: {
    key: 'demo',
    topic: 'Product Demo',
    weight: 7,
    lead: 'seller',
    elastic: true,
    anchors: { seller: ['Let me share my screen and show you a quick demo of {product}.'] },
    lines: {
      seller: [
        '[show] [feature].',
        'This is where [persona] spend most of their time.',
        'You can filter [feature] by [dimension].',
        'Everything syncs back to Salesforce automatically.',
        'Let me click into one of these so you can see the detail.',
        'Managers can leave comments on any moment of a call.',
      ],
      buyer: [
        'Can you go back to [feature]?',
        'How does [feature] decide what to show?',
        'Can we filter that by [dimension]?',
        "That's really helpful.",
        'Would [persona] get the same view?',
        'How long does the setup usually take?',
      ],
    },
    slots: {
      show: ['Here you can see', 'This screen shows', 'Next, let me show you', 'If I click here, you get'],
      feature: FEATURES,
      persona: PERSONAS,
      dimension: ['region', 'segment', 'rep', 'stage', 'close date'],
    },
  },
  pricing: {
    key: 'pricing',
    topic: 'Pricing',
    weight: 4,
    lead: 'seller',
    elastic: true,
    anchors: {
      seller: [
        "Let's talk about pricing: {product} is priced per seat, at {price} dollars per seat per month on an annual contract.",
        'For {seats} seats we can offer a {discount} percent discount if you sign a two-year agreement.',
      ],
    },
    lines: {
      seller: [
        'That includes onboarding and standard support.',
        'Premium support is an add-on at [addon] dollars a year.',
        'If we can get the paperwork done this quarter I can hold that discount.',
        'Above [tier] seats the price per seat drops further.',
        'The platform fee covers [inclusion].',
        'We can ramp the seats over [ramp].',
      ],
      buyer: [
        "That's higher than we expected.",
        "What's included in the platform fee?",
        'Is there any flexibility on the discount?',
        "We'd need [billing].",
        'Can we start with fewer seats and expand later?',
        "I'll need to run this by [approver].",
        'What happens to the price at renewal?',
      ],
    },
    slots: {
      addon: ['5,000', '8,000', '12,000'],
      tier: ['100', '250', '500'],
      inclusion: ['the analytics module', 'API access', 'a sandbox environment'],
      ramp: ['two quarters', 'the first year', 'three phases'],
      billing: ['monthly billing for the first year', 'quarterly invoicing', 'net sixty payment terms'],
      approver: ['finance', 'our CFO', 'procurement'],
    },
  },
  security: {
    key: 'security',
    topic: 'Security',
    weight: 5,
    lead: 'seller',
    elastic: true,
    anchors: {
      seller: [
        'On security, we are SOC 2 Type II certified and we can share the report under NDA.',
        'We support single sign-on through SAML with Okta, Azure AD and Google.',
      ],
    },
    lines: {
      seller: [
        'We are GDPR compliant and we sign a data processing agreement.',
        'For data residency, you can choose EU or US hosting.',
        'We run an annual third-party pen test and share the executive summary.',
        'All data is encrypted at rest and in transit.',
        'Role-based access controls are included in every plan.',
        '[control] is covered in section [section] of the questionnaire.',
        'Our subprocessors are listed on the trust page.',
      ],
      buyer: [
        'Our security team will need the SOC 2 report.',
        'Do you support single sign-on with [idp]?',
        'Where exactly is the data hosted?',
        'We have customers in Europe, so GDPR and data residency matter a lot.',
        'Can we get the latest pen test results?',
        'How do you handle [control]?',
        'Our InfoSec questionnaire has about two hundred questions.',
      ],
    },
    slots: {
      control: ['Key rotation', 'Access review', 'Incident response', 'Data retention', 'Backup and recovery', 'Vulnerability management'],
      section: ['three', 'four', 'seven', 'twelve'],
      idp: ['Okta', 'Azure AD', 'Google Workspace', 'OneLogin'],
    },
  },
  competition: {
    key: 'competition',
    topic: 'Competition',
    weight: 2,
    lead: 'buyer',
    elastic: false,
    anchors: { buyer: ['We are also looking at {competitor} and {competitor2}.'] },
    lines: {
      seller: [
        'How did your conversation with {competitor} go?',
        'A lot of our customers switched from {competitor2} because of reporting.',
        'Compared to {competitor}, we focus much more on forecasting accuracy.',
        '{competitor3} is a fine tool for small teams, but it does not scale.',
      ],
      buyer: [
        '{competitor} gave us a lower price.',
        'We liked the interface of {competitor2}.',
        'Our previous vendor was {competitor3} and the rollout was painful.',
        'What makes you different from {competitor}?',
      ],
    },
  },
  objections: {
    key: 'objections',
    topic: 'Objections',
    weight: 2,
    lead: 'buyer',
    elastic: false,
    anchors: {},
    lines: {
      seller: [
        'I hear you, timing is always tricky.',
        'What would need to be true for this to move forward?',
        "Many customers had the same concern, and here's what they did.",
        'We can run a pilot with a smaller team to prove the value.',
      ],
      buyer: [
        "I'm not sure we have the bandwidth to roll this out this quarter.",
        'Our reps already have too many tools.',
        'Leadership is worried about adoption.',
        'The budget might get cut next quarter.',
      ],
    },
  },
  legal: {
    key: 'legal',
    topic: 'Legal',
    weight: 3,
    lead: 'seller',
    elastic: false,
    anchors: { seller: ['I sent over the order form and the MSA yesterday.'] },
    lines: {
      seller: [
        'Our legal team reviewed your redlines.',
        'We can accept the limitation of liability change.',
        'The auto-renewal clause is standard, but we can add a ninety-day notice period.',
      ],
      buyer: [
        'Legal is still reviewing the MSA.',
        'We need to loop in legal on the data processing agreement.',
        'Procurement wants net sixty payment terms.',
        'Can we get a termination for convenience clause?',
      ],
    },
  },
  adoption: {
    key: 'adoption',
    topic: 'Adoption',
    weight: 4,
    lead: 'seller',
    elastic: true,
    anchors: { seller: ['How is adoption going across the team?'] },
    lines: {
      seller: [
        'I pulled the usage report before the call.',
        'Looks like [group] are logging in about [frequency].',
        "Renewal is coming up in {quarter}, so I want to make sure we're on track.",
        'We could run a training session for [group].',
        'Have you tried [feature] yet?',
      ],
      buyer: [
        'Adoption is good with [group].',
        "Honestly, [group] haven't really started using it yet.",
        "We'd like a refresher training for the new hires.",
        "We're thinking about adding more seats for [group].",
        'So far [feature] has been the most useful part.',
      ],
    },
    slots: {
      group: ['the sales managers', 'the SDR team', 'the CS team', 'the new hires', 'the enterprise team'],
      frequency: ['three times a week', 'every day', 'once a week'],
      feature: FEATURES,
    },
  },
  'next-steps': {
    key: 'next-steps',
    topic: 'Next Steps',
    weight: 2,
    lead: 'seller',
    elastic: false,
    anchors: { seller: ["For next steps, I'll send the proposal by {day} and we can schedule a follow-up next week."] },
    lines: {
      seller: [
        "I'll loop in our solutions engineer for the technical deep dive.",
        "Should we loop in legal now so the paperwork doesn't slow us down?",
        "I'll send a calendar invite for the follow-up.",
        "I'll share the recording and the slides after the call.",
      ],
      buyer: [
        'Sounds good, send it over.',
        "I'll loop in legal and procurement on our side.",
        "Let's schedule the follow-up for {day}.",
        'I need to check with my manager first.',
      ],
    },
  },
  'wrap-up': {
    key: 'wrap-up',
    topic: null,
    weight: 0.5,
    lead: 'seller',
    elastic: false,
    anchors: {},
    lines: {
      seller: ['Thanks everyone, this was really helpful.', 'Have a great rest of your day.'],
      buyer: ['Thanks, talk soon.', 'Bye everyone.'],
    },
  },
  pitch: {
    key: 'pitch',
    topic: 'Call Setup',
    weight: 2,
    lead: 'seller',
    elastic: false,
    anchors: { seller: ['Hi {buyer}, this is {seller} from {vendor}, did I catch you at a bad time?'] },
    lines: {
      seller: [
        'I am calling because we help revenue teams like yours with [process].',
        'Would you be open to a thirty-minute conversation next week?',
        'Teams your size usually save a day a week on forecasting.',
        'Out of curiosity, how do you handle [process] today?',
        'Would it make sense to include [persona] in the next call?',
      ],
      buyer: [
        "I have a couple of minutes, what's this about?",
        'We already use {competitor} for that.',
        "Send me an email and I'll take a look.",
        'Sure, [slot] works.',
        'To be honest, [process] is not really a priority right now.',
        'You would need to talk to [persona].',
      ],
    },
    slots: { process: PROCESSES, persona: PERSONAS, slot: ['Tuesday afternoon', 'Thursday morning', 'next Monday'] },
  },
  pipeline: {
    key: 'pipeline',
    topic: 'Pipeline',
    weight: 6,
    lead: 'seller',
    elastic: true,
    anchors: { seller: ["Let's go through the commit deals for this quarter, starting with {account}."] },
    lines: {
      seller: [
        '{account} is still in negotiation, they asked for a bigger discount.',
        'I think {account} slips to next quarter.',
        'The security review with {account} is taking longer than planned.',
        "We're at [pct] percent of the number with [weeks] weeks to go.",
        '{account} just moved to [stage].',
        'We need an executive sponsor at {account}.',
      ],
      buyer: [
        '{competitor} is showing up in more of our deals lately.',
        'What is the next step with {account}?',
        'Do we have a champion at {account}, or just a coach?',
        'Can we get their legal team engaged before the end of the month?',
        'What is the close plan for {account}?',
        'How much of that is [category]?',
      ],
    },
    slots: {
      pct: ['sixty', 'seventy', 'eighty', 'ninety'],
      weeks: ['two', 'three', 'four', 'six'],
      stage: ['Proposal', 'Negotiation', 'Discovery'],
      category: ['commit', 'best case', 'pipeline'],
    },
  },
  forecast: {
    key: 'forecast',
    topic: 'Forecast',
    weight: 3,
    lead: 'buyer',
    elastic: true,
    anchors: {},
    lines: {
      seller: ["I'd put {account} in best case, not commit.", 'Pricing approval for {account} needs to go to deal desk.', 'My number for the quarter is [amount].'],
      buyer: ["What's your best case for the quarter?", 'Can we get the discount approved by Friday?', 'How confident are you in [amount]?'],
    },
    slots: { amount: ['1.2 million', '850 thousand', '2 million', '600 thousand'] },
  },
  coaching: {
    key: 'coaching',
    topic: 'Coaching',
    weight: 3,
    lead: 'buyer',
    elastic: true,
    anchors: {},
    lines: {
      seller: ['That makes sense, I will try that on the next call.', 'The pricing objection caught me off guard.', 'I struggled with [skill] on that call.'],
      buyer: [
        'On the last call you jumped to pricing too early.',
        'Try to ask more discovery questions before the demo.',
        'Great job handling the objection about {competitor}.',
        'Let us role-play [skill] for a few minutes.',
      ],
    },
    slots: { skill: ['multi-threading', 'the pricing conversation', 'the discovery questions', 'closing for next steps'] },
  },
};

/** Phases of each agenda, with the chance each optional one happens. */
export const AGENDA_PHASES: Record<Agenda, readonly (readonly [PhaseKey, number])[]> = {
  intro: [['greeting', 1], ['small-talk', 0.7], ['discovery', 1], ['competition', 0.4], ['next-steps', 1], ['wrap-up', 1]],
  discovery: [['greeting', 1], ['small-talk', 0.6], ['discovery', 1], ['competition', 0.5], ['objections', 0.3], ['next-steps', 1], ['wrap-up', 1]],
  demo: [['greeting', 1], ['small-talk', 0.5], ['discovery', 0.6], ['demo', 1], ['competition', 0.4], ['objections', 0.4], ['next-steps', 1], ['wrap-up', 1]],
  pricing: [['greeting', 1], ['pricing', 1], ['competition', 0.6], ['objections', 0.6], ['next-steps', 1], ['wrap-up', 1]],
  security: [['greeting', 1], ['discovery', 0.4], ['security', 1], ['pricing', 0.3], ['next-steps', 1], ['wrap-up', 1]],
  negotiation: [['greeting', 1], ['pricing', 1], ['legal', 1], ['objections', 0.4], ['next-steps', 1], ['wrap-up', 1]],
  'check-in': [['greeting', 1], ['small-talk', 0.8], ['adoption', 1], ['pricing', 0.4], ['next-steps', 1], ['wrap-up', 1]],
  'cold-call': [['pitch', 1], ['discovery', 1], ['competition', 0.3], ['next-steps', 0.6]],
  internal: [['pipeline', 1], ['forecast', 0.7], ['coaching', 0.5], ['wrap-up', 1]],
};
