/**
 * The company's Gong trackers (docs/gong-api.md §3.3 Tracker: `{id, name, count, type}`). Counts
 * are taken from the transcript text with the same word-bounded matching the ground truth uses, so
 * a tracker count always agrees with what a search of the transcript finds.
 */
import { COMPETITORS } from '../conversation/vocabulary.js';
import type { UniqueIds } from '../ids.js';
import type { Prng } from '../prng.js';
import type { TrackerDefinition } from './types.js';

const DEFINITIONS: readonly Omit<TrackerDefinition, 'id'>[] = [
  { name: 'Competitors', type: 'KEYWORD', phrases: COMPETITORS.map((c) => c.toLowerCase()) },
  { name: 'Pricing', type: 'KEYWORD', phrases: ['pricing', 'per seat', 'price'] },
  { name: 'Discount', type: 'KEYWORD', phrases: ['discount'] },
  { name: 'Security', type: 'KEYWORD', phrases: ['soc 2', 'single sign-on', 'saml', 'gdpr', 'pen test', 'data residency'] },
  { name: 'Legal', type: 'KEYWORD', phrases: ['legal', 'msa', 'redlines'] },
  { name: 'Demo', type: 'KEYWORD', phrases: ['demo'] },
  { name: 'Next Steps', type: 'SMART', phrases: ['next steps', 'follow-up', 'calendar invite'] },
  { name: 'Budget', type: 'SMART', phrases: ['budget', 'roi'] },
  { name: 'Timing', type: 'SMART', phrases: ['this quarter', 'next quarter'] },
  { name: 'Current System', type: 'SMART', phrases: ['spreadsheets', 'salesforce', 'we already use'] },
];

/**
 * The trackers with stable ids for this company.
 *
 * @example generateTrackers(root.derive('trackers'), ids).map((t) => t.name) // ['Competitors', 'Pricing', …]
 */
export function generateTrackers(rng: Prng, ids: UniqueIds): TrackerDefinition[] {
  return DEFINITIONS.map((d) => ({ id: ids.gong(rng), ...d, phrases: [...d.phrases] }));
}

/** Gong's topic names, in the order `content.topics` lists them (every topic, 0 when absent, as in R2). */
export const TOPIC_NAMES = [
  'Call Setup',
  'Small Talk',
  'Discovery',
  'Product Demo',
  'Pricing',
  'Security',
  'Competition',
  'Objections',
  'Legal',
  'Adoption',
  'Next Steps',
  'Pipeline',
  'Forecast',
  'Coaching',
] as const;
