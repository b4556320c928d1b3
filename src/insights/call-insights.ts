/**
 * What Gong computed about one call, as stored by the call-content stream: brief, key points,
 * outcome, topics and the trackers that fired. `undefined` fields mean Gong sent none (an
 * older call, a call without a transcript, or a database synced before the content tables).
 */
import type { GongStore } from '../store/gong-store.js';

export interface CallInsights {
  brief: string | null;
  keyPoints: string[];
  outcome: string | null;
  outcomeCategory: string | null;
  topics: { name: string; duration: number }[];
  /** Trackers that fired, most hits first. */
  trackers: { name: string; count: number }[];
}

/**
 * @example const { brief, trackers } = await callInsights(store, '7782342274025937895');
 */
export async function callInsights(store: GongStore, callId: string): Promise<CallInsights> {
  const content = await store.scoped
    .selectFrom('gong_call_content')
    .select(['brief', 'key_points', 'call_outcome', 'call_outcome_category', 'topics'])
    .where('call_id', '=', callId)
    .executeTakeFirst();
  const trackers = await store.scoped
    .selectFrom('gong_call_trackers')
    .select(['name', 'count'])
    .where('call_id', '=', callId)
    .where('count', '>', 0)
    .orderBy('count', 'desc')
    .orderBy('name')
    .execute();
  return {
    brief: content?.brief ?? null,
    keyPoints: stringsOf(parsed(content?.key_points)),
    outcome: content?.call_outcome ?? null,
    outcomeCategory: content?.call_outcome_category ?? null,
    topics: topicsOf(parsed(content?.topics)),
    trackers: trackers.flatMap((t) => (t.name === null ? [] : [{ name: t.name, count: Number(t.count) }])),
  };
}

/** JSON columns come back as text from SQLite and as values from PostgreSQL. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function topicsOf(value: unknown): { name: string; duration: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((t: unknown) => {
    const { name, duration } = (t ?? {}) as { name?: unknown; duration?: unknown };
    return typeof name === 'string' && typeof duration === 'number' && duration > 0 ? [{ name, duration }] : [];
  });
}
