import type { GongStore } from '../../store/gong-store.js';
import { chunk } from '../../store/upsert-rows.js';

export interface CallAccountLink {
  id: string;
  name: string | null;
  method: string;
  confidence: number;
}

export interface CallDealLink extends CallAccountLink {
  stage: string | null;
}

export interface CallCrmLinks {
  accounts: CallAccountLink[];
  deals: CallDealLink[];
}

/**
 * The CRM accounts and deals each call is linked to (`gong_call_links`), named from the CRM
 * tables, strongest evidence first.
 *
 * @example const links = await callCrmLinks(store, ids); links.get(id)?.accounts[0]?.name
 */
export async function callCrmLinks(store: GongStore, callIds: readonly string[]): Promise<Map<string, CallCrmLinks>> {
  const db = store.scoped;
  const out = new Map<string, CallCrmLinks>();
  for (const id of callIds) out.set(id, { accounts: [], deals: [] });
  for (const part of chunk(callIds, 500)) {
    const accounts = await db
      .selectFrom('gong_call_links as l')
      .leftJoin('crm_accounts as a', (j) => j.onRef('a.connection_id', '=', 'l.connection_id').onRef('a.id', '=', 'l.crm_object_id'))
      .select(['l.call_id', 'l.crm_object_id', 'l.method', 'l.confidence', 'a.name'])
      .where('l.connection_id', '=', store.connectionId)
      .where('l.crm_object_type', '=', 'account')
      .where('l.call_id', 'in', part)
      .execute();
    for (const r of accounts) out.get(r.call_id)?.accounts.push({ id: r.crm_object_id, name: r.name, method: r.method, confidence: Number(r.confidence) });
    const deals = await db
      .selectFrom('gong_call_links as l')
      .leftJoin('crm_deals as d', (j) => j.onRef('d.connection_id', '=', 'l.connection_id').onRef('d.id', '=', 'l.crm_object_id'))
      .select(['l.call_id', 'l.crm_object_id', 'l.method', 'l.confidence', 'd.name', 'd.stage'])
      .where('l.connection_id', '=', store.connectionId)
      .where('l.crm_object_type', '=', 'deal')
      .where('l.call_id', 'in', part)
      .execute();
    for (const r of deals) out.get(r.call_id)?.deals.push({ id: r.crm_object_id, name: r.name, stage: r.stage, method: r.method, confidence: Number(r.confidence) });
  }
  for (const links of out.values()) {
    links.accounts.sort(strongestFirst);
    links.deals.sort(strongestFirst);
  }
  return out;
}

function strongestFirst(a: CallAccountLink, b: CallAccountLink): number {
  return b.confidence - a.confidence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
