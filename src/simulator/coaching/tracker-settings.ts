/**
 * `GET /v2/settings/trackers` truth: the settings behind the trackers that already fire in
 * `/v2/calls/extensive` content (same ids, names and phrases). Gong's built-in trackers have no
 * creator or updater (R1); the others were set up by a RevOps or manager seat. Smart trackers are
 * listed too, with the phrases the simulator counts as their keywords, so every tracker a call
 * reports has settings to join with.
 */
import type { Company } from '../company/company.js';
import type { CompanyUser, TrackerDefinition } from '../company/types.js';
import { hashSeed, Prng } from '../prng.js';

const DAY = 86_400_000;
const BUILT_IN = new Set(['Competitors', 'Pricing', 'Next Steps', 'Budget', 'Timing']);
const TOPICS: Record<string, string[]> = { Pricing: ['Pricing'], Discount: ['Pricing'], Security: ['Security'], Legal: ['Legal'], Demo: ['Product Demo'] };
/** Trackers the Customer Success workspace owns when the company has one. */
const SUCCESS_TRACKERS = new Set(['Current System', 'Timing']);

export interface TrackerSettings {
  id: string;
  name: string;
  type: TrackerDefinition['type'];
  workspaceId: string;
  /** ISO 639-2/B, or `mul`. */
  language: string;
  keywords: string[];
  includeRelatedForms: boolean;
  affiliation: 'Anyone' | 'Company' | 'NonCompany';
  partOfQuestion: boolean;
  saidAt: 'Anytime' | 'First' | 'Last';
  saidAtInterval: number | null;
  saidAtUnit: string | null;
  saidInTopics: string[];
  filterQuery: string;
  createdMs: number;
  /** Sub-millisecond digits of `created`/`updated` (trackers carry 6 fractional digits, R1). */
  micros: number;
  creatorUserId: string | null;
  updatedMs: number;
  updaterUserId: string | null;
}

/**
 * Every tracker's settings, in the order of `company.trackers`.
 *
 * @example buildTrackerSettings(company).find((t) => t.name === 'Pricing')?.keywords // ['pricing', 'per seat', 'price']
 */
export function buildTrackerSettings(company: Company): TrackerSettings[] {
  const admins = company.users.filter((u) => u.role === 'RevOps' || u.role === 'Manager');
  const historyStart = company.calls[0]?.startedMs ?? company.now;
  return company.trackers.map((tracker) => {
    const rng = new Prng(hashSeed(company.seed, 'tracker-settings', tracker.id));
    const builtIn = BUILT_IN.has(tracker.name);
    const workspace = SUCCESS_TRACKERS.has(tracker.name) && company.workspaces[1] ? company.workspaces[1] : company.workspaces[0]!;
    const creator: CompanyUser | null = builtIn || admins.length === 0 ? null : rng.pick(admins);
    const createdMs = historyStart - rng.int(60, 900) * DAY - rng.int(0, DAY);
    const edited = rng.chance(0.5);
    const updatedMs = edited ? createdMs + rng.int(1, 50) * DAY + rng.int(0, DAY) : createdMs;
    const saidAt = tracker.name === 'Next Steps' ? 'Last' : tracker.name === 'Current System' ? 'First' : 'Anytime';
    return {
      id: tracker.id,
      name: tracker.name,
      type: tracker.type,
      workspaceId: workspace.id,
      language: tracker.name === 'Competitors' ? 'mul' : 'eng',
      keywords: [...tracker.phrases],
      includeRelatedForms: tracker.type === 'KEYWORD' && rng.chance(0.6),
      affiliation: tracker.name === 'Competitors' || tracker.name === 'Current System' ? 'NonCompany' : tracker.name === 'Next Steps' ? 'Company' : 'Anyone',
      partOfQuestion: tracker.name === 'Budget',
      saidAt,
      saidAtInterval: saidAt === 'Anytime' ? null : saidAt === 'Last' ? 10 : 20,
      saidAtUnit: saidAt === 'Anytime' ? null : saidAt === 'Last' ? 'MINUTES' : 'PERCENTAGE',
      saidInTopics: TOPICS[tracker.name] ?? [],
      filterQuery: tracker.name === 'Discount' ? '{"type":"And","filters":[{"type":"CallDirection","terms":["OUTBOUND"]}]}' : '{}',
      createdMs,
      micros: rng.int(0, 999),
      creatorUserId: creator?.id ?? null,
      updatedMs,
      updaterUserId: builtIn ? null : edited && admins.length > 0 ? rng.pick(admins).id : (creator?.id ?? null),
    };
  });
}
