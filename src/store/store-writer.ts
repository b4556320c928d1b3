import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { StoreEngine } from './engine.js';
import type {
  CallRecord,
  CallsWindowProgress,
  RunStats,
  RunStatus,
  TranscriptRecord,
  UserRecord,
} from './records.js';
import { chunk, upsertRows } from './upsert-rows.js';
import { readUserNames, type StoredUserName } from './read-user-names.js';
import type { UntypedKysely } from './untyped-kysely.js';

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

  /** Upserts users and stamps them as seen by `runId`; a user who comes back is undeleted. */
  async upsertUsers(users: readonly UserRecord[], runId: string, now: string): Promise<void> {
    const rows = users.map((u) => ({
      connection_id: this.connectionId,
      id: u.id,
      email: u.email,
      first_name: u.first_name,
      last_name: u.last_name,
      title: u.title,
      manager_id: u.manager_id,
      active: u.active === null ? null : this.engine.bool(u.active),
      created_at: u.created_at,
      deleted_at: null,
      raw: JSON.stringify(u.raw),
      seen_run_id: runId,
      synced_at: now,
    }));
    await upsertRows(this.tx, 'gong_users', rows, ['connection_id', 'id'], this.engine.maxParameters);
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
    const rows = calls.map((c) => ({
      connection_id: this.connectionId,
      id: c.id,
      title: c.title,
      scheduled_at: c.scheduled_at,
      started_at: c.started_at,
      duration_seconds: c.duration_seconds,
      primary_user_id: c.primary_user_id,
      direction: c.direction,
      scope: c.scope,
      media: c.media,
      system: c.system,
      language: c.language,
      workspace_id: c.workspace_id,
      url: c.url,
      is_private: this.engine.bool(c.is_private),
      raw: JSON.stringify(c.raw),
      seen_pass_id: passId,
      synced_at: now,
    }));
    await upsertRows(this.tx, 'gong_calls', rows, ['connection_id', 'id'], this.engine.maxParameters);
    await this.deleteWhereCallIn('gong_call_parties', calls.map((c) => c.id));
    const parties = calls.flatMap((c) =>
      (c.parties ?? []).map((p) => ({ connection_id: this.connectionId, call_id: c.id, ...p })),
    );
    // Gong promises party ids unique within a call; a duplicate must not abort the page.
    await upsertRows(this.tx, 'gong_call_parties', dedupeParties(parties), ['connection_id', 'call_id', 'party_id'], this.engine.maxParameters);
    return { parties: parties.length };
  }

  /**
   * Removes calls and everything hanging off them (parties, transcript, pending marker, links):
   * used when a stored call turns private. Returns how many calls existed.
   */
  async deleteCalls(callIds: readonly string[]): Promise<number> {
    if (callIds.length === 0) return 0;
    let deleted = 0;
    for (const ids of chunk(callIds, ID_CHUNK)) {
      const result = await this.tx
        .deleteFrom('gong_calls')
        .where('connection_id', '=', this.connectionId)
        .where('id', 'in', ids)
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    for (const table of ['gong_call_parties', 'gong_transcripts', 'transcript_pending', 'gong_call_links'] as const) {
      await this.deleteWhereCallIn(table, callIds);
    }
    return deleted;
  }

  /**
   * After a complete, error-free pass over `[from, to)`: stored calls in that span the pass did
   * not see were deleted in Gong (or moved out of reach), and are removed with their dependents.
   */
  async deleteCallsUnseenBy(passId: string, from: string, to: string): Promise<number> {
    const gone = await this.tx
      .selectFrom('gong_calls')
      .select('id')
      .where('connection_id', '=', this.connectionId)
      .where('started_at', '>=', from)
      .where('started_at', '<', to)
      .where((eb) => eb.or([eb('seen_pass_id', 'is', null), eb('seen_pass_id', '!=', passId)]))
      .execute();
    return this.deleteCalls(gone.map((r) => r.id));
  }

  /** Stores transcripts and clears their pending markers. */
  async upsertTranscripts(transcripts: readonly TranscriptRecord[]): Promise<void> {
    const rows = transcripts.map((t) => ({
      connection_id: this.connectionId,
      call_id: t.call_id,
      segments: JSON.stringify(t.segments),
      text: t.text,
      fetched_at: t.fetched_at,
    }));
    await upsertRows(this.tx, 'gong_transcripts', rows, ['connection_id', 'call_id'], this.engine.maxParameters);
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
    patch: { watermark?: string | null; backfillFrom?: string | null; progress?: CallsWindowProgress | null; completedAt?: string | null },
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
    table: 'gong_call_parties' | 'gong_transcripts' | 'transcript_pending' | 'gong_call_links',
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

function dedupeParties<T extends { call_id: string; party_id: string }>(rows: T[]): T[] {
  const seen = new Map<string, T>();
  for (const row of rows) seen.set(`${row.call_id}\u0000${row.party_id}`, row);
  return seen.size === rows.length ? rows : [...seen.values()];
}
