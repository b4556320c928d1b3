/**
 * Reads calls for linking in batches: each call's start, scope and Gong CRM context, its
 * participants' addresses and the CRM objects a rep associated with it by hand. The context is taken out of `raw` by the database (`store.dialect.jsonText`) so the rest of a call's large raw record never reaches JavaScript.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema/index.js';
import type { GongStore } from '../../store/gong-store.js';
import { chunk } from '../../store/upsert-rows.js';
import type { CallToMatch, ContextObject, ManualObject } from './match-call.js';

/** Calls read for linking, and the id range they cover (for range reads of what hangs off them). */
export interface CallBatch {
  calls: CallToMatch[];
  /** The batch covers stored calls with `after < id <= last` (`after` undefined: from the first). */
  after: string | undefined;
  last: string;
}

/**
 * One batch of calls, by id order, after `afterId` (keyset paging keeps memory flat), or
 * undefined when there are no more. Participants are read by the same id range rather than by
 * a list of ids: the primary key answers a range directly, where a long `IN (…)` list lets
 * PostgreSQL pick a worse index while its statistics lag behind a bulk load.
 * `withContext: false` skips Gong's context (what `status` needs has no use for it). `db` is the
 * store's, or the write transaction the batch is linked in.
 *
 * @example for (let b = await readCallBatch(store, undefined, 1000); b; b = await readCallBatch(store, b.last, 1000)) use(b.calls);
 */
export async function readCallBatch(store: GongStore, afterId: string | undefined, limit: number, withContext = true, db: Kysely<Database> = store.scoped): Promise<CallBatch | undefined> {
  let query = db
    .selectFrom('gong_calls')
    .select(['id', 'started_at', 'scope', (withContext ? contextColumn(store) : sql<string | null>`null`).as('context')]);
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  const rows = await query.orderBy('id').limit(limit).execute();
  if (rows.length === 0) return undefined;
  const last = rows.at(-1)!.id;
  let parties = db
    .selectFrom('gong_call_parties')
    .select(['call_id', 'email', 'affiliation', 'user_id as userId'])
    .where('call_id', '<=', last);
  if (afterId !== undefined) parties = parties.where('call_id', '>', afterId);
  let manual = db
    .selectFrom('gong_manual_crm_associations')
    .select(['call_id', 'crm_object_type', 'crm_object_id'])
    .where('call_id', '<=', last);
  if (afterId !== undefined) manual = manual.where('call_id', '>', afterId);
  return { calls: withParties(rows, await parties.execute(), withContext ? await manual.execute() : []), after: afterId, last };
}

/**
 * The stored calls among `callIds` (ids of calls not in the store are left out). `db` is the
 * store's, or a write transaction's when the caller links inside its own transaction.
 *
 * @example const calls = await readCallsById(store, committedIds);
 */
export async function readCallsById(store: GongStore, callIds: readonly string[], db: Kysely<Database> = store.scoped): Promise<CallToMatch[]> {
  const out: CallToMatch[] = [];
  for (const ids of chunk(callIds, 500)) {
    const rows = await db
      .selectFrom('gong_calls')
      .select(['id', 'started_at', 'scope', contextColumn(store).as('context')])
      .where('id', 'in', ids)
      .execute();
    if (rows.length === 0) continue;
    const parties = await db
      .selectFrom('gong_call_parties')
      .select(['call_id', 'email', 'affiliation', 'user_id as userId'])
      .where('call_id', 'in', rows.map((r) => r.id))
      .execute();
    const manual = await db
      .selectFrom('gong_manual_crm_associations')
      .select(['call_id', 'crm_object_type', 'crm_object_id'])
      .where('call_id', 'in', rows.map((r) => r.id))
      .execute();
    out.push(...withParties(rows, parties, manual));
  }
  return out;
}

function contextColumn(store: GongStore) {
  return store.dialect.jsonText('raw', 'context');
}

function withParties(
  rows: { id: string; started_at: string; scope: string | null; context: string | null }[],
  partyRows: (CallToMatch['parties'][number] & { call_id: string })[],
  manualRows: { call_id: string; crm_object_type: 'account' | 'deal'; crm_object_id: string }[],
): CallToMatch[] {
  const manual = new Map<string, ManualObject[]>();
  for (const m of manualRows) {
    const object = { objectType: m.crm_object_type, objectId: m.crm_object_id };
    const list = manual.get(m.call_id);
    if (list) list.push(object);
    else manual.set(m.call_id, [object]);
  }
  const parties = new Map<string, CallToMatch['parties'][number][]>();
  // A row is its participant as it is (its `call_id` rides along): 100,000s of rows, no copies.
  for (const party of partyRows) {
    const list = parties.get(party.call_id);
    if (list) list.push(party);
    else parties.set(party.call_id, [party]);
  }
  return rows.map((r) => ({
    id: r.id,
    startedMs: Date.parse(r.started_at),
    scope: r.scope,
    context: contextObjects(r.context),
    parties: parties.get(r.id) ?? [],
    manual: manual.get(r.id) ?? [],
  }));
}

/**
 * Gong's call `context` (`[{system, objects: [{objectType, objectId, fields?}]}]`) → its
 * objects. Anything malformed yields nothing rather than failing the run: context is one
 * source of evidence among three.
 *
 * @example contextObjects('[{"system":"Salesforce","objects":[{"objectType":"Account","objectId":"001A"}]}]') // [{ objectType: 'Account', objectId: '001A' }]
 */
export function contextObjects(text: string | null): ContextObject[] {
  if (text === null || text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: ContextObject[] = [];
  for (const entry of parsed) {
    const objects = (entry as { objects?: unknown } | null)?.objects;
    if (!Array.isArray(objects)) continue;
    for (const object of objects) {
      const { objectType, objectId } = (object ?? {}) as { objectType?: unknown; objectId?: unknown };
      if (typeof objectType === 'string' && (typeof objectId === 'string' || typeof objectId === 'number')) {
        out.push({ objectType, objectId: String(objectId) });
      }
    }
  }
  return out;
}
