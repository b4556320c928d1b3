import type { GongStore } from '../../store/gong-store.js';
import { chunk } from '../../store/upsert-rows.js';

/** What Gong computed about a call (`gong_call_content`, `gong_call_trackers`), when it was stored. */
export interface CallIntelligence {
  brief: string | null;
  keyPoints: string[];
  outcome: string | null;
  outcomeCategory: string | null;
  topics: { name: string; duration: number | null }[];
  /** Trackers that fired, most mentions first. */
  trackers: { name: string; type: string | null; count: number }[];
}

/**
 * The brief, key points, outcome, topics and trackers of each call. A call without stored
 * content (older data, or a sync that did not fetch it) gets nulls and empty lists, never an error.
 *
 * @example const brief = (await callIntelligence(store, [id])).get(id)?.brief;
 */
export async function callIntelligence(store: GongStore, callIds: readonly string[]): Promise<Map<string, CallIntelligence>> {
  const out = new Map<string, CallIntelligence>();
  for (const id of callIds) out.set(id, { brief: null, keyPoints: [], outcome: null, outcomeCategory: null, topics: [], trackers: [] });
  for (const part of chunk(callIds, 500)) {
    const content = await store.scoped
      .selectFrom('gong_call_content')
      .select(['call_id', 'brief', 'key_points', 'call_outcome', 'call_outcome_category', 'topics'])
      .where('connection_id', '=', store.connectionId)
      .where('call_id', 'in', part)
      .execute();
    for (const r of content) {
      const entry = out.get(r.call_id);
      if (!entry) continue;
      entry.brief = r.brief;
      entry.keyPoints = jsonArray(r.key_points).filter((p): p is string => typeof p === 'string');
      entry.outcome = r.call_outcome;
      entry.outcomeCategory = r.call_outcome_category;
      entry.topics = jsonArray(r.topics).flatMap((t) => {
        const topic = t as { name?: unknown; duration?: unknown };
        return typeof topic?.name === 'string' ? [{ name: topic.name, duration: typeof topic.duration === 'number' ? topic.duration : null }] : [];
      });
    }
    const trackers = await store.scoped
      .selectFrom('gong_call_trackers')
      .select(['call_id', 'tracker_id', 'name', 'type', 'count'])
      .where('connection_id', '=', store.connectionId)
      .where('call_id', 'in', part)
      .where('count', '>', 0)
      .execute();
    for (const r of trackers) out.get(r.call_id)?.trackers.push({ name: r.name ?? r.tracker_id, type: r.type, count: Number(r.count) });
  }
  for (const entry of out.values()) entry.trackers.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
  return out;
}

function jsonArray(value: string | null | unknown): unknown[] {
  if (value === null || value === undefined) return [];
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
