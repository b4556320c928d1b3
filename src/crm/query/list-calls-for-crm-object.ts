import type { GongStore } from '../../store/gong-store.js';
import { chunk } from '../../store/upsert-rows.js';
import { toUtcIso } from '../../util/time.js';
import type { LinkMethod } from '../link/link-confidence.js';
import type { ResolvedCrmObject } from './resolve-crm-object.js';

export interface CallParticipantView {
  name: string | null;
  email: string | null;
  affiliation: string | null;
}

export interface CrmLinkView {
  type: 'account' | 'deal';
  id: string;
  name: string | null;
  method: LinkMethod;
  confidence: number;
}

/** One call of `pandora-gong calls --account/--deal`. */
export interface CrmCallView {
  callId: string;
  title: string | null;
  startedAt: string;
  durationSeconds: number | null;
  url: string | null;
  /** Gong's call outcome (`gong_call_content.call_outcome`), when Gong set one. */
  outcome: string | null;
  /** How this call is linked to the account or deal asked about. */
  method: LinkMethod;
  confidence: number;
  /** All of the call's links (its account(s) and deal(s)), the one asked about included. */
  links: CrmLinkView[];
  participants: CallParticipantView[];
}

export interface ListCallsOptions {
  /** Epoch ms: calls that started at or after. */
  since?: number;
  /** Epoch ms: calls that started before. */
  until?: number;
  /** Most recent first; at most this many. */
  limit?: number;
}

/**
 * The calls linked to an account or deal, most recent first, with their participants and links.
 *
 * @example
 * const account = await resolveAccount(store, 'Acme');
 * for (const call of await listCallsForCrmObject(store, account, { limit: 20 })) console.log(call.startedAt, call.title);
 */
export async function listCallsForCrmObject(store: GongStore, object: ResolvedCrmObject, options: ListCallsOptions = {}): Promise<CrmCallView[]> {
  const db = store.scoped;
  let query = db
    .selectFrom('gong_call_links as l')
    .innerJoin('gong_calls as c', (j) => j.onRef('c.id', '=', 'l.call_id'))
    .leftJoin('gong_call_content as k', (j) => j.onRef('k.call_id', '=', 'c.id'))
    .select(['c.id', 'c.title', 'c.started_at', 'c.duration_seconds', 'c.url', 'k.call_outcome', 'l.method', 'l.confidence'])
    .where('l.crm_object_type', '=', object.type)
    .where('l.crm_object_id', '=', object.id);
  if (options.since !== undefined) query = query.where('c.started_at', '>=', toUtcIso(options.since));
  if (options.until !== undefined) query = query.where('c.started_at', '<', toUtcIso(options.until));
  query = query.orderBy('c.started_at', 'desc').orderBy('c.id');
  if (options.limit !== undefined) query = query.limit(options.limit);
  const calls = await query.execute();
  if (calls.length === 0) return [];
  const ids = calls.map((c) => c.id);

  const links = new Map<string, CrmLinkView[]>();
  const accountIds = new Set<string>();
  const dealIds = new Set<string>();
  for (const part of chunk(ids, 500)) {
    const rows = await db
      .selectFrom('gong_call_links')
      .select(['call_id', 'crm_object_type', 'crm_object_id', 'method', 'confidence'])
      .where('call_id', 'in', part)
      .execute();
    for (const r of rows) {
      (r.crm_object_type === 'account' ? accountIds : dealIds).add(r.crm_object_id);
      const list = links.get(r.call_id) ?? [];
      list.push({ type: r.crm_object_type, id: r.crm_object_id, name: null, method: r.method, confidence: Number(r.confidence) });
      links.set(r.call_id, list);
    }
  }
  const names = new Map<string, string | null>();
  for (const part of chunk([...accountIds], 500)) {
    for (const r of await db.selectFrom('crm_accounts').select(['id', 'name']).where('id', 'in', part).execute()) {
      names.set(`account\u0000${r.id}`, r.name);
    }
  }
  for (const part of chunk([...dealIds], 500)) {
    for (const r of await db.selectFrom('crm_deals').select(['id', 'name']).where('id', 'in', part).execute()) {
      names.set(`deal\u0000${r.id}`, r.name);
    }
  }

  const parties = await store.partiesOfCalls(ids);
  const users = await store.userNames([...parties.values()].flat().flatMap((p) => (p.user_id ? [p.user_id] : [])));
  return calls.map((c) => ({
    callId: c.id,
    title: c.title,
    startedAt: c.started_at,
    durationSeconds: c.duration_seconds === null ? null : Number(c.duration_seconds),
    url: c.url,
    outcome: c.call_outcome ?? null,
    method: c.method,
    confidence: Number(c.confidence),
    links: (links.get(c.id) ?? [])
      .map((l) => ({ ...l, name: names.get(`${l.type}\u0000${l.id}`) ?? null }))
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : b.confidence - a.confidence)),
    // The other side first: it is who the account's calls are with.
    participants: (parties.get(c.id) ?? [])
      .map((p) => {
        const user = p.user_id ? users.get(p.user_id) : undefined;
        const userName = user ? [user.firstName, user.lastName].filter(Boolean).join(' ') || null : null;
        return { name: p.name ?? userName, email: p.email ?? user?.emailAddress ?? null, affiliation: p.affiliation };
      })
      .sort((a, b) => sideRank(a.affiliation) - sideRank(b.affiliation)),
  }));
}

function sideRank(affiliation: string | null): number {
  const a = affiliation?.toLowerCase();
  return a === 'external' ? 0 : a === 'internal' ? 2 : 1;
}
