/**
 * CRM context Gong attaches to calls and parties (docs/gong-api.md §3.3 CallContext/PartyContext).
 * `Basic` gives object links only; `Extended` adds field values. As in R2, the Account carries no
 * `timing` while the Opportunity does, and Contact objects come without fields.
 */
import type { CastMember } from '../company/cast.js';
import type { Company } from '../company/company.js';
import type { CompanyCall, CrmDeal, DealStage } from '../company/types.js';
import type { ContextLevel, ContextTiming } from './selector.js';

export interface WireContextObject {
  objectType: string;
  objectId: string;
  fields?: { name: string; value: string | number | null }[];
  timing?: ContextTiming;
}

export interface WireContext {
  system: 'Salesforce';
  objects: WireContextObject[];
}

const PROBABILITY: Record<DealStage, number> = {
  Prospecting: 10,
  Discovery: 20,
  Proposal: 50,
  Negotiation: 75,
  'Closed Won': 100,
  'Closed Lost': 0,
};
const FORECAST: Record<DealStage, string> = {
  Prospecting: 'Pipeline',
  Discovery: 'Pipeline',
  Proposal: 'Best Case',
  Negotiation: 'Commit',
  'Closed Won': 'Closed',
  'Closed Lost': 'Omitted',
};

/**
 * The call-level `context`: `[]` when Gong linked nothing (R2), otherwise one Salesforce entry.
 * `Now` values are taken at simulated time `atMs`, `TimeOfCall` values at the call's start.
 *
 * @example callContext(company, call, 'Extended', ['Now'], sim.clock.now())[0]?.objects[0]?.objectType // 'Account'
 */
export function callContext(company: Company, call: CompanyCall, level: ContextLevel, timings: ContextTiming[], atMs: number): WireContext[] {
  if (level === 'None' || call.contextKind === 'none' || !call.accountId) return [];
  const account = company.accountById(call.accountId)!;
  const objects: WireContextObject[] = [
    level === 'Extended'
      ? {
          objectType: 'Account',
          objectId: account.id,
          fields: [
            { name: 'Industry', value: account.industry },
            { name: 'Website', value: account.website },
            { name: 'Name', value: account.name },
          ],
        }
      : { objectType: 'Account', objectId: account.id },
  ];
  if (call.contextKind === 'account+opportunity' && call.dealId) {
    const deal = company.dealById(call.dealId)!;
    if (level === 'Basic') objects.push({ objectType: 'Opportunity', objectId: deal.id });
    else for (const timing of timings) objects.push(opportunity(company, deal, timing, timing === 'Now' ? atMs : call.startedMs));
  }
  return [{ system: 'Salesforce', objects }];
}

function opportunity(company: Company, deal: CrmDeal, timing: ContextTiming, atMs: number): WireContextObject {
  const stage = company.stageAt(deal, atMs) ?? 'Prospecting';
  return {
    objectType: 'Opportunity',
    objectId: deal.id,
    fields: [
      { name: 'Name', value: deal.name },
      { name: 'LeadSource', value: deal.leadSource },
      { name: 'Type', value: deal.type },
      { name: 'StageName', value: stage },
      { name: 'Probability', value: PROBABILITY[stage] },
      { name: 'Amount', value: deal.amount },
      { name: 'CloseDate', value: deal.closeDate },
      { name: 'IsDeleted', value: 'false' },
      { name: 'ForecastCategory', value: FORECAST[stage] },
    ],
    timing,
  };
}

/**
 * A party's `context`: its CRM User or Contact, `[]` when it has none or context was not asked for.
 *
 * @example partyContext(company.cast(call).members[0], 'Basic') // [{ system: 'Salesforce', objects: [{ objectType: 'User', objectId: '005…' }] }]
 */
export function partyContext(member: CastMember, level: ContextLevel): WireContext[] {
  if (level === 'None' || !member.crmObject) return [];
  const { objectType, objectId, fields } = member.crmObject;
  const object: WireContextObject = level === 'Extended' && fields ? { objectType, objectId, fields: fields.map((f) => ({ ...f })) } : { objectType, objectId };
  return [{ system: 'Salesforce', objects: [object] }];
}
