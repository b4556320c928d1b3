import type { Kysely } from 'kysely';
import type { GongStore } from '../../store/gong-store.js';
import type { StoreWriter } from '../../store/store-writer.js';
import type { Database } from '../../store/schema/index.js';
import { chunk } from '../../store/upsert-rows.js';
import { upsertScopedRows, type ScopedRow } from '../../store/tenant/upsert-scoped-rows.js';
import { loadCrmIndex, type CrmIndex } from './crm-index.js';
import type { LinkMethod } from './link-confidence.js';
import { matchCall, type CallMatch, type CallToMatch, type PlannedLink } from './match-call.js';
import { readCallBatch, readCallsById } from './read-calls-for-linking.js';

export interface LinkCallsOptions {
  /** Relink only these calls (the sync hook); default: every call of the connection. */
  callIds?: readonly string[];
  /** A CRM index already loaded (reused across the pages of one sync); default: loaded now. */
  index?: CrmIndex;
  /** Calls read and written per transaction. Default 1000. */
  batchSize?: number;
  /** Stamp for new links' `linked_at` (default: now). */
  now?: string;
  /** After each batch: calls done so far, and the total when known. */
  onProgress?: (done: number, total: number | undefined) => void;
  /** Stops between batches; what was written stays. */
  signal?: AbortSignal;
  /**
   * Link inside this transaction instead of one per batch (with `callIds`): the sync links each
   * page of calls in the transaction that stores it, so a crash can never leave stored calls
   * unlinked. `index` must be given too: loading it needs the database outside the transaction.
   */
  writer?: StoreWriter;
  /** Each call's match as it is made (the sync's linker keeps the latest per call). */
  onMatch?: (callId: string, match: CallMatch) => void;
}

/** What a link run did. */
export interface LinkReport {
  /** Calls examined. */
  calls: number;
  /** Calls with at least one account link. */
  linkedCalls: number;
  /** Calls whose participants are all the company's own: never linked. */
  internalOnlyCalls: number;
  /** Calls with outside participants (or none recorded) that no evidence linked. */
  unlinkedCalls: number;
  accountLinks: number;
  dealLinks: number;
  /** Links by the method that made them. */
  byMethod: Record<LinkMethod, number>;
  /** Rows written: new links, links whose method or confidence changed, stale links removed. */
  added: number;
  changed: number;
  removed: number;
  elapsedMs: number;
}

/**
 * Links calls to CRM accounts and deals (docs/crm-linking.md) and stores the result in
 * `gong_call_links`: the CRM is loaded into memory once, calls and their participants are read in
 * batches, and each batch's links are written in one transaction that also deletes links that no
 * longer hold. Idempotent: running it again writes nothing unless the calls or the CRM changed (a
 * link that stays keeps its `linked_at`).
 *
 * @example
 * const report = await linkCalls(store);
 * console.log(`${report.linkedCalls} of ${report.calls} calls linked`);
 */
export async function linkCalls(store: GongStore, options: LinkCallsOptions = {}): Promise<LinkReport> {
  const started = Date.now();
  if (options.writer && (!options.index || !options.callIds)) {
    throw new TypeError('linkCalls inside a transaction needs callIds and a loaded index');
  }
  const index = options.index ?? (await loadCrmIndex(store));
  const batchSize = options.batchSize ?? 1000;
  const report = emptyLinkReport();
  const now = options.now ?? new Date().toISOString();

  if (options.callIds) {
    const ids = [...new Set(options.callIds)];
    for (const part of chunk(ids, batchSize)) {
      options.signal?.throwIfAborted();
      await linkBatch(store, index, async (db) => ({ scope: { ids: part }, calls: await readCallsById(store, part, db) }), report, now, options);
      options.onProgress?.(report.calls, ids.length);
    }
  } else {
    const total = await countCalls(store);
    let after: string | undefined;
    for (;;) {
      options.signal?.throwIfAborted();
      const from = after;
      const batch = await linkBatch(
        store,
        index,
        async (db) => {
          const read = await readCallBatch(store, from, batchSize, true, db);
          return read && { scope: { after: read.after, last: read.last }, calls: read.calls };
        },
        report,
        now,
        options,
      );
      if (!batch || !('last' in batch.scope)) break;
      after = batch.scope.last;
      options.onProgress?.(report.calls, total);
      if (batch.calls.length < batchSize) break;
    }
  }
  report.elapsedMs = Date.now() - started;
  return report;
}

/**
 * A report with every count at zero, to add runs into.
 *
 * @example const totals = emptyLinkReport(); countMatch(totals, matchCall(call, index));
 */
export function emptyLinkReport(): LinkReport {
  return {
    calls: 0,
    linkedCalls: 0,
    internalOnlyCalls: 0,
    unlinkedCalls: 0,
    accountLinks: 0,
    dealLinks: 0,
    byMethod: { gong_manual: 0, gong_context: 0, contact_email: 0, email_domain: 0 },
    added: 0,
    changed: 0,
    removed: 0,
    elapsedMs: 0,
  };
}

/**
 * Counts one call's match into a report (the call, its audience, its links by type and method).
 *
 * @example countMatch(report, matchCall(call, index));
 */
export function countMatch(report: LinkReport, match: CallMatch): void {
  report.calls++;
  if (match.audience === 'internal-only') report.internalOnlyCalls++;
  else if (match.links.some((l) => l.objectType === 'account')) report.linkedCalls++;
  else report.unlinkedCalls++;
  for (const link of match.links) {
    if (link.objectType === 'account') report.accountLinks++;
    else report.dealLinks++;
    report.byMethod[link.method]++;
  }
}

type LinkRow = ScopedRow<'gong_call_links'>;

/** The calls a batch covers: a list of ids (the sync hook), or an id range (a full run). */
type BatchScope = { ids: readonly string[] } | { after: string | undefined; last: string };

/** Reads one batch of calls, and the scope it covers, through the given transaction. */
type ReadBatch = (db: Kysely<Database>) => Promise<{ scope: BatchScope; calls: readonly CallToMatch[] } | undefined>;

/**
 * Reads one batch, matches it and writes it, all in one write transaction: a batch read before
 * the transaction could be overtaken by a sync committing the same calls (or the CRM objects a
 * rep associated with them) in between, and writing links from the older read would undo the
 * sync's. SQLite's write lock and, on PostgreSQL, a per-connection lock (`lockLinks`) make
 * linkers of one connection take turns. Calls whose links did not change are left untouched;
 * for the others, the old links are deleted and the new ones inserted (a link that survives keeps
 * its `linked_at`). Calls in scope that are not stored any more lose their links.
 */
async function linkBatch(
  store: GongStore,
  index: CrmIndex,
  read: ReadBatch,
  report: LinkReport,
  now: string,
  options: Pick<LinkCallsOptions, 'writer' | 'onMatch'>,
): Promise<{ scope: BatchScope; calls: readonly CallToMatch[] } | undefined> {
  const write = async (tx: Kysely<Database>) => {
    await store.dialect.lockLinks(tx, store.connectionId);
    const batch = await read(tx);
    if (!batch) return undefined;
    const { scope, calls } = batch;
    const planned = new Map<string, PlannedLink[]>();
    for (const call of calls) {
      const match = matchCall(call, index);
      planned.set(call.id, match.links);
      options.onMatch?.(call.id, match);
      countMatch(report, match);
    }
    const existing = await existingLinks(tx, scope);
    // A call in scope with links that the read did not return is gone (its links go), unless a
    // writer that does not take the links lock stored it since: then they are not ours to remove.
    const unread = [...existing.keys()].filter((callId) => !planned.has(callId));
    for (const ids of chunk(unread, 500)) {
      const rows = await tx.selectFrom('gong_calls').select('id').where('id', 'in', ids).execute();
      for (const row of rows) existing.delete(row.id);
    }
    const stale: string[] = [];
    const rows: LinkRow[] = [];
    for (const callId of new Set([...planned.keys(), ...existing.keys()])) {
      const before = existing.get(callId) ?? new Map<string, LinkRow>();
      const after = planned.get(callId) ?? [];
      let same = before.size === after.length;
      const next: LinkRow[] = after.map((link) => {
        const old = before.get(`${link.objectType}\u0000${link.objectId}`);
        const unchanged = old !== undefined && old.method === link.method && Number(old.confidence) === link.confidence;
        if (!old) report.added++;
        else if (!unchanged) report.changed++;
        if (!unchanged) same = false;
        return {
          call_id: callId,
          crm_object_type: link.objectType,
          crm_object_id: link.objectId,
          method: link.method,
          confidence: link.confidence,
          linked_at: unchanged ? old.linked_at : now,
        };
      });
      const kept = new Set(after.map((l) => `${l.objectType}\u0000${l.objectId}`));
      for (const key of before.keys()) {
        if (!kept.has(key)) {
          report.removed++;
          same = false;
        }
      }
      if (same) continue;
      // Only calls that had links need a delete; on a first run that is none of them.
      if (before.size > 0) stale.push(callId);
      rows.push(...next);
    }
    for (const ids of chunk(stale, 500)) {
      await tx.deleteFrom('gong_call_links').where('call_id', 'in', ids).execute();
    }
    await upsertScopedRows(tx, 'gong_call_links', rows, ['call_id', 'crm_object_type', 'crm_object_id'], store.engine.maxParameters);
    return batch;
  };
  return options.writer ? write(options.writer.scoped) : store.write((w) => write(w.scoped));
}

/** The stored links of the calls in scope, by call, by `type\0id`. */
async function existingLinks(tx: Kysely<Database>, scope: BatchScope): Promise<Map<string, Map<string, LinkRow>>> {
  const out = new Map<string, Map<string, LinkRow>>();
  const add = (rows: LinkRow[]) => {
    for (const row of rows) {
      const map = out.get(row.call_id) ?? new Map<string, LinkRow>();
      map.set(`${row.crm_object_type}\u0000${row.crm_object_id}`, row);
      out.set(row.call_id, map);
    }
  };
  if ('ids' in scope) {
    for (const ids of chunk(scope.ids, 500)) {
      add(await tx.selectFrom('gong_call_links').selectAll().where('call_id', 'in', ids).execute());
    }
  } else {
    let query = tx.selectFrom('gong_call_links').selectAll().where('call_id', '<=', scope.last);
    if (scope.after !== undefined) query = query.where('call_id', '>', scope.after);
    add(await query.execute());
  }
  return out;
}

async function countCalls(store: GongStore): Promise<number> {
  const row = await store.scoped
    .selectFrom('gong_calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
