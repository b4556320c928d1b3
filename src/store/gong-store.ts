/**
 * The store, and the tenant boundary. One database (a SQLite file, or a PostgreSQL that many
 * companies share) holds the rows of one or more Gong connections; a `GongStore` is one
 * connection's view of it. How to query it (read this before adding a query):
 *
 * - `store.scoped` — Kysely typed with every table (`schema/`: Gong, CRM, sync bookkeeping,
 *   connections). Every tenant table (`tenant: true` in its definition) in a SELECT, a JOIN, a
 *   subquery, an UPDATE or a DELETE gets `connection_id = <this connection>`, and INSERTs get
 *   `connection_id` filled (and added to `ON CONFLICT` targets). Never write a `connection_id`
 *   filter or value in feature code: build the query here and it is scoped.
 *     await store.scoped.selectFrom('gong_calls as c')
 *       .innerJoin('gong_call_links as l', 'l.call_id', 'c.id').select(['c.id', 'l.crm_object_id']).execute();
 * - `writer.scoped` — the same inside `store.write((writer) => …)`, one transaction.
 *   `upsertScopedRows(writer.scoped, table, rows, key, store.engine.maxParameters)` upserts rows
 *   given without `connection_id` (`tenant/upsert-scoped-rows.ts`).
 * - Raw SQL (`sql\`…\``) cannot be rewritten: on `store.scoped` it is refused unless it binds
 *   `${store.connectionId}`; keep it to engine-specific code (`src/search/sqlite|postgres`).
 * - `store.allTenants` — unscoped, every connection's rows: only for reads that are across
 *   tenants by design (workers' scheduling and fleet status, the `connections` table, shared
 *   rate limits, removing a connection). Grep for `allTenants` to review them.
 * - `store.dialect` — the SQL the engines spell differently (JSON extraction, the catalog,
 *   whether multi-tenant mode is available): feature code never branches on `store.kind`.
 *   Search has its own seam, `src/search/search-dialect.ts`.
 */
import { inspect } from 'node:util';
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { TABLES, type Database, type GongCallPartiesTable, type SyncRunsTable } from './schema/index.js';
import type { AnyTable } from './schema/table.js';
import type { StoreEngine, SyncLock } from './engine.js';
import type { CallsWindowProgress, RunStats, RunStatus, StreamState } from './records.js';
import { StoreWriter } from './store-writer.js';
import { scopeToConnection } from './tenant/scope-to-connection.js';
import type { StoreDialect } from './dialect.js';
import { normalizeTime } from './normalize-time.js';

export { normalizeTime } from './normalize-time.js';
import { chunk } from './upsert-rows.js';
import { readUserNames, type StoredUserName } from './read-user-names.js';
import type { UntypedKysely } from './untyped-kysely.js';

export const DEFAULT_CONNECTION = 'default';

export interface RunSummary {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  error: string | null;
  stats: RunStats | null;
}

/** A party row as stored (one connection's, so without `connection_id`). */
export type StoredParty = Omit<GongCallPartiesTable, 'connection_id'>;

export type { StoredUserName } from './read-user-names.js';

/**
 * The store: one connection's view of a SQLite or PostgreSQL database. Writes go through
 * `write()` (one transaction); reads are methods here. The engine-specific parts live in
 * `store/sqlite` and `store/postgres`.
 *
 * @example
 * const store = await openStore('./pandora-gong.db');
 * const state = await store.getStreamState('calls');
 * await store.close();
 */
export class GongStore {
  constructor(
    readonly engine: StoreEngine,
    readonly connectionId: string = DEFAULT_CONNECTION,
  ) {}

  #scoped: Kysely<Database> | undefined;

  get kind(): StoreEngine['kind'] {
    return this.engine.kind;
  }

  /**
   * Kysely on this connection's rows only: every tenant table in a query is filtered on
   * `connection_id` and inserts fill it (`tenant/tenant-scope-plugin.ts`). What feature code
   * queries with; it never writes a `connection_id` filter itself.
   */
  get scoped(): Kysely<Database> {
    this.#scoped ??= scopeToConnection(this.engine.db, this.connectionId);
    return this.#scoped;
  }

  /**
   * Kysely on every connection's rows, unfiltered: the explicit escape hatch for the few reads
   * across tenants (the workers' scheduling and fleet status, the connections table, shared
   * rate limits). Grep for `allTenants` to review them all.
   */
  get allTenants(): Kysely<Database> {
    return this.engine.db;
  }

  /** What `util.inspect` and `console.log` show: the engine and its location, never a password. */
  [inspect.custom](): string {
    return `GongStore(${this.kind} ${this.engine.location}, connection ${this.connectionId})`;
  }

  /** What `JSON.stringify` shows (a store holds a pool whose options carry the database password). */
  toJSON(): object {
    return { kind: this.kind, location: this.engine.location, connectionId: this.connectionId };
  }

  /** SQL that differs between SQLite and PostgreSQL, for feature code that needs it (`dialect.ts`). */
  get dialect(): StoreDialect {
    return this.engine.dialect;
  }

  /** The same database seen as another connection (multi-tenant mode); shares the engine. */
  forConnection(connectionId: string): GongStore {
    return new GongStore(this.engine, connectionId);
  }

  /** Runs `fn` in one write transaction; then the writer's `afterCommit` callbacks. */
  async write<T>(fn: (writer: StoreWriter) => Promise<T>): Promise<T> {
    let writer: StoreWriter | undefined;
    const result = await this.engine.write((tx) => fn((writer = new StoreWriter(tx, this.engine, this.connectionId))));
    writer?.committed();
    return result;
  }

  /** Takes this connection's sync lock, or null when another sync holds it. */
  tryLockSync(): Promise<SyncLock | null> {
    return this.engine.tryLockSync(this.connectionId);
  }

  async getStreamState(stream: string): Promise<StreamState | undefined> {
    const row = await this.scoped
      .selectFrom('sync_state')
      .selectAll()
      .where('stream', '=', stream)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      watermark: row.watermark,
      backfillFrom: row.backfill_from,
      progress: row.progress ? (JSON.parse(row.progress) as CallsWindowProgress) : null,
      completedAt: row.completed_at,
      updatedAt: row.updated_at,
    };
  }

  async allStreamStates(): Promise<Record<string, StreamState>> {
    const rows = await this.scoped.selectFrom('sync_state').selectAll().execute();
    return Object.fromEntries(
      rows.map((row) => [
        row.stream,
        {
          watermark: row.watermark,
          backfillFrom: row.backfill_from,
          progress: row.progress ? (JSON.parse(row.progress) as CallsWindowProgress) : null,
          completedAt: row.completed_at,
          updatedAt: row.updated_at,
        },
      ]),
    );
  }

  /**
   * The next calls that still need a transcript, in `(started_at, id)` order after `after`:
   * never asked for, or asked for and not yet given up on. Keyset paging keeps memory flat.
   */
  async callsNeedingTranscript(
    limit: number,
    after?: { startedAt: string; id: string },
  ): Promise<{ id: string; startedAt: string }[]> {
    let query = this.scoped
      .selectFrom('gong_calls as c')
      .leftJoin('gong_transcripts as t', (j) => j.onRef('t.call_id', '=', 'c.id'))
      .leftJoin('transcript_pending as p', (j) => j.onRef('p.call_id', '=', 'c.id'))
      .select(['c.id', 'c.started_at'])
      .where('t.call_id', 'is', null)
      .where('p.gave_up_at', 'is', null);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('c.started_at', '>', after.startedAt),
          eb.and([eb('c.started_at', '=', after.startedAt), eb('c.id', '>', after.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('c.started_at').orderBy('c.id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, startedAt: normalizeTime(r.started_at) }));
  }

  async partiesOfCalls(callIds: readonly string[]): Promise<Map<string, StoredParty[]>> {
    const out = new Map<string, StoredParty[]>();
    for (const ids of chunk(callIds, 500)) {
      const rows = await this.scoped
        .selectFrom('gong_call_parties')
        .select(['call_id', 'party_id', 'speaker_id', 'user_id', 'email', 'name', 'title', 'affiliation', 'phone'])
        .where('call_id', 'in', ids)
        .orderBy('call_id')
        .orderBy('party_id')
        .execute();
      for (const row of rows) {
        const list = out.get(row.call_id) ?? [];
        list.push(row);
        out.set(row.call_id, list);
      }
    }
    return out;
  }

  /** Names of Gong users, for speakers whose party has a `userId` but no name. */
  userNames(userIds: readonly string[]): Promise<Map<string, StoredUserName>> {
    return readUserNames(this.scoped, this.connectionId, userIds);
  }

  /** Which of these calls are stored: a call that turned private is deleted only if it was stored. */
  async existingCallIds(callIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const ids of chunk(callIds, 500)) {
      const rows = await this.scoped
        .selectFrom('gong_calls')
        .select('id')
        .where('id', 'in', ids)
        .execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  }

  async getCall(callId: string) {
    return this.scoped
      .selectFrom('gong_calls')
      .selectAll()
      .where('id', '=', callId)
      .executeTakeFirst();
  }

  async getTranscript(callId: string) {
    return this.scoped
      .selectFrom('gong_transcripts')
      .selectAll()
      .where('call_id', '=', callId)
      .executeTakeFirst();
  }

  /** Row counts of the product tables (every table `export` knows). */
  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of TABLES.filter((t: AnyTable) => t.exportName !== undefined && t.tenant)) {
      const row = await (this.scoped as UntypedKysely)
        .selectFrom(table.name)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      out[table.name] = Number(row.n);
    }
    const deletedUsers = await this.scoped
      .selectFrom('gong_users')
      .select(sql<number>`count(*)`.as('n'))
      .where('deleted_at', 'is not', null)
      .executeTakeFirstOrThrow();
    out.gong_users_deleted = Number(deletedUsers.n);
    return out;
  }

  /** Calls still waiting for a transcript, and those given up on (`status`'s `pendingTranscripts`). */
  async pendingTranscripts(): Promise<{ waiting: number; neverAsked: number; gaveUp: number; oldestWaiting: string | null }> {
    const base = this.scoped
      .selectFrom('gong_calls as c')
      .leftJoin('gong_transcripts as t', (j) => j.onRef('t.call_id', '=', 'c.id'))
      .leftJoin('transcript_pending as p', (j) => j.onRef('p.call_id', '=', 'c.id'))
      .where('t.call_id', 'is', null);
    const row = await base
      .select([
        sql<number>`sum(case when p.call_id is null then 1 else 0 end)`.as('never_asked'),
        sql<number>`sum(case when p.call_id is not null and p.gave_up_at is null then 1 else 0 end)`.as('waiting'),
        sql<number>`sum(case when p.gave_up_at is not null then 1 else 0 end)`.as('gave_up'),
        sql<string | null>`min(case when p.call_id is not null and p.gave_up_at is null then c.started_at end)`.as('oldest'),
      ])
      .executeTakeFirstOrThrow();
    return {
      waiting: Number(row.waiting ?? 0),
      neverAsked: Number(row.never_asked ?? 0),
      gaveUp: Number(row.gave_up ?? 0),
      oldestWaiting: row.oldest ? normalizeTime(row.oldest) : null,
    };
  }

  async recentRuns(limit = 5): Promise<RunSummary[]> {
    const rows = await this.scoped
      .selectFrom('sync_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRunSummary);
  }

  async lastRunWithStatus(status: RunStatus): Promise<RunSummary | undefined> {
    const row = await this.scoped
      .selectFrom('sync_runs')
      .select('id')
      .where('status', '=', status)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!row) return undefined;
    return (await this.runsById([row.id]))[0];
  }

  private async runsById(ids: string[]): Promise<RunSummary[]> {
    const rows = await this.scoped
      .selectFrom('sync_runs')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    return rows.map(toRunSummary);
  }

  /** Requests counted today (UTC) per Gong account key. */
  async requestsOn(day: string): Promise<{ accountKey: string; used: number }[]> {
    const rows = await this.scoped.selectFrom('request_budget').select(['account_key', 'used']).where('day', '=', day).execute();
    return rows.map((r) => ({ accountKey: r.account_key, used: Number(r.used) }));
  }

  /** A persisted budget counter for the client (implements the client's `BudgetStore`). */
  budgetStore(): { load(accountKey: string, day: string): Promise<number>; add(accountKey: string, day: string, n: number): Promise<number> } {
    return {
      load: async (accountKey, day) => {
        const row = await this.scoped
          .selectFrom('request_budget')
          .select('used')
          .where('account_key', '=', accountKey)
          .where('day', '=', day)
          .executeTakeFirst();
        return Number(row?.used ?? 0);
      },
      add: (accountKey, day, n) =>
        this.engine.write(async (tx) => {
          const row = await tx
            .insertInto('request_budget')
            .values({ account_key: accountKey, day, used: n, updated_at: new Date().toISOString() })
            .onConflict((oc) =>
              oc.columns(['account_key', 'day']).doUpdateSet((eb) => ({
                used: sql<number>`${eb.ref('request_budget.used')} + ${n}`,
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .returning('used')
            .executeTakeFirstOrThrow();
          return Number(row.used);
        }),
    };
  }

  /** Where the client keeps Gong's clock offset for this connection between runs. */
  clockOffsetStore(): { load(): Promise<number | undefined>; save(offsetMs: number): Promise<void> } {
    const key = `gong-clock-offset-ms:${this.connectionId}`;
    return {
      load: async () => {
        const saved = await this.getMeta(key);
        const offset = saved === undefined ? undefined : Number(saved);
        return offset !== undefined && Number.isFinite(offset) ? offset : undefined;
      },
      save: (offsetMs) => this.setMeta(key, String(offsetMs)),
    };
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.scoped.selectFrom('store_meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.engine.write((tx) =>
      tx
        .insertInto('store_meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute(),
    );
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

function toRunSummary(r: Selectable<SyncRunsTable>): RunSummary {
  return {
    id: r.id,
    startedAt: normalizeTime(r.started_at),
    finishedAt: r.finished_at ? normalizeTime(r.finished_at) : null,
    status: r.status as RunStatus,
    error: r.error,
    stats: r.stats ? (JSON.parse(r.stats) as RunStats) : null,
  };
}
