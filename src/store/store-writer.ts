import type { Kysely } from 'kysely';
import { childTablesOf, gongCallParties, gongCalls, gongTranscripts, gongUsers, type Database } from './schema/index.js';
import { storedKey, type AnyTable } from './schema/table.js';
import { encodeRows, lastPerKey } from './encode-rows.js';
import { normalizeTime } from './normalize-time.js';
import type { StoreEngine } from './engine.js';
import type { CallRecord, RunStats, RunStatus, TranscriptRecord, UserRecord, WindowProgress } from './records.js';
import { chunk, upsertRows } from './upsert-rows.js';
import { readUserNames, type StoredUserName } from './read-user-names.js';
import type { UntypedKysely } from './untyped-kysely.js';
import { scopeToConnection } from './tenant/scope-to-connection.js';

/** Statements with `IN (…)` lists stay well inside every engine's parameter ceiling. */
const ID_CHUNK = 500;

/**
 * The writes of one transaction, scoped to one connection. The sync commits each page's records
 * and the state that points past them through one writer, so they land together or not at all:
 * a crash can neither lose a page the state points past nor store one the state does not know.
 */
export class StoreWriter {
  constructor(
    readonly tx: Kysely<Database>,
    private readonly engine: StoreEngine,
    readonly connectionId: string,
  ) {}

  #scoped: Kysely<Database> | undefined;
  readonly #afterCommit: (() => void)[] = [];

  /**
   * Runs `fn` once this transaction has committed, never if it rolls back: for what must only
   * count what the database kept (the sync's link totals).
   */
  afterCommit(fn: () => void): void {
    this.#afterCommit.push(fn);
  }

  /** Called by `GongStore.write` after the commit. */
  committed(): void {
    for (const fn of this.#afterCommit.splice(0)) fn();
  }

  /** This transaction seen as the writer's connection (see `GongStore.scoped`): what feature code writes with. */
  get scoped(): Kysely<Database> {
    this.#scoped ??= scopeToConnection(this.tx, this.connectionId);
    return this.#scoped;
  }

  /**
   * Upserts plain rows (see `encode-rows.ts`) into any table of this connection. `extra` fills
   * internal columns the table has (`synced_at`, a seen marker); rows repeating a key keep the last.
   */
  async upsertPlain(table: AnyTable, rows: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}): Promise<void> {
    if (rows.length === 0) return;
    const key = storedKey(table);
    const encoded = encodeRows(table, rows, { connectionId: this.connectionId, bool: (v) => this.engine.bool(v), extra });
    await upsertRows(this.tx as UntypedKysely, table.name as keyof Database & string, lastPerKey(encoded, key) as never[], key as never[], this.engine.maxParameters);
  }

  /**
   * Writes rows that come in groups replacing each other whole (a call's manual associations):
   * per group, the rows of the newest `version` in `rows` replace the stored group, unless the
   * stored group is newer still. Returns how many groups it replaced.
   */
  async replaceNewest(
    table: AnyTable,
    rows: readonly Record<string, unknown>[],
    by: { group: string; version: string },
    extra: Record<string, unknown> = {},
  ): Promise<number> {
    const newest = new Map<string, { version: string; rows: Record<string, unknown>[] }>();
    for (const row of rows) {
      const group = String(row[by.group]);
      const version = String(row[by.version] ?? '');
      const current = newest.get(group);
      if (!current || version > current.version) newest.set(group, { version, rows: [row] });
      else if (version === current.version) current.rows.push(row);
    }
    if (newest.size === 0) return 0;
    const stored = new Map<string, string>();
    const tx = this.tx as UntypedKysely;
    for (const groups of chunk([...newest.keys()], ID_CHUNK)) {
      const found = await tx
        .selectFrom(table.name)
        .select([by.group, (eb) => eb.fn.max(by.version).as('version')])
        .where('connection_id', '=', this.connectionId)
        .where(by.group, 'in', groups)
        .groupBy(by.group)
        .execute();
      for (const r of found) stored.set(String(r[by.group]), r.version === null ? '' : normalizeTime(r.version as string | Date));
    }
    const replaced = [...newest].filter(([group, incoming]) => !(stored.has(group) && stored.get(group)! > incoming.version));
    for (const groups of chunk(replaced.map(([group]) => group), ID_CHUNK)) {
      await tx.deleteFrom(table.name).where('connection_id', '=', this.connectionId).where(by.group, 'in', groups).execute();
    }
    await this.upsertPlain(table, replaced.flatMap(([, incoming]) => incoming.rows), extra);
    return replaced.length;
  }

  /** Deletes the rows of `table` that belong to these parents (before a re-read parent's rows go in). */
  async deleteChildren(table: AnyTable, parentIds: readonly string[]): Promise<void> {
    if (!table.parent || parentIds.length === 0) return;
    for (const ids of chunk(parentIds, ID_CHUNK)) {
      await (this.tx as UntypedKysely)
        .deleteFrom(table.name)
        .where('connection_id', '=', this.connectionId)
        .where(table.parent.column, 'in', ids)
        .execute();
    }
  }

  /**
   * Removes rows of a table by `id`, and every row that hangs off them (the tables whose `parent`
   * it is, recursively). Returns how many of the rows existed.
   */
  async removeWithDependents(table: AnyTable, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    let removed = 0;
    for (const part of chunk(ids, ID_CHUNK)) {
      const result = await (this.tx as UntypedKysely)
        .deleteFrom(table.name)
        .where('connection_id', '=', this.connectionId)
        .where('id', 'in', part)
        .executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
    for (const child of childTablesOf(table.name)) {
      if ('id' in child.columns) {
        const childIds = await this.idsWhereIn(child, child.parent!.column, ids);
        await this.removeWithDependents(child, childIds);
      } else {
        await this.deleteChildren(child, ids);
      }
    }
    return removed;
  }

  /**
   * After a complete pass: rows the pass (`marker` in `seenColumn`) did not see are marked
   * deleted (`deleted_at`) or removed with their dependents, optionally within a range of one
   * column. Returns how many rows it marked or removed.
   */
  async sweepUnseen(sweep: {
    table: AnyTable;
    action: 'mark-deleted' | 'remove';
    seenColumn: string;
    marker: string;
    within?: { column: string; from: string; to: string };
    now: string;
  }): Promise<number> {
    const tx = this.tx as UntypedKysely;
    const { seenColumn, marker, within } = sweep;
    let update = tx.updateTable(sweep.table.name).set({ deleted_at: sweep.now }).where('deleted_at', 'is', null);
    let select = tx.selectFrom(sweep.table.name).select('id');
    const filters: [string, '=' | '>=' | '<', string][] = [['connection_id', '=', this.connectionId]];
    if (within) filters.push([within.column, '>=', within.from], [within.column, '<', within.to]);
    for (const [column, op, value] of filters) {
      update = update.where(column, op, value);
      select = select.where(column, op, value);
    }
    update = update.where((eb) => eb.or([eb(seenColumn, 'is', null), eb(seenColumn, '!=', marker)]));
    select = select.where((eb) => eb.or([eb(seenColumn, 'is', null), eb(seenColumn, '!=', marker)]));
    if (sweep.action === 'mark-deleted') return Number((await update.executeTakeFirst()).numUpdatedRows);
    const gone = await select.execute();
    return this.removeWithDependents(sweep.table, gone.map((r: { id: string }) => r.id));
  }

  private async idsWhereIn(table: AnyTable, column: string, values: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const part of chunk(values, ID_CHUNK)) {
      const rows = await (this.tx as UntypedKysely).selectFrom(table.name).select('id').where('connection_id', '=', this.connectionId).where(column, 'in', part).execute();
      for (const row of rows) out.push(row.id as string);
    }
    return out;
  }

  /** Upserts users and stamps them as seen by `runId`; a user who comes back is undeleted. */
  async upsertUsers(users: readonly UserRecord[], runId: string, now: string): Promise<void> {
    await this.upsertPlain(gongUsers, users.map((u) => ({ ...u, deleted_at: null })), { seen_run_id: runId, synced_at: now });
  }

  /**
   * After a complete, error-free pass of run `runId`: every user it did not see is gone from
   * Gong. Never call this after a partial pass: a connector that deleted after a swallowed
   * 401/404 wiped every record (the review of NangoHQ/integration-templates#542).
   */
  async markUnseenUsersDeleted(runId: string, now: string): Promise<number> {
    const result = await this.tx
      .updateTable('gong_users')
      .set({ deleted_at: now })
      .where('connection_id', '=', this.connectionId)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('seen_run_id', 'is', null), eb('seen_run_id', '!=', runId)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Upserts calls and replaces their parties. A call whose `parties` is null (Gong sent none:
   * imported calls) keeps no party rows.
   */
  async upsertCalls(calls: readonly CallRecord[], now: string, passId: string | null = null): Promise<{ parties: number }> {
    if (calls.length === 0) return { parties: 0 };
    await this.upsertPlain(gongCalls, calls.map(({ parties: _parties, ...call }) => call), { seen_pass_id: passId, synced_at: now });
    await this.deleteChildren(gongCallParties, calls.map((c) => c.id));
    const parties = calls.flatMap((c) => (c.parties ?? []).map((p) => ({ call_id: c.id, ...p })));
    // Gong promises party ids unique within a call; a duplicate must not abort the page.
    await this.upsertPlain(gongCallParties, parties);
    return { parties: parties.length };
  }

  /**
   * Removes calls and everything hanging off them (parties, transcript, pending marker, links,
   * content…): used when a stored call turns private. Returns how many calls existed.
   */
  async deleteCalls(callIds: readonly string[]): Promise<number> {
    return this.removeWithDependents(gongCalls, callIds);
  }

  /**
   * After a complete, error-free pass over `[from, to)`: stored calls in that span the pass did
   * not see were deleted in Gong (or moved out of reach), and are removed with their dependents.
   */
  async deleteCallsUnseenBy(passId: string, from: string, to: string): Promise<number> {
    return this.sweepUnseen({ table: gongCalls, action: 'remove', seenColumn: 'seen_pass_id', marker: passId, within: { column: 'started_at', from, to }, now: to });
  }

  /** Stores transcripts and clears their pending markers. */
  async upsertTranscripts(transcripts: readonly TranscriptRecord[]): Promise<void> {
    await this.upsertPlain(gongTranscripts, transcripts);
    await this.deleteWhereCallIn('transcript_pending', transcripts.map((t) => t.call_id));
  }

  /** Stored transcripts of these calls (for re-rendering when their parties change). */
  async transcriptsOf(callIds: readonly string[]): Promise<{ call_id: string; segments: string; text: string }[]> {
    const out: { call_id: string; segments: string; text: string }[] = [];
    for (const ids of chunk(callIds, ID_CHUNK)) {
      out.push(
        ...(await this.tx
          .selectFrom('gong_transcripts')
          .select(['call_id', 'segments', 'text'])
          .where('connection_id', '=', this.connectionId)
          .where('call_id', 'in', ids)
          .execute()),
      );
    }
    return out;
  }

  /** Replaces the rendered text of stored transcripts (segments unchanged, so search is untouched). */
  async updateTranscriptTexts(rows: readonly { call_id: string; text: string }[]): Promise<void> {
    for (const row of rows) {
      await this.tx
        .updateTable('gong_transcripts')
        .set({ text: row.text })
        .where('connection_id', '=', this.connectionId)
        .where('call_id', '=', row.call_id)
        .execute();
    }
  }

  /** Names of Gong users, read inside this transaction. */
  userNames(userIds: readonly string[]): Promise<Map<string, StoredUserName>> {
    return readUserNames(this.tx, this.connectionId, userIds);
  }

  /**
   * Records that Gong had no transcript yet for these calls. Calls started before
   * `giveUpBefore` are marked given up: they are not asked for again (after 30 days: README.md,
   * "How the sync works").
   */
  async recordTranscriptMisses(
    misses: readonly { callId: string; startedAt: string }[],
    now: string,
    giveUpBefore: string,
  ): Promise<{ gaveUp: number }> {
    if (misses.length === 0) return { gaveUp: 0 };
    const existing = new Map<string, number>();
    for (const ids of chunk(misses.map((m) => m.callId), ID_CHUNK)) {
      const rows = await this.tx
        .selectFrom('transcript_pending')
        .select(['call_id', 'attempts'])
        .where('connection_id', '=', this.connectionId)
        .where('call_id', 'in', ids)
        .execute();
      for (const r of rows) existing.set(r.call_id, Number(r.attempts));
    }
    let gaveUp = 0;
    const rows = misses.map((m) => {
      const give = m.startedAt < giveUpBefore;
      if (give) gaveUp++;
      return {
        connection_id: this.connectionId,
        call_id: m.callId,
        attempts: (existing.get(m.callId) ?? 0) + 1,
        first_attempt_at: now,
        last_attempt_at: now,
        gave_up_at: give ? now : null,
      };
    });
    // first_attempt_at must survive later attempts, so it is not in the update set.
    for (const part of chunk(rows, Math.floor(this.engine.maxParameters / 6))) {
      await this.tx
        .insertInto('transcript_pending')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['connection_id', 'call_id']).doUpdateSet((eb) => ({
            attempts: eb.ref('excluded.attempts'),
            last_attempt_at: eb.ref('excluded.last_attempt_at'),
            gave_up_at: eb.ref('excluded.gave_up_at'),
          })),
        )
        .execute();
    }
    return { gaveUp };
  }

  /** Sets a stream's state; fields not given keep their value. */
  async setStreamState(
    stream: string,
    patch: { watermark?: string | null; backfillFrom?: string | null; progress?: WindowProgress | null; completedAt?: string | null },
    now: string,
  ): Promise<void> {
    const current = await this.tx
      .selectFrom('sync_state')
      .selectAll()
      .where('connection_id', '=', this.connectionId)
      .where('stream', '=', stream)
      .executeTakeFirst();
    const row = {
      connection_id: this.connectionId,
      stream,
      watermark: patch.watermark !== undefined ? patch.watermark : (current?.watermark ?? null),
      backfill_from: patch.backfillFrom !== undefined ? patch.backfillFrom : (current?.backfill_from ?? null),
      progress:
        patch.progress !== undefined
          ? patch.progress === null
            ? null
            : JSON.stringify(patch.progress)
          : (current?.progress ?? null),
      completed_at: patch.completedAt !== undefined ? patch.completedAt : (current?.completed_at ?? null),
      updated_at: now,
    };
    await upsertRows(this.tx, 'sync_state', [row], ['connection_id', 'stream'], this.engine.maxParameters);
  }

  async startRun(runId: string, now: string): Promise<void> {
    await this.tx
      .insertInto('sync_runs')
      .values({ connection_id: this.connectionId, id: runId, started_at: now, finished_at: null, status: 'running', error: null, stats: null })
      .execute();
  }

  /** Runs still marked `running` while we hold the sync lock were killed: record that. */
  async failInterruptedRuns(message: string, now: string): Promise<void> {
    await this.tx
      .updateTable('sync_runs')
      .set({ status: 'failed', finished_at: now, error: message })
      .where('connection_id', '=', this.connectionId)
      .where('status', '=', 'running')
      .execute();
  }

  async finishRun(runId: string, status: RunStatus, stats: RunStats, error: string | null, now: string): Promise<void> {
    await this.tx
      .updateTable('sync_runs')
      .set({ status, finished_at: now, stats: JSON.stringify(stats), error })
      .where('connection_id', '=', this.connectionId)
      .where('id', '=', runId)
      .execute();
  }

  private async deleteWhereCallIn(
    table: 'transcript_pending',
    callIds: readonly string[],
  ): Promise<void> {
    for (const ids of chunk(callIds, ID_CHUNK)) {
      await (this.tx as UntypedKysely)
        .deleteFrom(table)
        .where('connection_id', '=', this.connectionId)
        .where('call_id', 'in', ids)
        .execute();
    }
  }
}
